package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.VfsBehaviour.Ext4SeekHole;

/**
 * {@code fs/ext4/file.c:ext4_seek_data()} and {@code ext4_seek_hole()} as 3.10 to 4.14 have them,
 * before ext4 used iomap: a walk over logical blocks with {@code fs/ext4/inode.c:ext4_map_blocks()}
 * (to 4.5, {@link Ext4SeekHole#MAP_BLOCKS}) or with {@code ext4_get_next_extent()} over it (4.6,
 * 2d90c160e5f1, {@link Ext4SeekHole#NEXT_EXTENT}), ending in {@code vfs_setpos}. The caller has
 * refused an offset at or past {@code i_size} (ENXIO).
 *
 * <p>The block numbers are {@code ext4_lblk_t}, a u32: {@code start = offset >> blkbits} keeps the
 * low 32 bits of the shifted offset, so {@code -1} (any offset in [-4096, -1]) starts the walk at
 * block 0xffffffff. There {@code ext4_map_blocks()} answers {@code -EFSCORRUPTED} (its
 * {@code m_lblk >= EXT_MAX_BLOCKS} check, 3.16 on; 3.10 finds a hole there, to the same effect).
 * <ul>
 * <li>{@code MAP_BLOCKS} steps past what is not data: SEEK_DATA's {@code last++} wraps to block 0
 * and the walk goes on from the start of the file, so the answer is the first data (0 when the
 * file starts with data) and the position moves there; other negative offsets start at a block
 * past {@code end} and end with ENXIO, or, below -2<sup>44</sup>, at a low block with a negative
 * {@code dataoff} (EINVAL when that block is data). SEEK_HOLE finds "a hole" at the first block
 * and {@code vfs_setpos} refuses the negative {@code holeoff}: EINVAL.
 * <li>{@code NEXT_EXTENT} returns the error: {@code ext4_get_next_extent()} walks the hole up to
 * block 0xffffffff and gets {@code -EFSCORRUPTED}, so any offset in [-2<sup>44</sup>, -1] gives
 * EUCLEAN for both, and the position stays.
 * </ul>
 *
 * <p>Divergences: the model has no delayed allocation (blocks are allocated at
 * {@code write_begin}), so {@code ext4_es_find_delayed_extent_range()} never finds anything;
 * {@code ext4_find_unwritten_pgoff()} (buffer heads that are up to date or unwritten) is read as
 * "an up-to-date cached page is data", as 6.x reads the page cache; holes and unwritten runs are
 * crossed in one step where 3.10 stepped block by block, which gives the same answers.
 */
final class Ext4SeekByMapBlocks {
    /** {@code ext4_lblk_t} arithmetic. */
    private static final long U32 = 0xFFFF_FFFFL;
    /** {@code fs/ext4/ext4_extents.h:EXT_MAX_BLOCKS}: the first logical block ext4 cannot map. */
    private static final long EXT_MAX_BLOCKS = 0xFFFF_FFFFL;

    private final Inode inode;
    private final ExtentTree tree;
    private final long isize;
    private final boolean errorsReturned;
    /** {@code inode->i_blkbits}. */
    private final int blkbits;

    Ext4SeekByMapBlocks(Inode inode, ExtentTree tree, long isize, Ext4SeekHole era) {
        if (era == Ext4SeekHole.IOMAP) {
            throw new IllegalArgumentException("iomap seeking is Ext4Seek's");
        }
        this.inode = inode;
        this.tree = tree;
        this.isize = isize;
        this.errorsReturned = era != Ext4SeekHole.MAP_BLOCKS;
        this.blkbits = Ext4SbInfo.of(inode).blkbits;
    }

    /**
     * What {@code ext4_map_blocks(NULL, inode, &map, 0)} answers for a lookup: {@code ret > 0}
     * blocks mapped from {@code m_lblk} (written or unwritten), 0 for a hole of {@code len}
     * blocks (4.6's {@code ext4_ext_determine_hole()}, clipped to the request), or a negated errno.
     */
    private record Mapping(int ret, long len, boolean unwritten) {
    }

    /** {@code fs/ext4/inode.c:ext4_map_blocks()} without {@code EXT4_GET_BLOCKS_CREATE}. */
    private Mapping mapBlocks(long lblk, long mLen) {
        if (lblk >= EXT_MAX_BLOCKS) {
            return new Mapping(FsCorruptedException.errno(), 0, false);
        }
        long len = Math.min(mLen, Integer.MAX_VALUE); // "ext4_map_blocks returns an int"
        Ext4Extent[] next = {null};
        tree.forEachFrom(lblk, e -> {
            next[0] = e;
            return false;
        });
        Ext4Extent e = next[0];
        if (e != null && e.block() <= lblk) {
            long mapped = Math.min(e.end() - lblk, len);
            return new Mapping((int) mapped, mapped, e.unwritten());
        }
        long holeEnd = e == null ? EXT_MAX_BLOCKS : e.block();
        return new Mapping(0, Math.min(holeEnd - lblk, len), false);
    }

    /** SEEK_DATA from {@code offset}: the new position, or a negated errno. */
    long seekData(File file, long offset, long maxBytes) {
        long start = (offset >> blkbits) & U32;
        long last = start;
        long end = (isize >> blkbits) & U32;
        long dataoff = offset;
        do {
            long len;
            boolean unwritten;
            if (errorsReturned) {
                Next n = getNextExtent(last, end);
                if (n.ret < 0) {
                    return n.ret;
                }
                if (n.ret == 0) {
                    return Errno.ENXIO.neg(); // "No extent found -> no data"
                }
                last = n.lblk;
                if (last != start) {
                    dataoff = last << blkbits;
                }
                len = n.len;
                unwritten = n.unwritten;
            } else {
                Mapping m = mapBlocks(last, (end - last + 1) & U32);
                if (m.ret() > 0 && !m.unwritten()) {
                    if (last != start) {
                        dataoff = last << blkbits;
                    }
                    break;
                }
                len = m.len();
                unwritten = m.ret() > 0;
                if (!unwritten) {
                    // a hole, or an error stepped past: the walk goes on, block by block in the
                    // kernel, past the whole hole here (the blocks in between answer the same)
                    last = (last + Math.max(len, 1)) & U32;
                    dataoff = last << blkbits;
                    continue;
                }
            }
            if (!unwritten) {
                break;
            }
            long cached = Ext4Seek.firstCached(inode, dataoff, (last + len) << blkbits);
            if (cached >= 0) {
                dataoff = cached;
                break;
            }
            last = (last + len) & U32;
            dataoff = last << blkbits;
        } while (last <= end);
        if (dataoff > isize) {
            return Errno.ENXIO.neg();
        }
        return GenericFile.setPos(file, dataoff, maxBytes);
    }

    /** SEEK_HOLE from {@code offset}: the new position (at most {@code i_size}), or a negated errno. */
    long seekHole(File file, long offset, long maxBytes) {
        long start = (offset >> blkbits) & U32;
        long last = start;
        long end = (isize >> blkbits) & U32;
        long holeoff = offset;
        do {
            long len;
            boolean unwritten;
            if (errorsReturned) {
                Next n = getNextExtent(last, end);
                if (n.ret < 0) {
                    return n.ret;
                }
                if (n.ret == 0 || n.lblk > last) {
                    if (last != start) {
                        holeoff = last << blkbits;
                    }
                    break;
                }
                len = n.len;
                unwritten = n.unwritten;
            } else {
                Mapping m = mapBlocks(last, (end - last + 1) & U32);
                if (m.ret() <= 0) {
                    break; // "find a hole", also where the lookup failed
                }
                len = m.len();
                unwritten = m.unwritten();
            }
            if (unwritten) {
                long hole = Ext4Seek.firstUncached(inode, holeoff, (last + len) << blkbits);
                if (hole >= 0) {
                    holeoff = hole;
                    break;
                }
            }
            last = (last + len) & U32;
            holeoff = last << blkbits;
        } while (last <= end);
        return GenericFile.setPos(file, Math.min(holeoff, isize), maxBytes);
    }

    /**
     * {@code fs/ext4/inode.c:ext4_get_next_extent()} (4.6 to 4.14) for the rest of the walk,
     * {@code last} to {@code end}: the first mapped run at or after {@code last}, which it starts
     * at the run's first block or at {@code last}.
     */
    private Next getNextExtent(long last, long end) {
        long lblk = last;
        long remaining = (end - last + 1) & U32;
        while (remaining > 0) {
            Mapping m = mapBlocks(lblk, remaining);
            if (m.ret() < 0) {
                return new Next(m.ret(), lblk, 0, false);
            }
            if (m.ret() > 0) {
                return new Next(1, lblk, m.len(), m.unwritten());
            }
            lblk = (lblk + m.len()) & U32; // past the hole
            remaining -= m.len();
        }
        return new Next(0, lblk, 0, false);
    }

    /** {@code ext4_get_next_extent()}'s answer: {@code ret} 1 with the run, 0 for none, or a negated errno. */
    private record Next(int ret, long lblk, long len, boolean unwritten) {
    }
}
