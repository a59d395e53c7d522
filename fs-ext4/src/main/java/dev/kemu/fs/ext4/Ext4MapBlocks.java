package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;

/**
 * Mapping a file's logical block to its physical block ({@code fs/ext4/inode.c:ext4_map_blocks()}
 * and {@code fs/ext4/extents.c:ext4_ext_map_blocks()}), with and without
 * {@code EXT4_GET_BLOCKS_CREATE}.
 *
 * <p>Lookups run on the inode's decoded extent tree ({@link ExtentCache}), so once a path is
 * cached neither a lookup nor an allocation touches the device. An allocation for a hole right
 * after the last block of an extent, when the physically next block is free, extends that extent
 * in place ({@code ext4_ext_insert_extent}'s merge with the extent on the left, the common case of
 * a sequential write) in a single critical section of the allocator; every other case goes
 * through the general claim, allocate and insert. Both give the same blocks, extents and errors.
 *
 * <p>Locking: the caller holds nothing of the inode but may hold the page monitor;
 * {@code i_data_sem} is taken here (read for lookups, write for allocation), and the groups lock
 * inside it.
 */
final class Ext4MapBlocks {
    /** The last logical block an extent can map ({@code EXT_MAX_BLOCKS - 1}). */
    static final long MAX_LBLK = 0xFFFFFFFEL;
    /** {@link #mapForWrite}: the block was already mapped and written. */
    static final int MAPPED = 0;
    /**
     * {@link #mapForWrite}: the block is new ({@code BH_New}): allocated for a hole, or converted
     * from unwritten. Its on-disk contents are stale; the file reads zeros there.
     */
    static final int NEW = 1;

    private Ext4MapBlocks() {
    }

    /**
     * {@code ext4_map_blocks} without creation: the block to read, or 0 for a hole or unwritten
     * block. The caller holds {@code i_data_sem} (either mode).
     */
    static long mapForRead(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        if (lblk > MAX_LBLK) {
            return 0;
        }
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL)) {
            return IndirectMap.map(sbi, info, lblk);
        }
        Ext4Extent e = new ExtentTree(sbi, info).lookup(lblk);
        return e == null || e.unwritten() ? 0 : e.pblk(lblk);
    }

    /**
     * {@code ext4_map_blocks} with {@code EXT4_GET_BLOCKS_CREATE}: gives {@code lblk} of an
     * extent-mapped inode a written block, allocating it next to the previous block of the file
     * when possible. A change marks the inode dirty ({@code ext4_mark_inode_dirty}): it and the
     * changed tree blocks reach the device at writeback.
     *
     * <p>Before an allocation the operation claims one block plus {@link ExtentTree#maxNewTreeBlocks}
     * (twice that to convert an unwritten block, which may split its extent in three), so it never
     * fails half-way; the in-place extension uses one block but needs as many free.
     *
     * @return {@link #MAPPED}, {@link #NEW}, or -ENOSPC with nothing changed
     */
    static int mapForWrite(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            Ext4Extent e = tree.lookupOrPrev(lblk);
            boolean hole = e == null || !e.contains(lblk);
            if (!hole && !e.unwritten()) {
                return MAPPED;
            }
            int need = hole ? tree.maxNewTreeBlocks() + 1 : 2 * (tree.maxNewTreeBlocks() + 1);
            if (hole && e != null && e.end() == lblk && tree.canExtendFound(lblk)) {
                int got = sbi.mballoc.newBlockAt(e.start() + e.len(), need);
                if (got < 0) {
                    return Errno.ENOSPC.negInt();
                }
                if (got > 0) {
                    info.addBlocks(sbi.sectorsPerBlock());
                    tree.extendFound();
                    tree.commit();
                    return NEW;
                }
                // The next block is taken: the general path allocates elsewhere.
            }
            try (Reservation res = sbi.groups.claim(need)) {
                if (res == null) {
                    return Errno.ENOSPC.negInt();
                }
                tree.using(res);
                if (hole) {
                    // The extent before lblk in its leaf is the one holding lblk - 1 when any does.
                    Ext4Extent prev = e != null && e.end() == lblk ? e : lblk > 0 ? tree.lookup(lblk - 1) : null;
                    long goal = prev != null ? prev.pblk(lblk - 1) + 1 : sbi.mballoc.goalForInode(info.ino);
                    long pblk = sbi.mballoc.newBlock(goal, res);
                    info.addBlocks(sbi.sectorsPerBlock());
                    tree.insert(new Ext4Extent(lblk, 1, false, pblk));
                } else {
                    tree.convertToWritten(lblk);
                    info.markDirty();
                }
            }
            tree.commit();
            return NEW;
        } finally {
            info.dataSem.writeLock().unlock();
        }
    }
}
