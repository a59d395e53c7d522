package dev.kemu.fs.ext4.disklayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding, decoding and validation of the on-disk records. */
class DiskLayoutTest {
    @Test
    void extent_unwrittenLength_encodedAbove32768() {
        byte[] b = new byte[12];
        new Ext4Extent(5, 10, true, 0x1_0000_0002L).encode(b, 0);
        assertEquals(32768 + 10, (b[4] & 0xFF) | (b[5] & 0xFF) << 8);
        assertEquals(1, b[6], "ee_start_hi");
        assertEquals(new Ext4Extent(5, 10, true, 0x1_0000_0002L), Ext4Extent.decode(b, 0));
        new Ext4Extent(0, 32768, false, 9).encode(b, 0);
        assertEquals(new Ext4Extent(0, 32768, false, 9), Ext4Extent.decode(b, 0), "32768 is a full initialized extent");
    }

    @Test
    void extent_lengthLimits_enforced() {
        assertThrows(IllegalArgumentException.class, () -> new Ext4Extent(0, 32768, true, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ext4Extent(0, 32769, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ext4Extent(0, 0, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ext4Extent(0xFFFFFFFFL, 2, false, 1));
        assertThrows(IllegalArgumentException.class, () -> new Ext4Extent(0, 1, false, 1L << 48));
    }

    @Test
    void extentHeader_check_reportsBadMagicAndDepth() {
        assertNull(Ext4ExtentHeader.empty(4, 0).check(4, 0));
        assertTrue(new Ext4ExtentHeader(0x1234, 0, 4, 0, 0).check(4, 0).contains("magic"));
        assertTrue(Ext4ExtentHeader.empty(340, 1).check(340, 0).contains("depth"));
        assertEquals(340, Ext4ExtentHeader.blockMax(4096));
    }

    @Test
    void extentIdx_roundTrip() {
        byte[] b = new byte[12];
        new Ext4ExtentIdx(77, 0xABCD_0000_1234L).encode(b, 0);
        assertEquals(new Ext4ExtentIdx(77, 0xABCD_0000_1234L), Ext4ExtentIdx.decode(b, 0));
    }

    @Test
    void dirEntry_recLenRules() {
        assertEquals(12, Ext4DirEntry2.recLenFor(1));
        assertEquals(12, Ext4DirEntry2.recLenFor(4));
        assertEquals(16, Ext4DirEntry2.recLenFor(5));
        assertThrows(IllegalArgumentException.class, () -> Ext4DirEntry2.of(2, 10, 2, "abc"));
        byte[] block = new byte[4096];
        Ext4DirEntry2.of(11, 4096, Ext4DirEntry2.FT_DIR, "lost+found").encode(block, 0);
        Ext4DirEntry2 de = Ext4DirEntry2.decode(block, 0, 4096);
        assertEquals("lost+found", de.nameString());
        assertEquals(11, de.inode());
        assertNull(Ext4DirEntry2.decode(block, 0, 4000), "rec_len past the end is corrupt");
        assertEquals(Ext4DirEntry2.FT_REG_FILE, Ext4DirEntry2.fileTypeOf(0100644));
        assertEquals(Ext4DirEntry2.FT_DIR, Ext4DirEntry2.fileTypeOf(040755));
    }

    @Test
    void dirTail_checksumCoversTheBlock() {
        byte[] block = new byte[4096];
        Ext4DirEntry2.of(2, 4084, Ext4DirEntry2.FT_DIR, ".").encode(block, 0);
        Ext4DirEntryTail.init(block);
        assertTrue(Ext4DirEntryTail.isPresent(block));
        Ext4Checksums.setDirLeaf(1234, block);
        assertTrue(Ext4Checksums.dirLeafValid(1234, block));
        block[100] ^= 1;
        assertFalse(Ext4Checksums.dirLeafValid(1234, block));
    }

    @Test
    void inode_roundTripKeepsUnmodelledBytesAndChecksums() {
        Ext4Inode empty = Ext4Inode.empty(256);
        byte[] raw = empty.raw();
        raw[0xA0] = 0x55; // inside the in-inode attribute area
        Ext4Inode in = new Ext4Inode(0100644, 1000, 1000, 5L << 32, 1, 2, 3, 0, 1, 8, Ext4Inode.EXTENTS_FL, 0,
                new byte[60], 77, 0, 32, 0, 0, 0, 4, 0, raw);
        byte[] enc = in.encode(12, 0xCAFE);
        assertEquals(0x55, enc[0xA0]);
        assertTrue(Ext4Checksums.inodeValid(0xCAFE, 12, enc));
        assertFalse(Ext4Checksums.inodeValid(0xCAFE, 13, enc), "the inode number is in the checksum");
        Ext4Inode back = Ext4Inode.decode(enc, 0, 256);
        assertEquals(5L << 32, back.size());
        assertEquals(1000, back.uid());
        assertEquals(77, back.generation());
        assertArrayEquals(enc, back.encode(12, 0xCAFE));
        assertThrows(IllegalArgumentException.class, () -> new Ext4Inode(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new byte[59], 0, 0, 32, 0, 0, 0, 0, 0, new byte[256]));
    }

    @Test
    void groupDesc_roundTripWith64BitFields() {
        Ext4GroupDesc gd = new Ext4GroupDesc(0x1_0000_0002L, 3, 4, 70000, 8000, 5, Ext4GroupDesc.ITABLE_ZEROED, 0,
                0x12345678, 0x9ABCDEF0, 100, 0);
        byte[] enc = gd.encode(64, 3, 99);
        assertTrue(Ext4GroupDesc.checksumValid(enc, 0, 64, 3, 99));
        assertFalse(Ext4GroupDesc.checksumValid(enc, 0, 64, 4, 99), "the group number is in the checksum");
        Ext4GroupDesc back = Ext4GroupDesc.decode(enc, 0, 64);
        assertEquals(gd.blockBitmap(), back.blockBitmap());
        assertEquals(70000, back.freeBlocksCount());
        assertEquals(0x9ABCDEF0, back.inodeBitmapCsum());
    }

    @Test
    void superBlock_featureNamesAndBackupGroupNumber() {
        assertEquals("metadata_csum", Ext4Features.name(Ext4Features.Kind.RO_COMPAT, Ext4Features.RO_COMPAT_METADATA_CSUM));
        assertEquals("FEATURE_I31", Ext4Features.name(Ext4Features.Kind.INCOMPAT, 0x80000000));
        assertEquals(List.of("filetype", "extent"), Ext4Features.names(Ext4Features.Kind.INCOMPAT, 0x42));
    }

    @Test
    void geometry_sparseSuperBackups() {
        byte[] raw = new byte[1024];
        Ext4SuperBlock sb = Ext4SuperBlock.decode(raw, 0).withFeatures(0, 0, Ext4Features.RO_COMPAT_SPARSE_SUPER);
        List<Integer> backups = new java.util.ArrayList<>();
        for (int g = 0; g < 100; g++) {
            if (Ext4Geometry.hasSuper(sb, g)) {
                backups.add(g);
            }
        }
        assertEquals(List.of(0, 1, 3, 5, 7, 9, 25, 27, 49, 81), backups);
    }

    @Test
    void bitmap_findNextZero_skipsFullBytes() {
        byte[] map = new byte[16];
        java.util.Arrays.fill(map, 0, 5, (byte) 0xFF);
        map[5] = 0x7F;
        assertEquals(47, Ext4Bitmap.findNextZero(map, 0, 128));
        assertEquals(-1, Ext4Bitmap.findNextZero(map, 0, 40));
        assertEquals(47, Ext4Bitmap.count(map, 48));
    }
}
