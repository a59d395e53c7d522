package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Errno;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The block groups of a mounted filesystem: the descriptors ({@code sbi->s_group_desc}), the two
 * bitmaps of each group ({@code fs/ext4/balloc.c:ext4_read_block_bitmap()},
 * {@code fs/ext4/ialloc.c:ext4_read_inode_bitmap()}) and the free counters
 * ({@code s_freeclusters_counter}, {@code s_freeinodes_counter}, {@code s_dirtyclusters_counter}).
 *
 * <p>A bitmap is read on first use; a {@code BLOCK_UNINIT} group gets the bitmap
 * {@code ext4_init_block_bitmap} would build, an {@code INODE_UNINIT} one an empty inode bitmap.
 * Changes stay in memory and mark the group dirty; {@link #writeDirty} writes the dirty groups'
 * bitmaps and descriptors with fresh checksums (and clears their UNINIT flags), as a journal
 * commit would.
 *
 * <p>Locking: {@link #lock} guards all of it. The kernel has a spinlock per group plus per-cpu
 * counters; one lock is enough here because every critical section is a short scan of an
 * in-memory bitmap. It is taken after {@code i_data_sem} and the orphan lock and before the
 * inode monitor and the device.
 */
final class BlockGroups {
    final ReentrantLock lock = new ReentrantLock();
    private final Ext4SbInfo sbi;
    private final int groups;
    @GuardedBy("lock")
    private final Ext4GroupDesc[] gds;
    @GuardedBy("lock")
    private final byte[][] blockBitmaps;
    @GuardedBy("lock")
    private final byte[][] inodeBitmaps;
    @GuardedBy("lock")
    private final boolean[] dirty;
    /** {@code EXT4_GROUP_INFO_BBITMAP_CORRUPT} and {@code EXT4_GROUP_INFO_IBITMAP_CORRUPT}. */
    @GuardedBy("lock")
    private final boolean[] blockBitmapCorrupt;
    @GuardedBy("lock")
    private final boolean[] inodeBitmapCorrupt;
    @GuardedBy("lock")
    private long freeBlocks;
    @GuardedBy("lock")
    private long freeInodes;
    /** Blocks promised to operations in progress ({@code s_dirtyclusters_counter}). */
    @GuardedBy("lock")
    private long reserved;

    BlockGroups(Ext4SbInfo sbi, Ext4GroupDesc[] gds) {
        this.sbi = sbi;
        this.groups = gds.length;
        this.gds = gds.clone();
        this.blockBitmaps = new byte[groups][];
        this.inodeBitmaps = new byte[groups][];
        this.dirty = new boolean[groups];
        this.blockBitmapCorrupt = new boolean[groups];
        this.inodeBitmapCorrupt = new boolean[groups];
        for (Ext4GroupDesc gd : gds) {
            freeBlocks += gd.freeBlocksCount();
            freeInodes += gd.freeInodesCount();
        }
    }

    int count() {
        return groups;
    }

    private Ext4SuperBlock es() {
        return sbi.es();
    }

    Ext4GroupDesc descLocked(int g) {
        return gds[g];
    }

    void setDescLocked(int g, Ext4GroupDesc gd) {
        gds[g] = gd;
        dirty[g] = true;
    }

    /**
     * The block bitmap of {@code g}, read or built on first use and verified as
     * {@code fs/ext4/balloc.c:ext4_validate_block_bitmap()} does: its checksum
     * ({@code ext4_block_bitmap_csum_verify}, EFSBADCRC) and the bits of the group's own bitmaps and
     * inode table ({@code ext4_valid_block_bitmap}, EFSCORRUPTED). A bad one is reported through
     * {@link Ext4Error} once and marks the group corrupt, so that the allocator skips it.
     *
     * @throws FsCorruptedException for a corrupt bitmap (already reported)
     */
    byte[] blockBitmapLocked(int g) {
        byte[] map = blockBitmaps[g];
        if (map == null) {
            Ext4GroupDesc gd = gds[g];
            if (blockBitmapCorrupt[g]) {
                throw FsCorruptedException.badCrcReported(gd.blockBitmap(), "bg " + g + ": block bitmap corrupt");
            }
            if (gd.hasFlag(Ext4GroupDesc.BLOCK_UNINIT)) {
                map = Ext4Geometry.initBlockBitmap(es(), gds, g);
            } else {
                map = sbi.bread(gd.blockBitmap());
                String bad = validateBlockBitmap(g, gd, map);
                if (bad != null) {
                    blockBitmapCorrupt[g] = true;
                    sbi.errors.error("ext4_validate_block_bitmap", 0, 0, Errno.EBADMSG, bad);
                    throw FsCorruptedException.badCrcReported(gd.blockBitmap(), bad);
                }
            }
            blockBitmaps[g] = map;
        }
        return map;
    }

    private String validateBlockBitmap(int g, Ext4GroupDesc gd, byte[] map) {
        Ext4SuperBlock es = es();
        if (sbi.csum) {
            int crc = Ext4Checksums.bitmap(sbi.csumSeed, map, (int) (es.clustersPerGroup() / 8));
            int mask = es.groupDescSize() >= Ext4GroupDesc.SIZE_64 ? -1 : 0xFFFF;
            if ((crc & mask) != (gd.blockBitmapCsum() & mask)) {
                return "bg " + g + ": bad block bitmap checksum";
            }
        }
        long first = Ext4Geometry.groupFirstBlock(es, g);
        long count = Ext4Geometry.groupBlockCount(es, g);
        long itb = Ext4Geometry.inodeTableBlocks(es);
        long[][] own = {{gd.blockBitmap(), 1}, {gd.inodeBitmap(), 1}, {gd.inodeTable(), itb}};
        for (long[] m : own) {
            for (long b = m[0]; b < m[0] + m[1]; b++) {
                if (b >= first && b < first + count && !Ext4Bitmap.test(map, b - first)) {
                    return "bg " + g + ": block " + b + ": invalid block bitmap";
                }
            }
        }
        return null;
    }

    /** {@link #blockBitmapLocked}, or null for a corrupt one (reported; the allocator skips the group). */
    byte[] blockBitmapOrNullLocked(int g) {
        try {
            return blockBitmapLocked(g);
        } catch (FsCorruptedException e) {
            return null;
        }
    }

    /**
     * The inode bitmap of {@code g}, read or built on first use and verified as
     * {@code fs/ext4/ialloc.c:ext4_validate_inode_bitmap()} does (its checksum, EFSBADCRC); a bad
     * one is reported once and marks the group corrupt.
     *
     * @throws FsCorruptedException for a corrupt bitmap (already reported)
     */
    byte[] inodeBitmapLocked(int g) {
        byte[] map = inodeBitmaps[g];
        if (map == null) {
            Ext4GroupDesc gd = gds[g];
            if (inodeBitmapCorrupt[g]) {
                throw FsCorruptedException.badCrcReported(gd.inodeBitmap(), "bg " + g + ": inode bitmap corrupt");
            }
            if (gd.hasFlag(Ext4GroupDesc.INODE_UNINIT)) {
                map = new byte[sbi.blockSize];
                Ext4Geometry.padInodeBitmap(es(), map);
            } else {
                map = sbi.bread(gd.inodeBitmap());
                if (sbi.csum) {
                    int crc = Ext4Checksums.bitmap(sbi.csumSeed, map, (int) (es().inodesPerGroup() / 8));
                    int mask = es().groupDescSize() >= Ext4GroupDesc.SIZE_64 ? -1 : 0xFFFF;
                    if ((crc & mask) != (gd.inodeBitmapCsum() & mask)) {
                        inodeBitmapCorrupt[g] = true;
                        String bad = "Corrupt inode bitmap - block_group = " + g + ", inode_bitmap = "
                                + gd.inodeBitmap();
                        sbi.errors.error("ext4_validate_inode_bitmap", 0, 0, Errno.EBADMSG, bad);
                        throw FsCorruptedException.badCrcReported(gd.inodeBitmap(), bad);
                    }
                }
            }
            inodeBitmaps[g] = map;
        }
        return map;
    }

    /** {@link #inodeBitmapLocked}, or null for a corrupt one (reported; the allocator skips the group). */
    byte[] inodeBitmapOrNullLocked(int g) {
        try {
            return inodeBitmapLocked(g);
        } catch (FsCorruptedException e) {
            return null;
        }
    }

    void addFreeBlocksLocked(long n) {
        freeBlocks += n;
    }

    void addFreeInodesLocked(long n) {
        freeInodes += n;
    }

    long freeBlocks() {
        lock.lock();
        try {
            return freeBlocks;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks promised to operations in flight ({@code s_dirtyclusters_counter}). */
    long reserved() {
        lock.lock();
        try {
            return reserved;
        } finally {
            lock.unlock();
        }
    }

    long freeInodes() {
        lock.lock();
        try {
            return freeInodes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code ext4_claim_free_clusters}: promises up to {@code n} blocks to an operation; null
     * (ENOSPC) when they are not there. The operation allocates against the reservation and closes
     * it, which gives back what it did not use.
     */
    Reservation claim(long n) {
        lock.lock();
        try {
            if (!canClaimLocked(n)) {
                return null;
            }
            reserved += n;
            return new Reservation(this, n);
        } finally {
            lock.unlock();
        }
    }

    /** True when {@link #claim}{@code (n)} would succeed now. */
    boolean canClaimLocked(long n) {
        return freeBlocks - reserved >= n;
    }

    void unclaimLocked(long n) {
        reserved -= n;
        if (reserved < 0) {
            throw new IllegalStateException("block reservation below zero");
        }
    }

    /**
     * Writes the dirty groups: bitmap checksums into the descriptors, the bitmaps, the descriptors.
     * UNINIT flags are cleared since the bitmaps now exist on disk.
     */
    void writeDirty() {
        if (sbi.readOnly) {
            return;
        }
        lock.lock();
        try {
            Ext4SuperBlock es = es();
            for (int g = 0; g < groups; g++) {
                if (!dirty[g]) {
                    continue;
                }
                byte[] bmap = blockBitmapOrNullLocked(g);
                byte[] imap = inodeBitmapOrNullLocked(g);
                if (bmap == null || imap == null) {
                    continue; // a corrupt group is never written (the error made the mount read-only)
                }
                Ext4GroupDesc gd = gds[g];
                int flags = gd.flags() & ~(Ext4GroupDesc.BLOCK_UNINIT | Ext4GroupDesc.INODE_UNINIT);
                gd = gd.withCounts(gd.freeBlocksCount(), gd.freeInodesCount(), gd.usedDirsCount(), flags,
                        gd.itableUnused());
                if (sbi.csum) {
                    gd = gd.withBitmapCsums(
                            Ext4Checksums.bitmap(sbi.csumSeed, bmap, (int) (es.clustersPerGroup() / 8)),
                            Ext4Checksums.bitmap(sbi.csumSeed, imap, (int) (es.inodesPerGroup() / 8)));
                }
                gds[g] = gd;
                sbi.bwrite(gd.blockBitmap(), bmap, 0);
                sbi.bwrite(gd.inodeBitmap(), imap, 0);
                byte[] enc = gd.encode(es.groupDescSize(), g, sbi.csum ? sbi.csumSeed : null);
                long pos = Ext4Geometry.descBlock(es, g) * sbi.blockSize + Ext4Geometry.descOffset(es, g);
                sbi.dev.write(pos, enc, 0, enc.length);
                dirty[g] = false;
            }
        } finally {
            lock.unlock();
        }
    }
}
