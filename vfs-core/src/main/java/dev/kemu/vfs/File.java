package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileOperations;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An open file ({@code include/linux/fs.h:struct file}): the result of one open, shared by every
 * descriptor {@code dup} made from it. It has its own access mode ({@code f_mode}), status flags
 * ({@code f_flags}), position ({@code f_pos}) and operations.
 *
 * <p>{@code f_pos} is guarded by {@link #posLock()} ({@code f_pos_lock}, taken by
 * {@code fdget_pos} for read/write/lseek on files that have FMODE_ATOMIC_POS). Flags are a
 * volatile word changed by {@code fcntl(F_SETFL)} under the file's monitor.
 */
public final class File {
    /** {@code FMODE_READ}. */
    public static final int FMODE_READ = 0x1;
    /** {@code FMODE_WRITE}. */
    public static final int FMODE_WRITE = 0x2;
    /** {@code FMODE_LSEEK}: lseek allowed. */
    public static final int FMODE_LSEEK = 0x4;
    /** {@code FMODE_PREAD}: pread allowed. */
    public static final int FMODE_PREAD = 0x8;
    /** {@code FMODE_PWRITE}: pwrite allowed. */
    public static final int FMODE_PWRITE = 0x10;
    /** {@code FMODE_PATH}: an O_PATH file, good for nothing but naming. */
    public static final int FMODE_PATH = 0x4000;
    /** {@code FMODE_ATOMIC_POS}. */
    public static final int FMODE_ATOMIC_POS = 0x8000;
    /** {@code FMODE_STREAM}: no position at all (pipes). */
    public static final int FMODE_STREAM = 0x200000;

    private final VfsPath path;
    private final Inode inode;
    private final FileOperations fop;
    private final ReentrantLock posLock = new ReentrantLock();
    private final AtomicInteger count = new AtomicInteger(1);
    private volatile int mode;
    private volatile int flags;
    private long pos;
    private volatile Object privateData;

    public File(VfsPath path, Inode inode, FileOperations fop, int mode, int flags) {
        this.path = path;
        this.inode = inode;
        this.fop = fop;
        this.mode = mode;
        this.flags = flags;
    }

    /** {@code f_path}; null for pseudo files that have no name (pipes). */
    public VfsPath path() {
        return path;
    }

    public Inode inode() {
        return inode;
    }

    public FileOperations fop() {
        return fop;
    }

    public int mode() {
        return mode;
    }

    public boolean canRead() {
        return (mode & FMODE_READ) != 0;
    }

    public boolean canWrite() {
        return (mode & FMODE_WRITE) != 0;
    }

    /** Clears {@code f_mode} bits ({@code nonseekable_open}, {@code stream_open}). */
    public void clearMode(int bits) {
        mode &= ~bits;
    }

    public void setModeBits(int bits) {
        mode |= bits;
    }

    public int flags() {
        return flags;
    }

    /** {@code setfl}: replaces the flags; the caller has decided which bits may change. */
    public synchronized void setFlags(int flags) {
        this.flags = flags;
    }

    /** {@code f_pos_lock}. */
    public ReentrantLock posLock() {
        return posLock;
    }

    /** {@code f_pos}. Readers that need it stable hold {@link #posLock()}. */
    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    /** {@code private_data}: a pipe for pipe files. */
    public Object privateData() {
        return privateData;
    }

    public void setPrivateData(Object p) {
        this.privateData = p;
    }

    /** {@code get_file()}: one more reference (an fd, a dup). */
    public File get() {
        count.incrementAndGet();
        return this;
    }

    /** {@code fput()}: drops a reference; the last one releases the file. */
    public void put() {
        int left = count.decrementAndGet();
        if (left == 0) {
            fop.release(inode, this);
            inode.closed();
        } else if (left < 0) {
            throw new IllegalStateException("file reference count below zero: " + this);
        }
    }

    /** Registers the open with the inode (called once, by the code that built the file). */
    public void opened() {
        inode.opened();
    }

    @Override
    public String toString() {
        return "file(" + (path == null ? inode : path.dentry().path()) + ")";
    }
}
