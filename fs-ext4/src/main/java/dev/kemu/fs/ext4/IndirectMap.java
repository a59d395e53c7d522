package dev.kemu.fs.ext4;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Block-mapped (ext2/ext3 style) files, read only ({@code fs/ext4/indirect.c:ext4_ind_map_blocks()}):
 * {@code i_block} holds 12 direct block numbers and the roots of the single, double and triple
 * indirect trees, each indirect block holding a block's worth of 4-byte block numbers
 * ({@code EXT4_ADDR_PER_BLOCK}: 256 to 1024). 0 is a hole.
 *
 * <p>Deliberate divergence: the model never writes block-mapped files (their writes and
 * truncations are EOPNOTSUPP); it only frees all their blocks when such a file is evicted
 * ({@code ext4_ind_truncate} to zero).
 */
final class IndirectMap {
    private static final int DIRECT = 12;

    private IndirectMap() {
    }

    private static long entry(byte[] b, int i) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * i) & 0xFFFFFFFFL;
    }

    /** The block holding logical block {@code lblk}, or 0. */
    static long map(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        byte[] root = info.root();
        if (lblk < DIRECT) {
            return entry(root, (int) lblk);
        }
        lblk -= DIRECT;
        int perBlock = sbi.blockSize / 4;
        long span = perBlock;
        for (int level = 1; level <= 3; level++) {
            if (lblk < span) {
                return walk(sbi, entry(root, DIRECT + level - 1), level, lblk);
            }
            lblk -= span;
            span *= perBlock;
        }
        return 0;
    }

    /**
     * Frees every data and indirect block of a block-mapped inode and clears its pointers; the
     * caller holds {@code i_data_sem} for writing and writes the inode afterwards.
     */
    static void freeAll(Ext4SbInfo sbi, Ext4InodeInfo info) {
        byte[] root = info.root();
        for (int i = 0; i < DIRECT + 3; i++) {
            long b = entry(root, i);
            if (b != 0) {
                freeTree(sbi, info, b, i < DIRECT ? 0 : i - DIRECT + 1);
            }
        }
        info.setRoot(new byte[root.length]);
    }

    private static void freeTree(Ext4SbInfo sbi, Ext4InodeInfo info, long blk, int level) {
        if (blk >= sbi.es().blocksCount()) {
            throw new FsCorruptedException("block pointer " + blk + " outside the filesystem");
        }
        if (level > 0) {
            byte[] b = sbi.bread(blk);
            for (int i = 0; i < sbi.blockSize / 4; i++) {
                long child = entry(b, i);
                if (child != 0) {
                    freeTree(sbi, info, child, level - 1);
                }
            }
        }
        sbi.mballoc.freeBlocks(blk, 1);
        info.addBlocks(-(sbi.sectorsPerBlock()));
    }

    private static long walk(Ext4SbInfo sbi, long blk, int level, long lblk) {
        int perBlock = sbi.blockSize / 4;
        long span = 1;
        for (int i = 1; i < level; i++) {
            span *= perBlock;
        }
        while (level > 0) {
            if (blk == 0 || blk >= sbi.es().blocksCount()) {
                return 0;
            }
            byte[] b = sbi.bread(blk);
            blk = entry(b, (int) (lblk / span));
            lblk %= span;
            span /= perBlock;
            level--;
        }
        return blk;
    }
}
