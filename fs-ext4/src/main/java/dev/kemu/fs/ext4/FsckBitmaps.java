package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.vfs.StatMode;

/**
 * Checker pass 5 ({@code e2fsck/pass5.c:check_block_bitmaps()}, {@code check_inode_bitmaps()},
 * {@code check_inode_end()}, {@code check_block_end()}): the bitmaps against what passes 0 and 1
 * found in use, the padding past each group's end, and every free and directory count.
 */
final class FsckBitmaps {
    private final FsckContext ctx;

    FsckBitmaps(FsckContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        long totalFreeBlocks = 0;
        long totalFreeInodes = 0;
        long ipg = ctx.es.inodesPerGroup();
        for (int g = 0; g < ctx.gds.length; g++) {
            Ext4GroupDesc gd = ctx.gds[g];
            long first = Ext4Geometry.groupFirstBlock(ctx.es, g);
            long count = Ext4Geometry.groupBlockCount(ctx.es, g);
            byte[] bmap = gd.hasFlag(Ext4GroupDesc.BLOCK_UNINIT) ? Ext4Geometry.initBlockBitmap(ctx.es, ctx.gds, g)
                    : ctx.dev.readBlock(gd.blockBitmap(), ctx.blockSize);
            long free = 0;
            StringBuilder plus = new StringBuilder();
            StringBuilder minus = new StringBuilder();
            for (long i = 0; i < count; i++) {
                int b = (int) (first + i);
                boolean expected = ctx.meta.get(b) || ctx.claimed.get(b);
                boolean marked = Ext4Bitmap.test(bmap, i);
                if (!marked) {
                    free++;
                }
                if (expected && !marked) {
                    append(plus, b);
                } else if (!expected && marked) {
                    append(minus, b);
                }
            }
            if (plus.length() > 0) {
                ctx.problem("block bitmap of group " + g + " marks free blocks in use: " + plus);
            }
            if (minus.length() > 0) {
                ctx.problem("block bitmap of group " + g + " marks unused blocks as used: " + minus);
            }
            for (long i = count; i < 8L * ctx.blockSize; i++) {
                if (!Ext4Bitmap.test(bmap, i)) {
                    ctx.problem("padding at the end of the block bitmap of group " + g + " is not set");
                    break;
                }
            }
            if (free != gd.freeBlocksCount()) {
                ctx.problem("group " + g + " free blocks count is " + gd.freeBlocksCount() + ", bitmap says " + free);
            }
            totalFreeBlocks += free;

            byte[] imap;
            if (gd.hasFlag(Ext4GroupDesc.INODE_UNINIT)) {
                imap = new byte[ctx.blockSize];
                Ext4Geometry.padInodeBitmap(ctx.es, imap);
            } else {
                imap = ctx.dev.readBlock(gd.inodeBitmap(), ctx.blockSize);
            }
            long freeInodes = 0;
            long dirs = 0;
            StringBuilder iplus = new StringBuilder();
            StringBuilder iminus = new StringBuilder();
            for (long i = 0; i < ipg; i++) {
                long ino = g * ipg + i + 1;
                boolean used = ctx.inUse.containsKey(ino) || ino < ctx.es.firstIno();
                boolean marked = Ext4Bitmap.test(imap, i);
                if (!marked) {
                    freeInodes++;
                }
                if (used && !marked) {
                    append(iplus, ino);
                } else if (!used && marked) {
                    append(iminus, ino);
                }
                if (marked && ctx.inUse.containsKey(ino) && StatMode.isDir(ctx.inUse.get(ino).mode())) {
                    dirs++;
                }
                if (marked && ctx.csum && i >= ipg - gd.itableUnused()) {
                    ctx.problem("inode " + ino + " is marked in use but lies in the unused part of the table");
                }
            }
            if (iplus.length() > 0) {
                ctx.problem("inode bitmap of group " + g + " marks inodes in use as free: " + iplus);
            }
            if (iminus.length() > 0) {
                ctx.problem("inode bitmap of group " + g + " marks unused inodes as used: " + iminus);
            }
            for (long i = ipg; i < 8L * ctx.blockSize; i++) {
                if (!Ext4Bitmap.test(imap, i)) {
                    ctx.problem("padding at the end of the inode bitmap of group " + g + " is not set");
                    break;
                }
            }
            if (freeInodes != gd.freeInodesCount()) {
                ctx.problem("group " + g + " free inodes count is " + gd.freeInodesCount() + ", bitmap says "
                        + freeInodes);
            }
            if (dirs != gd.usedDirsCount()) {
                ctx.problem("group " + g + " directories count is " + gd.usedDirsCount() + ", counted " + dirs);
            }
            if (gd.itableUnused() > gd.freeInodesCount()) {
                ctx.problem("group " + g + " has more unused inodes (" + gd.itableUnused() + ") than free ones");
            }
            totalFreeInodes += freeInodes;
        }
        if (totalFreeBlocks != ctx.es.freeBlocksCount()) {
            ctx.problem("superblock free blocks count is " + ctx.es.freeBlocksCount() + ", counted " + totalFreeBlocks);
        }
        if (totalFreeInodes != ctx.es.freeInodesCount()) {
            ctx.problem("superblock free inodes count is " + ctx.es.freeInodesCount() + ", counted " + totalFreeInodes);
        }
    }

    /** Appends a number to a short list, as e2fsck prints "+1234 -1240". */
    private static void append(StringBuilder sb, long n) {
        if (sb.length() < 200) {
            sb.append(sb.length() == 0 ? "" : " ").append(n);
        } else if (sb.charAt(sb.length() - 1) != '.') {
            sb.append(" ...");
        }
    }
}
