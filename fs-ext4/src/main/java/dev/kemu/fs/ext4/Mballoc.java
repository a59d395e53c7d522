package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.util.Map;

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

    /**
     * Blocks freed in the running journal transaction, per group: free in the bitmaps (as the
     * transaction will write them) but not handed out again until that transaction has committed,
     * as {@code ext4_free_blocks} leaves them out of the buddy cache until
     * {@code ext4_free_data_in_buddy} runs at commit. Otherwise a crash could leave the committed
     * metadata pointing at a block that already holds another file's data. Guarded by the groups
     * lock; empty on filesystems without a journal.
     */
    private final java.util.Map<Integer, java.util.BitSet> freedThisTransaction = new java.util.HashMap<>();

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
                byte[] map = groups.blockBitmapOrNullLocked(g);
                if (map == null) {
                    continue; // EXT4_MB_GRP_BBITMAP_CORRUPT: skipped
                }
                long bit = findReusable(g, map, from, limit);
                if (bit < 0) {
                    continue;
                }
                takeLocked(g, map, bit);
                res.consumeLocked();
                return first + bit;
            }
            // Every free block was freed in the running transaction: the kernel would force a
            // commit and retry (ext4_should_retry_alloc); inside an operation the model takes one.
            for (Map.Entry<Integer, java.util.BitSet> e : freedThisTransaction.entrySet()) {
                int g = e.getKey();
                int bit = e.getValue().nextSetBit(0);
                byte[] map = groups.blockBitmapOrNullLocked(g);
                if (bit >= 0 && map != null && !Ext4Bitmap.test(map, bit)) {
                    e.getValue().clear(bit);
                    takeLocked(g, map, bit);
                    res.consumeLocked();
                    return Ext4Geometry.groupFirstBlock(es, g) + bit;
                }
            }
            throw new FsCorruptedException("block bitmaps are full but the counters say otherwise");
        } finally {
            groups.lock.unlock();
        }
    }

    /**
     * Allocates exactly block {@code goal} if it is free, provided {@code need} blocks could be
     * {@linkplain BlockGroups#claim claimed}: the outcome of {@code claim(need)},
     * {@link #newBlock(long, Reservation) newBlock(goal)} and closing the reservation when the
     * first fit is the goal itself, in one critical section and without a reservation object.
     *
     * @return 1 when {@code goal} was allocated, 0 when it is in use or outside the data blocks
     *     (nothing changed), -1 when fewer than {@code need} blocks are free (ENOSPC)
     */
    int newBlockAt(long goal, long need) {
        Ext4SuperBlock es = sbi.es();
        if (goal < es.firstDataBlock() || goal >= es.blocksCount()) {
            return 0;
        }
        groups.lock.lock();
        try {
            if (!groups.canClaimLocked(need)) {
                return -1;
            }
            int g = (int) Ext4Geometry.groupOf(es, goal);
            if (groups.descLocked(g).freeBlocksCount() == 0) {
                return 0;
            }
            long bit = goal - Ext4Geometry.groupFirstBlock(es, g);
            byte[] map = groups.blockBitmapOrNullLocked(g);
            if (map == null || Ext4Bitmap.test(map, bit) || freedNow(g, bit)) {
                return 0;
            }
            takeLocked(g, map, bit);
            return 1;
        } finally {
            groups.lock.unlock();
        }
    }

    /** The first zero bit in {@code [from, limit)} not freed in the running transaction, or -1. */
    private long findReusable(int g, byte[] map, long from, long limit) {
        long bit = Ext4Bitmap.findNextZero(map, from, limit);
        while (bit >= 0 && freedNow(g, bit)) {
            bit = Ext4Bitmap.findNextZero(map, bit + 1, limit);
        }
        return bit;
    }

    private boolean freedNow(int g, long bit) {
        java.util.BitSet freed = freedThisTransaction.get(g);
        return freed != null && freed.get((int) bit);
    }

    /** The running transaction committed: what it freed may be handed out again. */
    void committed() {
        groups.lock.lock();
        try {
            freedThisTransaction.clear();
        } finally {
            groups.lock.unlock();
        }
    }

    /** Marks bit {@code bit} of group {@code g}'s bitmap {@code map} in use and counts it. */
    private void takeLocked(int g, byte[] map, long bit) {
        Ext4Bitmap.set(map, bit);
        Ext4GroupDesc gd = groups.descLocked(g);
        groups.setDescLocked(g, gd.withCounts(gd.freeBlocksCount() - 1, gd.freeInodesCount(),
                gd.usedDirsCount(), gd.flags() & ~Ext4GroupDesc.BLOCK_UNINIT, gd.itableUnused()));
        groups.addFreeBlocksLocked(-1);
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
        boolean journalled = sbi.dev instanceof Jbd2Device;
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
                    if (journalled) {
                        freedThisTransaction.computeIfAbsent(g, k -> new java.util.BitSet()).set((int) (b - first));
                    }
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
