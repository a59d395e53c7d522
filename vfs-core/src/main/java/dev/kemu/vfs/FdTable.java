package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Arrays;

/**
 * A task's file descriptor table ({@code include/linux/fdtable.h:struct files_struct},
 * {@code fs/file.c}). New descriptors take the lowest free number ({@code alloc_fd}); the
 * table grows up to {@code RLIMIT_NOFILE} (1024 by default), past which EMFILE.
 *
 * <p>All state is guarded by the table's monitor ({@code files->file_lock}). Closing drops the
 * table's reference to the {@link File} outside the lock ({@code filp_close} after
 * {@code pick_file}).
 */
public final class FdTable {
    /** The default soft {@code RLIMIT_NOFILE}. */
    public static final int NR_OPEN_DEFAULT = 1024;

    @GuardedBy("this")
    private File[] fds = new File[64];
    @GuardedBy("this")
    private boolean[] cloexec = new boolean[64];
    private volatile int limit;
    /** {@code files_struct->count}: the tasks sharing the table. */
    private final java.util.concurrent.atomic.AtomicInteger users = new java.util.concurrent.atomic.AtomicInteger(1);

    public FdTable() {
        this(NR_OPEN_DEFAULT);
    }

    public FdTable(int limit) {
        this.limit = limit;
    }

    /** {@code rlimit(RLIMIT_NOFILE)}: descriptors are below it. */
    public int limit() {
        return limit;
    }

    /** Follows a change of the soft {@code RLIMIT_NOFILE}; open descriptors above it stay open. */
    public void setLimit(int limit) {
        this.limit = limit;
    }

    /** One more task uses this table ({@code CLONE_FILES}). */
    void share() {
        users.incrementAndGet();
    }

    /** A task stops using the table ({@code put_files_struct}): true when it was the last one. */
    boolean release() {
        return users.decrementAndGet() == 0;
    }

    /** {@code do_close_on_exec}: removes every close-on-exec descriptor and returns their files (the caller puts them). */
    synchronized java.util.List<File> removeCloseOnExec() {
        java.util.List<File> out = new java.util.ArrayList<>();
        for (int fd = 0; fd < fds.length; fd++) {
            if (fds[fd] != null && cloexec[fd]) {
                out.add(fds[fd]);
                fds[fd] = null;
                cloexec[fd] = false;
            }
        }
        return out;
    }

    /** True when more than one task uses the table. */
    boolean isShared() {
        return users.get() > 1;
    }

    /** A task stopped using the table ({@code unshare_fd}). */
    void unshared() {
        users.decrementAndGet();
    }

    /** {@code fget}: the file behind {@code fd} with a reference taken, or null. The caller puts it. */
    public synchronized File get(int fd) {
        if (fd < 0 || fd >= fds.length || fds[fd] == null) {
            return null;
        }
        return fds[fd].get();
    }

    /** {@code fdt->max_fds}: the table's current size, 64 at first, doubled as higher descriptors are used. */
    public synchronized int maxFds() {
        return fds.length;
    }

    /** The file behind {@code fd} without taking a reference, or null (for inspection). */
    public synchronized File peek(int fd) {
        return fd < 0 || fd >= fds.length ? null : fds[fd];
    }

    private void ensure(int n) {
        if (n > fds.length) {
            int size = Math.max(n, fds.length * 2);
            fds = Arrays.copyOf(fds, size);
            cloexec = Arrays.copyOf(cloexec, size);
        }
    }

    /**
     * {@code get_unused_fd_flags} + {@code fd_install}: installs {@code file} (consuming the
     * caller's reference) at the lowest free descriptor at least {@code start}.
     *
     * @return the descriptor, or -EMFILE (the caller still owns its reference then)
     */
    public synchronized int install(File file, int start, boolean closeOnExec) {
        for (int fd = start; fd < limit; fd++) {
            ensure(fd + 1);
            if (fds[fd] == null) {
                fds[fd] = file;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        return (int) Errno.EMFILE.neg();
    }

    /** Installs at exactly {@code fd} ({@code do_dup2}), returning the file it replaced, or null. */
    public synchronized File replace(int fd, File file, boolean closeOnExec) {
        ensure(fd + 1);
        File old = fds[fd];
        fds[fd] = file;
        cloexec[fd] = closeOnExec;
        return old;
    }

    /** {@code pick_file}: removes {@code fd} and returns its file (the caller puts it), or null. */
    public synchronized File remove(int fd) {
        if (fd < 0 || fd >= fds.length || fds[fd] == null) {
            return null;
        }
        File f = fds[fd];
        fds[fd] = null;
        cloexec[fd] = false;
        return f;
    }

    public synchronized boolean closeOnExec(int fd) {
        return fd >= 0 && fd < fds.length && cloexec[fd];
    }

    public synchronized void setCloseOnExec(int fd, boolean on) {
        if (fd >= 0 && fd < fds.length && fds[fd] != null) {
            cloexec[fd] = on;
        }
    }

    /**
     * {@code dup_fd}: a copy of the table for a forked child, every open file shared (one more
     * reference each) with the same close-on-exec flags.
     */
    public synchronized FdTable copy() {
        FdTable t = new FdTable(limit);
        t.fds = java.util.Arrays.copyOf(fds, fds.length);
        t.cloexec = java.util.Arrays.copyOf(cloexec, cloexec.length);
        for (File f : t.fds) {
            if (f != null) {
                f.get();
            }
        }
        return t;
    }

    /** The open descriptors, ascending. */
    public synchronized int[] openFds() {
        return java.util.stream.IntStream.range(0, fds.length).filter(i -> fds[i] != null).toArray();
    }

    /** {@code __range_close}: removes every open descriptor in {@code [first, last]} and returns their files (the caller puts them). */
    public synchronized java.util.List<File> removeRange(int first, long last) {
        java.util.List<File> out = new java.util.ArrayList<>();
        long end = Math.min(last, fds.length - 1L);
        for (int fd = first; fd <= end; fd++) {
            if (fds[fd] != null) {
                out.add(fds[fd]);
                fds[fd] = null;
                cloexec[fd] = false;
            }
        }
        return out;
    }

    /** {@code __range_cloexec}: sets close-on-exec on every open descriptor in {@code [first, last]}. */
    public synchronized void setCloseOnExecRange(int first, long last) {
        long end = Math.min(last, fds.length - 1L);
        for (int fd = first; fd <= end; fd++) {
            if (fds[fd] != null) {
                cloexec[fd] = true;
            }
        }
    }
}
