package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;

/**
 * The block walk of checker pass 1 ({@code e2fsck/pass1.c:scan_extent_node()},
 * {@code check_blocks()} through {@code ext2fs_block_iterate3()}): every block an inode maps,
 * claimed in the context, with the extent tree's structure verified on the way (headers,
 * checksums, order, index keys equal to their child's first key, extents inside their node's
 * range).
 */
final class FsckBlockWalk {
    private final FsckContext ctx;

    FsckBlockWalk(FsckContext ctx) {
        this.ctx = ctx;
    }

    /** Per-inode block counts gathered by the walk. */
    static final class Walk {
        long blocks;
        long lastInit = -1;
        long lastAny = -1;
        /** For directories: the block of each logical block, 0 for a hole. */
        long[] map;

        void mapped(long lblk, long pblk) {
            if (map != null && lblk < map.length) {
                map[(int) lblk] = pblk;
            }
        }
    }

    /** Walks the extent tree rooted in {@code i_block}. */
    void extents(long ino, Ext4Inode in, Walk w) {
        byte[] root = in.iBlock();
        Ext4ExtentHeader h = Ext4ExtentHeader.decode(root, 0);
        String bad = h.check(Ext4ExtentHeader.ROOT_MAX, h.depth());
        if (bad == null && h.depth() > Ext4ExtentHeader.MAX_DEPTH) {
            bad = "depth " + h.depth();
        }
        if (bad != null) {
            ctx.problem("inode " + ino + ": extent root: " + bad);
            return;
        }
        if (h.depth() > 0 && h.entries() == 0) {
            ctx.problem("inode " + ino + ": empty extent root of depth " + h.depth());
        }
        int iseed = Ext4Checksums.inodeSeed(ctx.seed, ino, in.generation());
        walkNode(ino, root, h, 0, 1L << 32, iseed, w);
    }

    private void walkNode(long ino, byte[] b, Ext4ExtentHeader h, long lo, long hi, int iseed, Walk w) {
        long prevEnd = lo;
        for (int i = 0; i < h.entries(); i++) {
            int off = Ext4ExtentHeader.SIZE + i * Ext4Extent.SIZE;
            if (h.depth() == 0) {
                Ext4Extent e = Ext4Extent.decodeOrNull(b, off);
                if (e == null) {
                    ctx.problem("inode " + ino + ": invalid extent entry " + i);
                    continue;
                }
                if (e.block() < prevEnd || e.end() > hi) {
                    ctx.problem("inode " + ino + ": extent " + e + " out of order or past its node's range ["
                            + lo + ", " + hi + ")");
                }
                prevEnd = Math.max(prevEnd, e.end());
                ctx.claim(ino, e.start(), e.len(), "data");
                w.blocks += e.len();
                w.lastAny = Math.max(w.lastAny, e.end() - 1);
                if (!e.unwritten()) {
                    w.lastInit = Math.max(w.lastInit, e.end() - 1);
                    if (w.map != null) {
                        for (long l = e.block(); l < e.end() && l < w.map.length; l++) {
                            w.mapped(l, e.pblk(l));
                        }
                    }
                }
            } else {
                Ext4ExtentIdx idx = Ext4ExtentIdx.decode(b, off);
                long next = i + 1 < h.entries()
                        ? Ext4ExtentIdx.decode(b, off + Ext4ExtentIdx.SIZE).block() : hi;
                if (idx.block() < prevEnd || idx.block() >= next && i + 1 < h.entries() || idx.block() >= hi) {
                    ctx.problem("inode " + ino + ": extent index " + idx + " out of order");
                    continue;
                }
                prevEnd = idx.block() + 1;
                if (!ctx.inRange(idx.leaf())) {
                    ctx.problem("inode " + ino + ": extent index points outside the filesystem: " + idx.leaf());
                    continue;
                }
                ctx.claim(ino, idx.leaf(), 1, "extent tree");
                w.blocks++;
                byte[] child = ctx.dev.readBlock(idx.leaf(), ctx.blockSize);
                Ext4ExtentHeader ch = Ext4ExtentHeader.decode(child, 0);
                String bad = ch.check(Ext4ExtentHeader.blockMax(ctx.blockSize), h.depth() - 1);
                if (bad != null) {
                    ctx.problem("inode " + ino + ": extent block " + idx.leaf() + ": " + bad);
                    continue;
                }
                if (ctx.csum && !Ext4Checksums.extentBlockValid(iseed, child)) {
                    ctx.problem("inode " + ino + ": extent block " + idx.leaf() + " checksum does not match");
                }
                if (ch.entries() == 0) {
                    ctx.problem("inode " + ino + ": extent block " + idx.leaf() + " is empty");
                    continue;
                }
                long first = ch.depth() == 0 ? Ext4Extent.decode(child, Ext4ExtentHeader.SIZE).block()
                        : Ext4ExtentIdx.decode(child, Ext4ExtentHeader.SIZE).block();
                if (first != idx.block()) {
                    ctx.problem("inode " + ino + ": extent block " + idx.leaf() + " starts at logical block "
                            + first + " but its index says " + idx.block());
                }
                walkNode(ino, child, ch, idx.block(), next, iseed, w);
            }
        }
    }

    /** Walks the direct and indirect block pointers of a block-mapped inode. */
    void indirect(long ino, Ext4Inode in, Walk w) {
        byte[] root = in.iBlock();
        long lblk = 0;
        for (int i = 0; i < 12; i++, lblk++) {
            long b = FsckInodes.le32(root, i);
            if (b != 0) {
                ctx.claim(ino, b, 1, "data");
                w.blocks++;
                w.lastAny = lblk;
                w.lastInit = lblk;
                w.mapped(lblk, b);
            }
        }
        long per = ctx.blockSize / 4;
        long span = per;
        for (int level = 1; level <= 3; level++) {
            long b = FsckInodes.le32(root, 11 + level);
            if (b != 0) {
                walkIndirectBlock(ino, b, level, lblk, w);
            }
            lblk += span;
            span *= per;
        }
    }

    private void walkIndirectBlock(long ino, long blk, int level, long lblk, Walk w) {
        if (!ctx.inRange(blk)) {
            ctx.problem("inode " + ino + ": indirect block " + blk + " outside the filesystem");
            return;
        }
        ctx.claim(ino, blk, 1, "indirect");
        w.blocks++;
        byte[] b = ctx.dev.readBlock(blk, ctx.blockSize);
        long per = ctx.blockSize / 4;
        long span = 1;
        for (int i = 1; i < level; i++) {
            span *= per;
        }
        for (int i = 0; i < per; i++) {
            long p = FsckInodes.le32(b, i);
            if (p == 0) {
                continue;
            }
            long at = lblk + i * span;
            if (level == 1) {
                ctx.claim(ino, p, 1, "data");
                w.blocks++;
                w.lastAny = Math.max(w.lastAny, at);
                w.lastInit = Math.max(w.lastInit, at);
                w.mapped(at, p);
            } else {
                walkIndirectBlock(ino, p, level - 1, at, w);
            }
        }
    }
}
