package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.StatMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

/**
 * Checker pass 1 ({@code e2fsck/pass1.c:e2fsck_pass1()}, {@code check_blocks()},
 * {@code scan_extent_node()}): every inode in use, its checksum, type and times, and every block
 * it maps. Also reads the orphan chain ({@code e2fsck/super.c:release_orphan_inodes()} reads it to
 * free the orphans; here they simply count as in use).
 */
final class FsckInodes {
    private static final long RESIZE_INO = 7;

    private final FsckContext ctx;
    private final FsckBlockWalk blocks;

    FsckInodes(FsckContext ctx) {
        this.ctx = ctx;
        this.blocks = new FsckBlockWalk(ctx);
    }

    void run() {
        readOrphans();
        long ipg = ctx.es.inodesPerGroup();
        boolean gdtCsum = ctx.csum || ctx.es.hasRoCompat(Ext4Features.RO_COMPAT_GDT_CSUM);
        for (int g = 0; g < ctx.gds.length; g++) {
            Ext4GroupDesc gd = ctx.gds[g];
            if (gd.hasFlag(Ext4GroupDesc.INODE_UNINIT) && gdtCsum) {
                continue;
            }
            long limit = gdtCsum ? ipg - gd.itableUnused() : ipg;
            for (long idx = 0; idx < limit; idx++) {
                checkInode(g * ipg + idx + 1);
            }
        }
    }

    private void readOrphans() {
        long ino = ctx.es.lastOrphan();
        Set<Long> seen = new HashSet<>();
        while (ino != 0) {
            if (ino < ctx.es.firstIno() || ino > ctx.es.inodesCount() || !seen.add(ino)) {
                ctx.problem("orphan list is corrupt at inode " + ino);
                return;
            }
            Ext4Inode in = Ext4Inode.decode(ctx.readInodeRaw(ino), 0, ctx.es.inodeSize());
            ctx.orphans.add(ino);
            ino = in.dtime();
        }
    }

    private void checkInode(long ino) {
        byte[] raw = ctx.readInodeRaw(ino);
        Ext4Inode in = Ext4Inode.decode(raw, 0, raw.length);
        boolean reserved = ino < ctx.es.firstIno();
        boolean orphan = ctx.orphans.contains(ino);
        boolean used = reserved || in.linksCount() > 0 || orphan;
        if (!used) {
            return;
        }
        if (ctx.csum && !isZero(raw) && !Ext4Checksums.inodeValid(ctx.seed, ino, raw)) {
            ctx.problem("inode " + ino + " checksum does not match");
        }
        if (reserved) {
            if (ino == Mkfs.ROOT_INO) {
                if (!StatMode.isDir(in.mode())) {
                    ctx.problem("root inode is not a directory");
                }
            } else if (ino == RESIZE_INO && ctx.es.hasCompat(Ext4Features.COMPAT_RESIZE_INODE)) {
                long dind = le32(in.iBlock(), 13);
                if (dind != 0) {
                    ctx.claim(ino, dind, 1, "resize inode block");
                }
                return;
            } else if (in.mode() == 0 && in.blocks() == 0) {
                return;
            }
        } else {
            if (fileType(in.mode()) < 0) {
                ctx.problem(String.format("inode %d has a bad mode %o", ino, in.mode()));
                return;
            }
            if (in.dtime() != 0 && in.linksCount() > 0 && !orphan) {
                ctx.problem("inode " + ino + " is in use but has dtime set");
            }
        }
        ctx.inUse.put(ino, in);
        FsckBlockWalk.Walk w = new FsckBlockWalk.Walk();
        if (StatMode.isDir(in.mode())) {
            w.map = new long[(int) Math.min(in.size() / ctx.blockSize, 1 << 20)];
        }
        if (in.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            // Data in the inode: no blocks.
        } else if (in.hasFlag(Ext4Inode.EXTENTS_FL)) {
            blocks.extents(ino, in, w);
        } else if (StatMode.isReg(in.mode()) || StatMode.isDir(in.mode())
                || StatMode.isLnk(in.mode()) && in.blocks() != 0 || reserved) {
            blocks.indirect(ino, in, w);
        }
        long sectors = w.blocks * (ctx.blockSize / 512);
        if (in.fileAcl() != 0) {
            if (!ctx.claimed.get((int) in.fileAcl())) {
                ctx.claim(ino, in.fileAcl(), 1, "extended attribute block");
            }
            sectors += ctx.blockSize / 512;
        }
        long iblocks = in.hasFlag(Ext4Inode.HUGE_FILE_FL) ? in.blocks() * (ctx.blockSize / 512) : in.blocks();
        if (iblocks != sectors) {
            ctx.problem("inode " + ino + ": i_blocks is " + iblocks + ", should be " + sectors);
        }
        if (!orphan && !reserved) {
            checkSize(ino, in, w);
        }
        if (w.map != null) {
            ctx.dirBlocks.put(ino, w.map);
        }
    }

    private void checkSize(long ino, Ext4Inode in, FsckBlockWalk.Walk w) {
        if (StatMode.isDir(in.mode())) {
            if (in.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
                return;
            }
            if (in.size() % ctx.blockSize != 0) {
                ctx.problem("directory inode " + ino + " has size " + in.size() + ", not a multiple of the block size");
            } else if (in.size() / ctx.blockSize != w.lastAny + 1) {
                ctx.problem("directory inode " + ino + " has size " + in.size() + ", should be "
                        + (w.lastAny + 1) * ctx.blockSize);
            }
        } else if (StatMode.isReg(in.mode()) && w.lastInit >= 0) {
            long blocksForSize = (in.size() + ctx.blockSize - 1) / ctx.blockSize;
            if (w.lastInit >= blocksForSize) {
                ctx.problem("inode " + ino + ": written block " + w.lastInit + " lies past i_size " + in.size());
            }
        }
    }

    private static boolean isZero(byte[] raw) {
        for (byte b : raw) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The directory file type for a mode, or -1 for a bad one. */
    static int fileType(int mode) {
        int t = dev.kemu.fs.ext4.disklayout.Ext4DirEntry2.fileTypeOf(mode);
        return t == 0 ? -1 : t;
    }

    static long le32(byte[] b, int index) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(4 * index) & 0xFFFFFFFFL;
    }
}
