package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.vfs.spi.AddressSpaceOperations;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An inode ({@code include/linux/fs.h:struct inode}): the file itself, apart from any name
 * (a {@link Dentry}) or any opening of it (a {@link File}).
 *
 * <p>{@link #lock()} is {@code i_rwsem} taken for writing (the model never needs shared mode):
 * it serializes writes, truncation and directory changes. {@code i_size} is read without the
 * lock, as {@code i_size_read()} does, and written under it.
 */
public final class Inode {
    private final SuperBlock sb;
    private final long ino;
    private final InodeOperations iop;
    private final FileOperations fop;
    private final AddressSpace mapping;
    private final ReentrantLock rwsem = new ReentrantLock();
    private volatile int mode;
    private volatile long size;
    @GuardedBy("rwsem")
    private int nlink;
    private volatile Object fsPrivate;
    private volatile Object pipe;
    private int openCount;
    private volatile boolean deadDir;
    private boolean evicted;
    private volatile String name;
    private volatile Timespec atime;
    private volatile Timespec mtime;
    private volatile Timespec ctime;
    private volatile long rdev;
    private volatile int uid;
    private volatile int gid;

    Inode(SuperBlock sb, long ino, int mode, InodeOperations iop, FileOperations fop, AddressSpaceOperations aops) {
        this.sb = sb;
        this.ino = ino;
        this.mode = mode;
        this.iop = iop;
        this.fop = fop;
        this.mapping = new AddressSpace(this, aops);
        this.nlink = StatMode.isDir(mode) ? 2 : 1;
        Timespec now = Timespec.now();
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
        // inode_init_owner: the creator's fsuid and fsgid (root's when no task is running).
        Task current = Task.current();
        if (current != null) {
            this.uid = current.fsuid();
            this.gid = current.fsgid();
        }
    }

    public SuperBlock sb() {
        return sb;
    }

    public long ino() {
        return ino;
    }

    public int mode() {
        return mode;
    }

    public void setMode(int mode) {
        this.mode = mode;
    }

    public boolean isDir() {
        return StatMode.isDir(mode);
    }

    public boolean isReg() {
        return StatMode.isReg(mode);
    }

    public boolean isSymlink() {
        return StatMode.isLnk(mode);
    }

    /** {@code i_atime}. */
    public Timespec atime() {
        return atime;
    }

    /** {@code i_mtime}. */
    public Timespec mtime() {
        return mtime;
    }

    /** {@code i_ctime}. */
    public Timespec ctime() {
        return ctime;
    }

    /** {@code i_uid}. */
    public int uid() {
        return uid;
    }

    /** {@code i_gid}. */
    public int gid() {
        return gid;
    }

    /**
     * {@code setattr_copy} of the owners, or a filesystem reading them from disk; {@code -1}
     * leaves one alone.
     */
    public void setOwner(int uid, int gid) {
        if (uid != -1) {
            this.uid = uid;
        }
        if (gid != -1) {
            this.gid = gid;
        }
    }

    /** {@code setattr_copy} of the times; a null argument leaves that time alone. */
    public void setTimes(Timespec atime, Timespec mtime, Timespec ctime) {
        if (atime != null) {
            this.atime = atime;
        }
        if (mtime != null) {
            this.mtime = mtime;
        }
        if (ctime != null) {
            this.ctime = ctime;
        }
    }

    public InodeOperations iop() {
        return iop;
    }

    /** {@code i_fop}: the operations a file opened on this inode gets. */
    public FileOperations fop() {
        return fop;
    }

    /** {@code i_mapping}: this inode's page cache. */
    public AddressSpace mapping() {
        return mapping;
    }

    /** {@code i_rwsem}. */
    public ReentrantLock lock() {
        return rwsem;
    }

    /** {@code i_size_read()}. */
    public long size() {
        return size;
    }

    /** {@code i_size_write()}; the caller holds {@link #lock()}. */
    public void setSize(long size) {
        this.size = size;
    }

    public int nlink() {
        rwsem.lock();
        try {
            return nlink;
        } finally {
            rwsem.unlock();
        }
    }

    /** {@code set_nlink()}. */
    public void setNlink(int n) {
        rwsem.lock();
        try {
            nlink = n;
        } finally {
            rwsem.unlock();
        }
    }

    /** {@code inc_nlink()}. */
    public void incNlink() {
        rwsem.lock();
        try {
            nlink++;
        } finally {
            rwsem.unlock();
        }
    }

    /** {@code drop_nlink()}. */
    public void dropNlink() {
        rwsem.lock();
        try {
            if (nlink > 0) {
                nlink--;
            }
        } finally {
            rwsem.unlock();
        }
    }

    /** The filesystem's private data ({@code i_private}, or the container of the VFS inode). */
    public Object fsPrivate() {
        return fsPrivate;
    }

    public void setFsPrivate(Object p) {
        this.fsPrivate = p;
    }

    /** {@code i_pipe}: the pipe of a FIFO or pipefs inode, owned by the pipe layer. */
    public Object pipe() {
        return pipe;
    }

    public void setPipe(Object p) {
        this.pipe = p;
    }

    synchronized void opened() {
        openCount++;
    }

    /** Drops an open reference; evicts the inode when it was the last one and no name is left. */
    void closed() {
        boolean evict;
        synchronized (this) {
            openCount--;
            evict = openCount == 0 && nlink() == 0;
        }
        if (evict) {
            evict();
        }
    }

    /**
     * {@code evict()}: the last link and the last reference are gone; the filesystem frees the
     * inode. Happens once, whichever of the last unlink and the last close comes second.
     */
    void evict() {
        synchronized (this) {
            if (evicted) {
                return;
            }
            evicted = true;
        }
        iop.evict(this);
        mapping.clear();
    }

    /** True while some file has the inode open; {@code unlink} of the last name then defers eviction. */
    public synchronized boolean isOpen() {
        return openCount > 0;
    }

    /** The first name the inode was found or created under, for traces and messages; null if never named. */
    public String name() {
        return name;
    }

    /** Records a name for traces (the first one sticks, as a file keeps its dentry). */
    public void nameIfUnnamed(String n) {
        if (name == null) {
            name = n;
        }
    }

    /** {@code i_rdev} as user space sees it ({@code makedev(major, minor)}); 0 unless a device node. */
    public long rdev() {
        return rdev;
    }

    /**
     * {@code init_special_inode()}: records the device number of a character or block device
     * node; opens of FIFOs and devices find their operations through the {@link Vfs}.
     */
    public void initSpecial(long rdev) {
        this.rdev = StatMode.isChr(mode) || StatMode.isBlk(mode) ? rdev : 0;
    }

    /** True for a FIFO, a device node or a socket (what {@code init_special_inode} handles). */
    public boolean isSpecial() {
        int t = mode & StatMode.S_IFMT;
        return t == StatMode.S_IFIFO || t == StatMode.S_IFCHR || t == StatMode.S_IFBLK || t == StatMode.S_IFSOCK;
    }

    /** {@code S_DEAD}: this directory was removed; nothing can be created in it. */
    public boolean isDeadDir() {
        return deadDir;
    }

    void markDeadDir() {
        deadDir = true;
    }

    @Override
    public String toString() {
        return "inode " + ino + " on " + sb.type();
    }
}
