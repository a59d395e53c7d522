package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link Mkfs} layouts, checked by {@link Ext4Fsck} (the real e2fsck is in {@link RealToolsTest}). */
class MkfsTest {
    @Test
    void format_variousSizes_checkClean() {
        for (long mib : new long[] {1, 4, 64, 300, 1024, 5000}) {
            MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(mib << 20);
            Mkfs.format(dev, Mkfs.Options.ZEROED);
            assertEquals(List.of(), Ext4Fsck.check(dev), mib + " MiB");
        }
    }

    @Test
    void format_oneGibibyte_likeMke2fs() {
        MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(1L << 30);
        Mkfs.format(dev, new Mkfs.Options("vol", UUID.fromString("2207a635-62ce-4a8a-98dd-de2e51535451"), 0, 1000,
                true));
        Ext4SuperBlock sb = Ext4Fsck.superBlock(dev);
        assertEquals(262144, sb.blocksCount());
        assertEquals(65536, sb.inodesCount());
        assertEquals(8192, sb.inodesPerGroup());
        assertEquals(13107, sb.rBlocksCount());
        assertEquals(258017, sb.freeBlocksCount(), "the same as mkfs.ext4 -O ^resize_inode,^has_journal");
        assertEquals(65525, sb.freeInodesCount());
        assertEquals("vol", sb.volumeName());
        assertTrue(sb.hasRoCompat(Ext4Features.RO_COMPAT_METADATA_CSUM));
        assertTrue(sb.hasIncompat(Ext4Features.INCOMPAT_64BIT));
        assertEquals(4, sb.logGroupsPerFlex());
        assertTrue(sb.checksumValid());
    }

    @Test
    void format_dirtyDevice_zeroesInodeTables() {
        MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(16L << 20);
        byte[] junk = new byte[4096];
        java.util.Arrays.fill(junk, (byte) 0x5A);
        for (long b = 0; b < dev.sizeInBlocks(4096); b++) {
            dev.writeBlock(b, 4096, junk, 0);
        }
        Mkfs.format(dev);
        assertEquals(List.of(), Ext4Fsck.check(dev));
    }

    @Test
    void format_tinyDevice_refused() {
        assertThrows(IllegalArgumentException.class, () -> Mkfs.format(MemoryBlockDevice.ofBytes(100 * 4096)));
    }
}
