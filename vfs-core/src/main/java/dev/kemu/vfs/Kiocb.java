package dev.kemu.vfs;

/**
 * One I/O request on a file ({@code include/linux/fs.h:struct kiocb}): the file, the position
 * the request works at, and its flags. The caller copies {@link #pos()} back to {@code f_pos}
 * or to the user's offset afterwards.
 */
public final class Kiocb {
    /** {@code IOCB_APPEND}: write at end of file. */
    public static final int IOCB_APPEND = 1 << 1;
    /** {@code IOCB_NOWAIT}. */
    public static final int IOCB_NOWAIT = 1 << 7;

    private final File file;
    private final int flags;
    private long pos;

    public Kiocb(File file, long pos, int flags) {
        this.file = file;
        this.pos = pos;
        this.flags = flags;
    }

    /** {@code init_sync_kiocb}: flags derived from the file ({@code iocb_flags}). */
    public static Kiocb sync(File file, long pos) {
        int flags = (file.flags() & Fcntl.O_APPEND) != 0 ? IOCB_APPEND : 0;
        return new Kiocb(file, pos, flags);
    }

    public File file() {
        return file;
    }

    public long pos() {
        return pos;
    }

    public void setPos(long pos) {
        this.pos = pos;
    }

    public int flags() {
        return flags;
    }

    public boolean isAppend() {
        return (flags & IOCB_APPEND) != 0;
    }

    /** The task doing the I/O. */
    public Task task() {
        return Task.current();
    }
}
