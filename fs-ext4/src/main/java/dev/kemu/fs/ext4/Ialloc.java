package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;

/**
 * Inode allocation ({@code fs/ext4/ialloc.c:ext4_new_inode()}, {@code ext4_free_inode()}).
 *
 * <p>Deliberate divergence: no Orlov spreading of directories. Both files and directories take
 * the first free inode of their parent's group, then of the following groups. With group
 * descriptor checksums, {@code bg_itable_unused} is lowered when an inode past the used part of
 * the table is taken, as the kernel does, so that e2fsck and the kernel know which part of the
 * inode table may hold garbage.
 */
final class Ialloc {
    private final Ext4SbInfo sbi;
    private final BlockGroups groups;

    Ialloc(Ext4SbInfo sbi, BlockGroups groups) {
        this.sbi = sbi;
        this.groups = groups;
    }

    /** Allocates an inode near {@code parentIno}; 0 when none is free (ENOSPC). */
    long newInode(long parentIno, boolean dir) {
        Ext4SuperBlock es = sbi.es();
        long ipg = es.inodesPerGroup();
        groups.lock.lock();
        try {
            int n = groups.count();
            int g0 = (int) ((parentIno - 1) / ipg);
            for (int i = 0; i < n; i++) {
                int g = (g0 + i) % n;
                Ext4GroupDesc gd = groups.descLocked(g);
                if (gd.freeInodesCount() == 0) {
                    continue;
                }
                byte[] map = groups.inodeBitmapOrNullLocked(g);
                if (map == null) {
                    continue; // EXT4_MB_GRP_IBITMAP_CORRUPT: skipped
                }
                long from = g == 0 ? es.firstIno() - 1 : 0;
                long bit = Ext4Bitmap.findNextZero(map, from, ipg);
                if (bit < 0) {
                    continue;
                }
                Ext4Bitmap.set(map, bit);
                if (gd.hasFlag(Ext4GroupDesc.BLOCK_UNINIT)) {
                    groups.blockBitmapLocked(g); // builds it, so that writeback can clear the flag
                }
                long unused = gd.itableUnused();
                if (sbi.gdtCsum && bit >= ipg - unused) {
                    unused = ipg - bit - 1;
                }
                int flags = gd.flags() & ~Ext4GroupDesc.INODE_UNINIT;
                groups.setDescLocked(g, gd.withCounts(gd.freeBlocksCount(), gd.freeInodesCount() - 1,
                        gd.usedDirsCount() + (dir ? 1 : 0), flags, unused));
                groups.addFreeInodesLocked(-1);
                return (long) g * ipg + bit + 1;
            }
            return 0;
        } finally {
            groups.lock.unlock();
        }
    }

    /**
     * Frees inode {@code ino}.
     *
     * @throws FsCorruptedException when it is already free
     */
    void freeInode(long ino, boolean dir) {
        Ext4SuperBlock es = sbi.es();
        long ipg = es.inodesPerGroup();
        int g = (int) ((ino - 1) / ipg);
        long bit = (ino - 1) % ipg;
        groups.lock.lock();
        try {
            byte[] map = groups.inodeBitmapLocked(g);
            if (!Ext4Bitmap.test(map, bit)) {
                throw new FsCorruptedException("freeing free inode " + ino);
            }
            Ext4Bitmap.clear(map, bit);
            Ext4GroupDesc gd = groups.descLocked(g);
            groups.setDescLocked(g, gd.withCounts(gd.freeBlocksCount(), gd.freeInodesCount() + 1,
                    gd.usedDirsCount() - (dir ? 1 : 0), gd.flags(), gd.itableUnused()));
            groups.addFreeInodesLocked(1);
        } finally {
            groups.lock.unlock();
        }
    }
}
