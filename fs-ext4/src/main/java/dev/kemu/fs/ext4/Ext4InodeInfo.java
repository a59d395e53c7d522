package dev.kemu.fs.ext4;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Inode;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The ext4 side of an in-memory inode ({@code fs/ext4/ext4.h:struct ext4_inode_info}), kept in
 * the VFS inode's {@code fsPrivate}.
 *
 * <p>Locking: {@link #dataSem} is {@code i_data_sem}: the extent tree (the root in
 * {@link #root()}, its decoded form and every tree block in {@link #extentCache()}) and
 * {@code i_blocks} change only under its write lock, and block lookups ({@code readFolio},
 * writeback, SEEK_DATA) hold its read lock. The on-disk fields below are guarded by this object's
 * monitor, so that {@link Ext4Inodes#writeInode} encodes a consistent snapshot; {@code i_size} is
 * the VFS inode's. The monitor is a leaf lock (only the device is used under it).
 *
 * <p>Dirty state ({@code I_DIRTY}): {@link #markDirty} and {@link #touch} record that the fields
 * differ from the inode table; the inode is written at writeback ({@link Ext4Inodes#writeBack}),
 * or at once by the callers that still write through.
 */
final class Ext4InodeInfo {
    final long ino;
    /** {@code i_data_sem}. */
    final ReentrantReadWriteLock dataSem = new ReentrantReadWriteLock();
    /** The decoded extent tree; guarded by {@link #dataSem}. */
    private final ExtentCache extents = new ExtentCache();
    private volatile Inode vfs;

    @GuardedBy("this")
    private Ext4Inode base;
    @GuardedBy("this")
    private int mode;
    @GuardedBy("this")
    private long uid;
    @GuardedBy("this")
    private long gid;
    @GuardedBy("this")
    private int links;
    @GuardedBy("this")
    private long blocks;
    @GuardedBy("this")
    private int flags;
    @GuardedBy("this")
    private byte[] root;
    @GuardedBy("this")
    private long mtime;
    @GuardedBy("this")
    private long ctime;
    @GuardedBy("this")
    private long atime;
    @GuardedBy("this")
    private long dtime;
    @GuardedBy("this")
    private boolean evicted;
    /** Fields changed since the last {@link #toDisk} ({@code I_DIRTY_SYNC}). */
    @GuardedBy("this")
    private boolean dirty;
    private final int csumSeed;

    /** From the on-disk inode {@code disk}; {@code fsSeed} is the filesystem checksum seed. */
    Ext4InodeInfo(long ino, Ext4Inode disk, int fsSeed) {
        this.ino = ino;
        this.base = disk;
        this.mode = disk.mode();
        this.uid = disk.uid();
        this.gid = disk.gid();
        this.links = disk.linksCount();
        this.blocks = disk.blocks();
        this.flags = disk.flags();
        this.root = disk.iBlock();
        this.mtime = disk.mtime();
        this.ctime = disk.ctime();
        this.atime = disk.atime();
        this.dtime = disk.dtime();
        this.csumSeed = Ext4Checksums.inodeSeed(fsSeed, ino, disk.generation());
    }

    Inode vfs() {
        return vfs;
    }

    void setVfs(Inode inode) {
        this.vfs = inode;
    }

    /** The decoded extent tree and its dirty blocks (see {@link ExtentCache} for the locking). */
    ExtentCache extentCache() {
        return extents;
    }

    /** {@code ei->i_csum_seed}: seed of the checksums of this inode's extent and directory blocks. */
    int csumSeed() {
        return csumSeed;
    }

    synchronized int mode() {
        return mode;
    }

    /** {@code i_mode}, as {@code ext4_setattr} changes it; makes the inode dirty. */
    synchronized void setMode(int m) {
        mode = m;
        dirty = true;
    }

    /** {@code i_uid} (low 16 bits at 0x02, high 16 in {@code osd2.l_i_uid_high}). */
    synchronized long uid() {
        return uid;
    }

    /** {@code i_gid} (low 16 bits at 0x18, high 16 in {@code osd2.l_i_gid_high}). */
    synchronized long gid() {
        return gid;
    }

    /** The owners as {@code ext4_setattr} changes them ({@code -1} leaves one alone); makes the inode dirty. */
    synchronized void setOwner(int u, int g) {
        if (u != -1) {
            uid = Integer.toUnsignedLong(u);
        }
        if (g != -1) {
            gid = Integer.toUnsignedLong(g);
        }
        dirty = true;
    }

    /** Sets the times given (seconds; {@code -1} leaves one alone); makes the inode dirty. */
    synchronized void setTimes(long a, long m, long c) {
        if (a >= 0) {
            atime = a;
        }
        if (m >= 0) {
            mtime = m;
        }
        if (c >= 0) {
            ctime = c;
        }
        dirty = true;
    }

    synchronized int links() {
        return links;
    }

    synchronized void setLinks(int n) {
        links = n;
    }

    /** {@code i_blocks} in 512-byte sectors. */
    synchronized long blocks() {
        return blocks;
    }

    /** Changes {@code i_blocks}, which makes the inode dirty. */
    synchronized void addBlocks(long sectors) {
        dirty = true;
        blocks += sectors;
        if (blocks < 0) {
            throw new IllegalStateException("i_blocks below zero for inode " + ino);
        }
    }

    synchronized int flags() {
        return flags;
    }

    synchronized boolean hasFlag(int f) {
        return (flags & f) != 0;
    }

    synchronized void setFlags(int f) {
        flags = f;
    }

    /** A copy of {@code i_block} (the extent tree root). */
    synchronized byte[] root() {
        return root.clone();
    }

    /**
     * Replaces {@code i_block} (a block-mapped inode's pointers); an extent inode's root changes
     * through its decoded form, {@link #storeRoot}.
     */
    synchronized void setRoot(byte[] newRoot) {
        if (newRoot.length != Ext4Inode.I_BLOCK_SIZE) {
            throw new IllegalArgumentException("i_block is 60 bytes");
        }
        root = newRoot.clone();
        dirty = true;
    }

    /** Encodes the extent tree root {@code node} into {@code i_block}, which makes the inode dirty. */
    synchronized void storeRoot(ExtentNode node) {
        node.encodeRootInto(root);
        dirty = true;
    }

    synchronized void touch(long now, boolean modify) {
        if (ctime != now || modify && mtime != now) {
            dirty = true;
        }
        ctime = now;
        if (modify) {
            mtime = now;
        }
    }

    synchronized boolean isDirty() {
        return dirty;
    }

    /**
     * {@code ext4_mark_inode_dirty}: the fields changed ({@code i_size}, {@code i_blocks}, the
     * root); the inode is written at writeback.
     */
    synchronized void markDirty() {
        dirty = true;
    }

    synchronized void setDtime(long t) {
        dtime = t;
    }

    synchronized long dtime() {
        return dtime;
    }

    /** Marks the inode evicted; true only for the first caller. */
    synchronized boolean markEvicted() {
        if (evicted) {
            return false;
        }
        evicted = true;
        return true;
    }

    synchronized boolean isEvicted() {
        return evicted;
    }

    /** The on-disk inode as it should be now, with {@code i_size} {@code size}. */
    synchronized Ext4Inode toDisk(long size) {
        Ext4Inode b = base;
        Ext4Inode d = new Ext4Inode(mode, uid, gid, size, atime, ctime, mtime, dtime, links, blocks, flags,
                b.version(), root, b.generation(), b.fileAcl(), b.extraIsize(), b.ctimeExtra(), b.mtimeExtra(),
                b.atimeExtra(), b.crtime(), b.crtimeExtra(), b.raw());
        base = d;
        dirty = false;
        return d;
    }

    /**
     * Replaces the in-inode extended attribute area ({@code ext4_xattr_ibody_set}); makes the
     * inode dirty. The caller has checked that {@code body} fits.
     */
    synchronized void setIbody(dev.kemu.fs.ext4.disklayout.Ext4XattrIbody body) {
        Ext4Inode b = base;
        byte[] raw = b.raw();
        body.encodeInto(raw, b.ibodyOffset());
        base = new Ext4Inode(b.mode(), b.uid(), b.gid(), b.size(), b.atime(), b.ctime(), b.mtime(), b.dtime(), b.linksCount(),
                b.blocks(), b.flags(), b.version(), b.iBlock(), b.generation(), b.fileAcl(), b.extraIsize(), b.ctimeExtra(),
                b.mtimeExtra(), b.atimeExtra(), b.crtime(), b.crtimeExtra(), raw);
        dirty = true;
    }

    /** The raw in-inode bytes last read or written (for inline data and the extended attribute area). */
    synchronized Ext4Inode base() {
        return base;
    }

    @Override
    public String toString() {
        return "ext4 inode " + ino;
    }
}
