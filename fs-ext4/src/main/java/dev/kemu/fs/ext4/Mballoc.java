package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;

/**
 * Block allocation ({@code fs/ext4/mballoc.c:ext4_mb_new_blocks()}, {@code ext4_free_blocks()};
 * the goal of {@code fs/ext4/extents.c:ext4_ext_find_goal()}).
 *
 * <p>Deliberate divergence: the buddy allocator, preallocation and delayed allocation are not
 * modelled. A block is taken first-fit from the goal to the end of its group, then from the
 * following groups, wrapping around; goals keep a file's blocks contiguous (the block after the
 * previous logical block's) and near its inode. Callers first {@link BlockGroups#claim} what they
 * may need, so an allocation never fails half-way through an operation.
 */
final class Mballoc {
    private final Ext4SbInfo sbi;
    private final BlockGroups groups;

    Mballoc(Ext4SbInfo sbi, BlockGroups groups) {
        this.sbi = sbi;
        this.groups = groups;
    }

    /** {@code ext4_inode_to_goal_block}: the first block of the inode's group. */
    long goalForInode(long ino) {
        Ext4SuperBlock es = sbi.es();
        long g = (ino - 1) / es.inodesPerGroup();
        return Ext4Geometry.groupFirstBlock(es, g);
    }

    /**
     * Allocates one block at or after {@code goal} (first fit, wrapping), consuming one block of
     * {@code res}.
     *
     * @throws FsCorruptedException if the bitmaps have no free block the counters promised
     */
    long newBlock(long goal, Reservation res) {
        Ext4SuperBlock es = sbi.es();
        if (goal < es.firstDataBlock() || goal >= es.blocksCount()) {
            goal = es.firstDataBlock();
        }
        groups.lock.lock();
        try {
            int n = groups.count();
            int g0 = (int) Ext4Geometry.groupOf(es, goal);
            for (int i = 0; i <= n; i++) {
                int g = (g0 + i) % n;
                Ext4GroupDesc gd = groups.descLocked(g);
                if (gd.freeBlocksCount() == 0) {
                    continue;
                }
                long first = Ext4Geometry.groupFirstBlock(es, g);
                long count = Ext4Geometry.groupBlockCount(es, g);
                long from = i == 0 ? goal - first : 0;
                long limit = i == n ? goal - first : count;
                byte[] map = groups.blockBitmapLocked(g);
                long bit = Ext4Bitmap.findNextZero(map, from, limit);
                if (bit < 0) {
                    continue;
                }
                Ext4Bitmap.set(map, bit);
                groups.setDescLocked(g, gd.withCounts(gd.freeBlocksCount() - 1, gd.freeInodesCount(),
                        gd.usedDirsCount(), gd.flags() & ~Ext4GroupDesc.BLOCK_UNINIT, gd.itableUnused()));
                groups.addFreeBlocksLocked(-1);
                res.consumeLocked();
                return first + bit;
            }
            throw new FsCorruptedException("block bitmaps are full but the counters say otherwise");
        } finally {
            groups.lock.unlock();
        }
    }

    /**
     * {@code ext4_free_blocks}: returns {@code [start, start + count)} to the bitmaps.
     *
     * @throws FsCorruptedException when a block is already free or is not a data block
     */
    void freeBlocks(long start, long count) {
        Ext4SuperBlock es = sbi.es();
        if (start < es.firstDataBlock() || start + count > es.blocksCount() || count <= 0) {
            throw new FsCorruptedException("freeing blocks " + start + "+" + count + " outside the filesystem");
        }
        groups.lock.lock();
        try {
            long b = start;
            while (b < start + count) {
                int g = (int) Ext4Geometry.groupOf(es, b);
                long first = Ext4Geometry.groupFirstBlock(es, g);
                long end = Math.min(start + count, first + Ext4Geometry.groupBlockCount(es, g));
                byte[] map = groups.blockBitmapLocked(g);
                long n = 0;
                for (; b < end; b++) {
                    if (!Ext4Bitmap.test(map, b - first)) {
                        throw new FsCorruptedException("freeing free block " + b);
                    }
                    Ext4Bitmap.clear(map, b - first);
                    n++;
                }
                Ext4GroupDesc gd = groups.descLocked(g);
                groups.setDescLocked(g, gd.withCounts(gd.freeBlocksCount() + n, gd.freeInodesCount(),
                        gd.usedDirsCount(), gd.flags(), gd.itableUnused()));
                groups.addFreeBlocksLocked(n);
            }
        } finally {
            groups.lock.unlock();
        }
    }
}
