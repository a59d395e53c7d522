package dev.kemu.fs.ext4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.spi.MountException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Ext4SuperChecks}: each size or geometry field of a freshly made filesystem set to a value
 * {@code __ext4_fill_super} refuses gives a {@link MountException} with the kernel's message, never
 * an arithmetic or argument exception. The superblock checksum is recomputed after each change,
 * so the check under test is the one that refuses.
 */
class Ext4SuperChecksTest {
    private static final long DEVICE = 16L << 20;

    /** A formatted RAM disk whose superblock bytes {@code change} edits (offsets of struct ext4_super_block). */
    private static MemoryBlockDevice patched(int blockSize, Consumer<ByteBuffer> change) {
        MemoryBlockDevice dev = MemoryBlockDevice.ofBytes(DEVICE);
        Mkfs.format(dev, Mkfs.Options.ZEROED.withBlockSize(blockSize));
        byte[] raw = new byte[Ext4SuperBlock.SIZE];
        dev.read(Ext4SuperBlock.OFFSET, raw, 0, raw.length);
        change.accept(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
        byte[] encoded = Ext4SuperBlock.decode(raw, 0).encode();
        dev.write(Ext4SuperBlock.OFFSET, encoded, 0, encoded.length);
        return dev;
    }

    private static String refusal(BlockDevice dev) {
        return assertThrows(MountException.class, () -> Ext4Super.fillSuper(dev, "ramdisk", false)).getMessage();
    }

    private static String refusal(int blockSize, Consumer<ByteBuffer> change) {
        return refusal(patched(blockSize, change));
    }

    @Test
    void fillSuper_eachBlockSize_mountsWithThatBlockSize() throws Exception {
        for (int bs : new int[] {1024, 2048, 4096}) {
            SuperBlock sb = Ext4Super.fillSuper(patched(bs, b -> { }), "ramdisk", false);
            assertEquals(bs, Ext4FileSystemType.blockSize(sb));
            assertEquals(Ext4SbInfo.maxSize(Ext4Fsck.superBlock(Ext4FileSystemType.device(sb))), sb.maxBytes());
            sb.sop().putSuper(sb);
        }
    }

    @Test
    void maxSize_followsBlockSize() throws Exception {
        // ext4_max_size with huge_file: (2^32 - 1) blocks.
        assertEquals(((1L << 32) - 1) << 10, Ext4SbInfo.maxSize(superOf(1024)));
        assertEquals(((1L << 32) - 1) << 12, Ext4SbInfo.maxSize(superOf(4096)));
    }

    private static Ext4SuperBlock superOf(int blockSize) {
        return Ext4Fsck.superBlock(patched(blockSize, b -> { }));
    }

    @Test
    void fillSuper_deviceTooSmall_unableToReadSuperblock() {
        assertEquals("ramdisk: unable to read superblock", refusal(MemoryBlockDevice.ofBytes(1536)));
    }

    @Test
    void fillSuper_logBlockSizeAboveSix_invalidLogBlockSize() {
        assertEquals("ramdisk: Invalid log block size: 7", refusal(4096, b -> b.putInt(0x18, 7)));
        assertEquals("ramdisk: Invalid log block size: 4294967295", refusal(4096, b -> b.putInt(0x18, -1)));
    }

    @Test
    void fillSuper_logClusterSizeTooLarge_invalidLogClusterSize() {
        assertEquals("ramdisk: Invalid log cluster size: 25", refusal(4096, b -> b.putInt(0x1C, 25)));
    }

    @Test
    void fillSuper_blockSizeAbovePage_badBlockSize() {
        assertEquals("ramdisk: bad block size 8192", refusal(4096, b -> b.putInt(0x18, 3)));
        assertEquals("ramdisk: bad block size 65536", refusal(4096, b -> b.putInt(0x18, 6)));
    }

    @Test
    void fillSuper_firstInoBelowEleven_invalidFirstIno() {
        assertEquals("ramdisk: invalid first ino: 5", refusal(4096, b -> b.putInt(0x54, 5)));
    }

    @Test
    void fillSuper_inodeSizeBad_unsupportedInodeSize() {
        assertEquals("ramdisk: unsupported inode size: 100 (blocksize: 4096)", refusal(4096, b -> b.putShort(0x58, (short) 100)));
        assertEquals("ramdisk: unsupported inode size: 2048 (blocksize: 1024)",
                refusal(1024, b -> b.putShort(0x58, (short) 2048)));
    }

    @Test
    void fillSuper_descriptorSizeBad_unsupportedDescriptorSize() {
        assertEquals("ramdisk: unsupported descriptor size 48", refusal(4096, b -> b.putShort(0xFE, (short) 48)));
    }

    @Test
    void fillSuper_blocksPerGroupZero_cantFindFilesystem() {
        assertEquals("ramdisk: VFS: Can't find ext4 filesystem", refusal(4096, b -> b.putInt(0x20, 0)));
    }

    @Test
    void fillSuper_inodesPerGroupOutOfRange_invalidInodesPerGroup() {
        assertEquals("ramdisk: invalid inodes per group: 1", refusal(4096, b -> b.putInt(0x28, 1)));
        assertEquals("ramdisk: invalid inodes per group: 8193", refusal(1024, b -> b.putInt(0x28, 8193)));
    }

    @Test
    void fillSuper_hashVersionUnknown_invalidDefaultHash() {
        assertEquals("ramdisk: Invalid default hash set in the superblock", refusal(4096, b -> b.put(0xFC, (byte) 9)));
        assertEquals("ramdisk: SIPHASH is not a valid default hash value", refusal(4096, b -> b.put(0xFC, (byte) 6)));
    }

    @Test
    void fillSuper_clusterSizeDiffers_fragmentClusterSize() {
        assertEquals("ramdisk: fragment/cluster size (4096) != block size (1024)", refusal(1024, b -> b.putInt(0x1C, 2)));
    }

    @Test
    void fillSuper_blocksPerGroupAboveBitmap_tooBig() {
        assertEquals("ramdisk: #blocks per group too big: 8200", refusal(1024, b -> b.putInt(0x20, 8200)));
        assertEquals("ramdisk: #clusters per group too big: 40000", refusal(4096, b -> b.putInt(0x24, 40000)));
    }

    @Test
    void fillSuper_clustersPerGroupDiffers_inconsistent() {
        assertEquals("ramdisk: blocks per group (32768) and clusters per group (16384) inconsistent",
                refusal(4096, b -> b.putInt(0x24, 16384)));
    }

    @Test
    void fillSuper_reservedGdtBlocksHuge_insanelyLarge() {
        assertEquals("ramdisk: Number of reserved GDT blocks insanely large: 2000",
                refusal(4096, b -> b.putShort(0xCE, (short) 2000)));
    }

    @Test
    void fillSuper_blockCountBeyondAddressable_tooLarge() {
        assertEquals("ramdisk: filesystem too large to mount safely on this system",
                refusal(4096, b -> b.putInt(0x150, -1)));
    }

    @Test
    void fillSuper_blockCountBeyondDevice_badGeometry() {
        assertEquals("ramdisk: bad geometry: block count 4097 exceeds size of device (4096 blocks)",
                refusal(4096, b -> b.putInt(0x04, 4097)));
        assertEquals("ramdisk: bad geometry: block count 16385 exceeds size of device (16384 blocks)",
                refusal(1024, b -> b.putInt(0x04, 16385)));
    }

    @Test
    void fillSuper_firstDataBlockPastEnd_badGeometry() {
        assertEquals("ramdisk: bad geometry: first data block 4096 is beyond end of filesystem (4096)",
                refusal(4096, b -> b.putInt(0x14, 4096)));
    }

    @Test
    void fillSuper_oneKiBBlocksFirstDataBlockZero_badGeometry() {
        assertEquals("ramdisk: bad geometry: first data block is 0 with a 1k block and cluster size",
                refusal(1024, b -> b.putInt(0x14, 0)));
    }

    @Test
    void fillSuper_inodesCountWrong_notValid() {
        MemoryBlockDevice dev = patched(4096, b -> b.putInt(0x00, b.getInt(0x00) + 1));
        Ext4SuperBlock es = Ext4Fsck.superBlock(dev);
        assertEquals("ramdisk: inodes count not valid: " + es.inodesCount() + " vs " + (es.inodesCount() - 1), refusal(dev));
    }
}
