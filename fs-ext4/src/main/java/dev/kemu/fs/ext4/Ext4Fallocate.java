package dev.kemu.fs.ext4;

import static dev.kemu.vfs.Fallocate.FALLOC_FL_COLLAPSE_RANGE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_INSERT_RANGE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_KEEP_SIZE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_PUNCH_HOLE;
import static dev.kemu.vfs.Fallocate.FALLOC_FL_ZERO_RANGE;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import java.io.UncheckedIOException;

/**
 * ext4 fallocate ({@code fs/ext4/extents.c:ext4_fallocate()}, {@code ext4_alloc_file_blocks()},
 * {@code ext4_zero_range()}, {@code ext4_collapse_range()}, {@code ext4_insert_range()};
 * {@code fs/ext4/inode.c:ext4_punch_hole()}, {@code ext4_zero_partial_blocks()}).
 *
 * <ul>
 * <li>Allocation (mode 0 or KEEP_SIZE): every hole of the range gets a block in an unwritten
 * extent (it reads as zeros, counts in {@code st_blocks}; a write turns it written). Without
 * KEEP_SIZE {@code i_size} grows to the end of the range. ENOSPC keeps what was allocated and the
 * size reaches as far as that.
 * <li>PUNCH_HOLE: nothing past {@code i_size} (a range beyond it ends at the end of the page
 * holding {@code i_size}); the page cache of the range is dropped, the partial blocks at its
 * edges are zeroed in the cache (and written back when their block is written), the whole blocks
 * are unmapped and freed.
 * <li>ZERO_RANGE: the whole blocks of the range are freed and allocated again unwritten, the
 * partial edges zeroed and allocated when they were holes; without KEEP_SIZE the size grows.
 * <li>COLLAPSE_RANGE and INSERT_RANGE: block-aligned (EINVAL otherwise), inside the file (EINVAL
 * for a collapse reaching {@code i_size} or an insert at or past it, EFBIG for an insert past
 * {@code s_maxbytes}); dirty pages from the offset on are written back and the page cache from
 * there dropped; the blocks of the range are removed (collapse) or the extent straddling the
 * offset split (insert), and every later extent moves by the length.
 * </ul>
 * Any other mode is EOPNOTSUPP, as are block-mapped and inline-data files; EROFS on a read-only
 * mount. The inode lock is held throughout, {@code i_data_sem} for the tree changes.
 *
 * <p>Deliberate divergence: ZERO_RANGE frees and re-allocates the interior blocks instead of
 * converting them to unwritten in place, so their physical blocks may differ.
 */
final class Ext4Fallocate {
    private Ext4Fallocate() {
    }

    static long ext4Fallocate(File file, int mode, long offset, long len) {
        if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE
                | FALLOC_FL_INSERT_RANGE)) != 0) {
            return Errno.EOPNOTSUPP.neg();
        }
        Inode inode = file.inode();
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (sbi.readOnly) {
            return Errno.EROFS.neg();
        }
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL) || info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            return Errno.EOPNOTSUPP.neg();
        }
        if ((mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE)) != 0
                && ((offset | len) & (sbi.blockSize - 1)) != 0) {
            return Errno.EINVAL.neg();
        }
        inode.lock().lock();
        try {
            long r;
            if ((mode & FALLOC_FL_PUNCH_HOLE) != 0) {
                r = punchHole(inode, sbi, info, offset, len);
            } else if ((mode & FALLOC_FL_COLLAPSE_RANGE) != 0) {
                r = collapseRange(inode, sbi, info, offset, len);
            } else if ((mode & FALLOC_FL_INSERT_RANGE) != 0) {
                r = insertRange(inode, sbi, info, offset, len);
            } else if ((mode & FALLOC_FL_ZERO_RANGE) != 0) {
                r = zeroRange(inode, sbi, info, offset, len, (mode & FALLOC_FL_KEEP_SIZE) != 0);
            } else {
                r = allocate(inode, sbi, info, offset >>> sbi.blkbits, (offset + len + sbi.blockSize - 1) >>> sbi.blkbits,
                        (mode & FALLOC_FL_KEEP_SIZE) != 0 ? -1 : offset + len);
            }
            if (r == 0) {
                info.touch(Ext4SbInfo.now(), true);
                sbi.inodes.writeInode(info);
            }
            return r;
        } catch (FsCorruptedException e) {
            return Ext4Error.fsError(sbi, "ext4_fallocate", e);
        } catch (UncheckedIOException e) {
            return Errno.EIO.neg();
        } finally {
            inode.lock().unlock();
        }
    }

    /**
     * {@code ext4_alloc_file_blocks(EXT4_GET_BLOCKS_CREATE_UNWRIT_EXT)}: unwritten blocks for the
     * holes of {@code [first, end)}; {@code newSize} (or -1) is where {@code i_size} goes.
     */
    private static long allocate(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long first, long end, long newSize) {
        if (end - 1 > Ext4MapBlocks.MAX_LBLK) {
            return Errno.EFBIG.neg();
        }
        long done = first;
        long err = 0;
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            for (long lblk = first; lblk < end; lblk++) {
                Ext4Extent e = tree.lookupOrPrev(lblk);
                if (e != null && e.contains(lblk)) {
                    lblk = Math.min(end, e.end()) - 1;
                    done = lblk + 1;
                    continue;
                }
                try (Reservation res = sbi.groups.claim(tree.maxNewTreeBlocks() + 1L)) {
                    if (res == null) {
                        err = Errno.ENOSPC.neg();
                        break;
                    }
                    tree.using(res);
                    Ext4Extent prev = e != null && e.end() == lblk ? e : null;
                    long goal = prev != null ? prev.pblk(lblk - 1) + 1 : sbi.mballoc.goalForInode(info.ino);
                    long pblk = sbi.mballoc.newBlock(goal, res);
                    info.addBlocks(sbi.sectorsPerBlock());
                    tree.insert(new Ext4Extent(lblk, 1, true, pblk));
                }
                done = lblk + 1;
            }
            tree.commit();
            info.markDirty();
        } finally {
            info.dataSem.writeLock().unlock();
        }
        if (newSize > inode.size()) {
            long reached = Math.min(newSize, done << sbi.blkbits);
            if (reached > inode.size()) {
                inode.setSize(reached);
            }
        }
        return err;
    }

    /** {@code ext4_punch_hole}. */
    private static long punchHole(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long offset, long len) {
        long size = inode.size();
        if (offset >= size) {
            return 0;
        }
        if (offset + len > size) {
            len = size + Page.SIZE - (size & (Page.SIZE - 1)) - offset;
        }
        long err = zeroPartialBlocks(inode, sbi, info, offset, len);
        if (err < 0) {
            return err;
        }
        long firstBlock = (offset + sbi.blockSize - 1) / sbi.blockSize;
        long stopBlock = (offset + len) / sbi.blockSize;
        if (stopBlock > firstBlock) {
            return removeBlocks(sbi, info, firstBlock, stopBlock);
        }
        return 0;
    }

    /** {@code ext4_ext_remove_space} for {@code [first, stop)}, with the blocks a split of a straddling extent needs. */
    private static long removeBlocks(Ext4SbInfo sbi, Ext4InodeInfo info, long first, long stop) {
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            try (Reservation res = sbi.groups.claim(tree.maxNewTreeBlocks())) {
                if (res == null) {
                    return Errno.ENOSPC.neg();
                }
                tree.using(res);
                new ExtentRange(tree).removeRange(first, stop);
            }
            tree.commit();
            info.markDirty();
            return 0;
        } finally {
            info.dataSem.writeLock().unlock();
        }
    }

    /**
     * {@code truncate_pagecache_range} + {@code ext4_zero_partial_blocks}: the page cache of
     * {@code [offset, offset + len)} goes; the covered part of a partial block at either edge
     * reads as zeros, and reaches the disk when its block is written.
     */
    private static long zeroPartialBlocks(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long offset, long len) {
        long lend = offset + len - 1;
        int mask = sbi.blockSize - 1;
        long[] edges = {offset >>> sbi.blkbits, lend >>> sbi.blkbits};
        boolean[] partial = {(offset & mask) != 0 || edges[0] == edges[1] && ((lend + 1) & mask) != 0,
            ((lend + 1) & mask) != 0};
        // The pages holding the edge blocks.
        long[] pages = {offset >>> Page.SHIFT, lend >>> Page.SHIFT};
        for (int i = 0; i < 2; i++) {
            if (partial[i] && writtenBlock(sbi, info, edges[i])) {
                // ext4_block_zero_page_range reads the block in before zeroing part of it.
                int r = inode.mapping().readCachePage(null, pages[i], new Page[1]);
                if (r < 0) {
                    return r;
                }
            }
        }
        inode.mapping().truncateRange(offset, lend);
        for (int i = 0; i < 2; i++) {
            Page p = inode.mapping().findGetPage(pages[i]);
            if (partial[i] && p != null && writtenBlock(sbi, info, edges[i])) {
                p.setDirty();
            }
        }
        return 0;
    }

    private static boolean writtenBlock(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        info.dataSem.readLock().lock();
        try {
            return Ext4MapBlocks.mapForRead(sbi, info, lblk) > 0;
        } finally {
            info.dataSem.readLock().unlock();
        }
    }

    /** {@code ext4_zero_range}. */
    private static long zeroRange(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long offset, long len, boolean keepSize) {
        long newSize = keepSize || offset + len <= inode.size() ? -1 : offset + len;
        long err = zeroPartialBlocks(inode, sbi, info, offset, len);
        if (err < 0) {
            return err;
        }
        long firstBlock = (offset + sbi.blockSize - 1) / sbi.blockSize;
        long stopBlock = (offset + len) / sbi.blockSize;
        if (stopBlock > firstBlock) {
            err = removeBlocks(sbi, info, firstBlock, stopBlock);
            if (err < 0) {
                return err;
            }
        }
        return allocate(inode, sbi, info, offset / sbi.blockSize, (offset + len + sbi.blockSize - 1) / sbi.blockSize, newSize);
    }

    /** Writes back the dirty pages from {@code from} on, then drops the page cache from there ({@code truncate_pagecache}). */
    private static long flushAndDropFrom(Inode inode, long from) {
        for (var e : inode.mapping().from(from >>> Page.SHIFT)) {
            Page p = e.getValue();
            if (p.isDirty()) {
                int r = inode.mapping().aops().writePage(p);
                if (r < 0) {
                    return r;
                }
            }
        }
        inode.mapping().truncateFrom(from & ~(Page.SIZE - 1L));
        return 0;
    }

    /** {@code ext4_collapse_range}. */
    private static long collapseRange(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long offset, long len) {
        long size = inode.size();
        if (offset + len >= size) {
            return Errno.EINVAL.neg();
        }
        long err = flushAndDropFrom(inode, offset);
        if (err < 0) {
            return err;
        }
        long start = offset / sbi.blockSize;
        long stop = (offset + len) / sbi.blockSize;
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            try (Reservation res = sbi.groups.claim(tree.maxNewTreeBlocks())) {
                if (res == null) {
                    return Errno.ENOSPC.neg();
                }
                tree.using(res);
                ExtentRange range = new ExtentRange(tree);
                range.removeRange(start, stop);
                range.shift(stop, -(stop - start));
            }
            tree.commit();
            info.markDirty();
        } finally {
            info.dataSem.writeLock().unlock();
        }
        inode.setSize(size - len);
        return 0;
    }

    /** {@code ext4_insert_range}. */
    private static long insertRange(Inode inode, Ext4SbInfo sbi, Ext4InodeInfo info, long offset, long len) {
        long size = inode.size();
        if (len > inode.sb().maxBytes() - size) {
            return Errno.EFBIG.neg();
        }
        if (offset >= size) {
            return Errno.EINVAL.neg();
        }
        long err = flushAndDropFrom(inode, offset);
        if (err < 0) {
            return err;
        }
        long start = offset / sbi.blockSize;
        long blocks = len / sbi.blockSize;
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            Ext4Extent last = lastExtent(tree);
            if (last != null && last.end() - 1 + blocks > Ext4MapBlocks.MAX_LBLK) {
                return Errno.EFBIG.neg();
            }
            try (Reservation res = sbi.groups.claim(tree.maxNewTreeBlocks())) {
                if (res == null) {
                    return Errno.ENOSPC.neg();
                }
                tree.using(res);
                ExtentRange range = new ExtentRange(tree);
                range.splitAndShift(start, blocks);
            }
            tree.commit();
            info.markDirty();
        } finally {
            info.dataSem.writeLock().unlock();
        }
        inode.setSize(size + len);
        return 0;
    }

    private static Ext4Extent lastExtent(ExtentTree tree) {
        Ext4Extent[] last = {null};
        tree.forEachFrom(0, e -> {
            last[0] = e;
            return true;
        });
        return last[0];
    }
}
