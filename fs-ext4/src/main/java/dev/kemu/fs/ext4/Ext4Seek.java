package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;
import java.io.UncheckedIOException;
import java.util.NavigableMap;

/**
 * {@code fs/ext4/file.c:ext4_llseek()}: SEEK_SET, SEEK_CUR and SEEK_END through
 * {@code generic_file_llseek_size} with {@code s_maxbytes}; SEEK_DATA and SEEK_HOLE as the kernel
 * version has them ({@code Ext4SbInfo.seekHole}, from {@code VfsBehaviour.ext4SeekHole()}): from
 * 4.15 {@code fs/iomap/seek.c:iomap_seek_data()} / {@code iomap_seek_hole()} over the mappings of
 * {@code fs/ext4/extents.c:ext4_iomap_begin_report()}, here; before, the block walks of
 * {@code ext4_seek_data()} / {@code ext4_seek_hole()} ({@link Ext4SeekByMapBlocks}), which answer
 * alike except for negative offsets: 0 or the first data (SEEK_DATA, 3.10 to 4.5), EINVAL
 * (SEEK_HOLE, 3.10 to 4.5), EUCLEAN (4.6 to 4.13), ENXIO (4.14 on, and 4.9.337).
 *
 * <p>A written extent is data, a hole is a hole. An unwritten extent is a hole except where the
 * page cache has an up-to-date page over it ({@code mm/filemap.c:mapping_seek_hole_data()} tests
 * {@code folio_test_uptodate}; dirty pages are up to date). In this model writes allocate and
 * convert at {@code write_begin}, so a dirty page always lies over a written extent and only
 * clean pages read from a preallocated range can make it data. Past EOF both are ENXIO; a result
 * is at most {@code i_size}. Inline-data and block-mapped files are all data, as
 * {@code ext4_llseek} treats inline files, on every version.
 *
 * <p>Errors: EINVAL for an unknown whence or a result below 0 or above {@code s_maxbytes}
 * ({@code vfs_setpos}); ENXIO for SEEK_DATA/SEEK_HOLE at or past EOF (or, from 4.14, before 0), or
 * SEEK_DATA with no data after the offset; EUCLEAN for a corrupt extent tree, or (4.6 to 4.13) a
 * negative offset.
 */
final class Ext4Seek {
    private Ext4Seek() {
    }

    static long llseek(File file, long offset, int whence) {
        Inode inode = file.inode();
        long maxBytes = inode.sb().maxBytes();
        if (whence != Fcntl.SEEK_DATA && whence != Fcntl.SEEK_HOLE) {
            return GenericFile.llseekSize(file, offset, whence, maxBytes, inode.size());
        }
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (info.hasFlag(Ext4Inode.INLINE_DATA_FL) || !info.hasFlag(Ext4Inode.EXTENTS_FL)) {
            return GenericFile.llseekSize(file, offset, whence, maxBytes, inode.size());
        }
        long size = inode.size();
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4SeekHole era = sbi.seekHole;
        boolean negativeRefused = era == Ext4SeekHole.IOMAP || era == Ext4SeekHole.NEXT_EXTENT_NONNEGATIVE;
        if ((negativeRefused && offset < 0) || offset >= size) {
            return Errno.ENXIO.neg();
        }
        long found;
        info.dataSem.readLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            if (era != Ext4SeekHole.IOMAP) {
                // these end in vfs_setpos themselves: what they find may be a negative offset
                Ext4SeekByMapBlocks walk = new Ext4SeekByMapBlocks(inode, tree, size, era);
                return whence == Fcntl.SEEK_DATA ? walk.seekData(file, offset, maxBytes)
                        : walk.seekHole(file, offset, maxBytes);
            }
            found = whence == Fcntl.SEEK_DATA ? seekData(inode, tree, offset, size, sbi.blkbits)
                    : seekHole(inode, tree, offset, size, sbi.blkbits);
        } catch (FsCorruptedException e) {
            return Ext4Error.fsError(sbi, "ext4_llseek", e);
        } catch (UncheckedIOException e) {
            return Errno.EIO.neg();
        } finally {
            info.dataSem.readLock().unlock();
        }
        if (found < 0) {
            return found;
        }
        return GenericFile.setPos(file, found, maxBytes);
    }

    /**
     * The first up-to-date cached page in {@code [from, to)} (byte positions), as a byte position,
     * or -1; -1 too for a negative {@code from}, whose page index no page has.
     */
    static long firstCached(Inode inode, long from, long to) {
        if (from < 0 || to <= from) {
            return -1;
        }
        NavigableMap<Long, Page> pages = inode.mapping().pages();
        for (Page p : pages.subMap(from >>> Page.SHIFT, true, (to - 1) >>> Page.SHIFT, true).values()) {
            if (p.isUptodate()) {
                return Math.max(from, p.index() << Page.SHIFT);
            }
        }
        return -1;
    }

    /**
     * The first position in {@code [from, to)} not covered by an up-to-date cached page, or -1; a
     * negative {@code from} is itself uncovered.
     */
    static long firstUncached(Inode inode, long from, long to) {
        if (from < 0) {
            return from;
        }
        long pos = from;
        while (pos < to) {
            Page p = inode.mapping().findGetPage(pos >>> Page.SHIFT);
            if (p == null || !p.isUptodate()) {
                return pos;
            }
            pos = ((pos >>> Page.SHIFT) + 1) << Page.SHIFT;
        }
        return -1;
    }

    private static long seekData(Inode inode, ExtentTree tree, long offset, long size, int blkbits) {
        long[] found = {-1};
        tree.forEachFrom(offset >>> blkbits, e -> {
            long start = Math.max(offset, e.block() << blkbits);
            long end = Math.min(size, e.end() << blkbits);
            if (start >= size) {
                return false;
            }
            if (!e.unwritten()) {
                found[0] = start;
                return false;
            }
            long cached = firstCached(inode, start, end);
            if (cached >= 0) {
                found[0] = cached;
                return false;
            }
            return true;
        });
        return found[0] >= 0 && found[0] < size ? found[0] : Errno.ENXIO.neg();
    }

    private static long seekHole(Inode inode, ExtentTree tree, long offset, long size, int blkbits) {
        long[] cur = {offset};
        tree.forEachFrom(offset >>> blkbits, (Ext4Extent e) -> {
            long start = e.block() << blkbits;
            if (start > cur[0] || cur[0] >= size) {
                return false; // a hole before this extent
            }
            long end = Math.min(size, e.end() << blkbits);
            if (e.unwritten()) {
                long hole = firstUncached(inode, cur[0], end);
                if (hole >= 0) {
                    cur[0] = hole;
                    return false;
                }
            }
            cur[0] = Math.max(cur[0], end);
            return true;
        });
        return Math.min(cur[0], size);
    }
}
