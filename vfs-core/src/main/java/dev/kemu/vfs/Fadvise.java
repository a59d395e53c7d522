package dev.kemu.vfs;

/**
 * fadvise64 ({@code mm/fadvise.c:ksys_fadvise64_64()}, {@code generic_fadvise()}).
 *
 * <p>Errors, in order: EBADF (not open, O_PATH), ESPIPE (a pipe or FIFO), EINVAL (negative
 * length), EINVAL (an advice other than {@code POSIX_FADV_NORMAL} to {@code POSIX_FADV_NOREUSE}).
 *
 * <p>Deliberate divergence: the advice changes nothing. Read-ahead is not modelled, and
 * {@code POSIX_FADV_DONTNEED} keeps the page cache as it is: dropping a clean page the kernel
 * would drop ({@code invalidate_mapping_pages}) is invisible to every call the model answers
 * (the bytes read back are the same), and a page a pipe still references stays cached, as it
 * does in the kernel, so a later write to the file is still seen by the pipe's reader.
 */
public final class Fadvise {
    public static final int POSIX_FADV_NORMAL = 0;
    public static final int POSIX_FADV_RANDOM = 1;
    public static final int POSIX_FADV_SEQUENTIAL = 2;
    public static final int POSIX_FADV_WILLNEED = 3;
    public static final int POSIX_FADV_DONTNEED = 4;
    public static final int POSIX_FADV_NOREUSE = 5;

    private Fadvise() {
    }

    static long fadvise64(Task task, int fd, long offset, long len, int advice) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            if (StatMode.isFifo(f.inode().mode())) {
                return Errno.ESPIPE.neg();
            }
            if (len < 0) {
                return Errno.EINVAL.neg();
            }
            if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE) {
                return Errno.EINVAL.neg();
            }
            return 0;
        } finally {
            f.put();
        }
    }
}
