package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.spi.MountException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Multi-mount protection ({@code fs/ext4/mmp.c:ext4_multi_mount_protect()}) for images with the
 * {@code mmp} feature. The kernel checks it for writable mounts only: the MMP block's sequence says
 * whether the filesystem is clean ({@code EXT4_MMP_SEQ_CLEAN}), being checked by e2fsck
 * ({@code EXT4_MMP_SEQ_FSCK}) or in use by a node that keeps bumping it; a writable mount then
 * claims the block and a kernel thread keeps updating it.
 *
 * <p>Deliberate divergence: the model does not run the updating thread, so it refuses every
 * writable mount of an MMP image, saying why; read-only mounts go on, as the kernel's do. A block
 * that is in use or being checked gets the kernel's message; no waiting for the sequence to move.
 */
final class Ext4Mmp {
    /** {@code EXT4_MMP_MAGIC}. */
    static final int MAGIC = 0x004D4D50;
    /** {@code EXT4_MMP_SEQ_CLEAN}. */
    static final int SEQ_CLEAN = 0xFF4D4D50;
    /** {@code EXT4_MMP_SEQ_FSCK}. */
    static final int SEQ_FSCK = 0xE24D4D50;

    private Ext4Mmp() {
    }

    /** Refuses a writable mount of an image with {@code mmp}, with the reason. */
    static void refuseWritable(BlockDevice dev, Ext4SuperBlock es, String name) throws MountException {
        long blk = es.mmpBlock();
        if (blk < es.firstDataBlock() || blk >= es.blocksCount() || blk >= dev.sizeInBlocks(es.blockSize())) {
            throw new MountException(name + ": Invalid MMP block in superblock");
        }
        ByteBuffer b = ByteBuffer.wrap(dev.readBlock(blk, es.blockSize())).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) {
            throw new MountException(name + ": Invalid MMP block in superblock (bad magic)");
        }
        int seq = b.getInt(4);
        if (seq == SEQ_FSCK) {
            throw new MountException(name + ": fsck is running on the filesystem");
        }
        if (seq != SEQ_CLEAN) {
            throw new MountException(name + ": Device is already active on another node (MMP sequence "
                    + Integer.toUnsignedString(seq) + ")");
        }
        throw new MountException(name + ": multi-mount protection (the mmp feature) is not modelled for writable "
                + "mounts; mount it read-only");
    }
}
