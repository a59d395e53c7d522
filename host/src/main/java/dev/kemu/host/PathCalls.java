package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;

/**
 * The calls that take a path, run on the host: {@code openat(2)}, {@code mkdirat(2)},
 * {@code unlinkat(2)} and {@code newfstatat(2)} ({@code fs/open.c:do_sys_openat2()},
 * {@code fs/namei.c:do_mkdirat()}, {@code do_unlinkat()}, {@code do_rmdir()},
 * {@code fs/stat.c:vfs_fstatat()}). The legacy forms ({@code open}, {@code creat},
 * {@code mkdir}, {@code unlink}, {@code rmdir}) are the kernel's own AT_FDCWD cases of these,
 * so they run as the {@code *at} call from the machine's directory.
 *
 * <p>A relative path from AT_FDCWD is looked up from the machine's directory. A call that could
 * create, truncate, write or remove something outside it is refused with EACCES and recorded
 * ({@link Sandbox#refuseWrite}); one the kernel is bound to fail there (ENOENT, ENOTDIR, EISDIR,
 * EEXIST) is made, so it fails as on Linux. Reading and stat work anywhere.
 */
final class PathCalls {
    private static final int O_TMPFILE_BIT = 020000000;
    private static final int STAT_SIZE = 144;

    private final Machine m;

    PathCalls(Machine m) {
        this.m = m;
    }

    /** What an open with {@code flags} may change, or null when it only reads. */
    private static Sandbox.Intent intent(int flags) {
        if ((flags & O_TMPFILE_BIT) != 0) {
            return Sandbox.Intent.TMPFILE;
        }
        if ((flags & Fcntl.O_CREAT) != 0) {
            return Sandbox.Intent.CREATE;
        }
        return (flags & Fcntl.O_ACCMODE) != 0 || (flags & Fcntl.O_TRUNC) != 0 ? Sandbox.Intent.WRITE : null;
    }

    /**
     * The mode with the task's umask applied ({@code fs/namei.c:mode_strip_umask()}); the kernel then
     * applies the JVM's umask too, which changes nothing when it is within the task's (022 both, usually).
     */
    private static long masked(Task t, int mode) {
        return (mode & ~t.umask()) & 0xFFFFFFFFL;
    }

    long openat(Task t, String call, int dfd, String path, int flags, int mode) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int hdfd = m.dirfd(fds, dfd, path);
            Sandbox.Intent intent = intent(flags);
            if (intent != null) {
                String why = m.sandbox.refuseWrite(hdfd, path, intent);
                if (why != null) {
                    return m.refuse(call, path, why);
                }
            }
            try (Memory p = Sandbox.cString(path)) {
                long r = m.sys(t, call, false, Libc.OPENAT, hdfd, Machine.addr(p), flags & 0xFFFFFFFFL, masked(t, mode), 0, 0);
                return m.install(fds, r, 0);
            }
        });
    }

    long mkdirat(Task t, String call, int dfd, String path, int mode) {
        return m.run(t, () -> {
            int hdfd = m.dirfd(m.fds(t), dfd, path);
            String why = m.sandbox.refuseWrite(hdfd, path, Sandbox.Intent.MKDIR);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = Sandbox.cString(path)) {
                return Libc.sys(Libc.MKDIRAT, hdfd, Machine.addr(p), masked(t, mode));
            }
        });
    }

    long unlinkat(Task t, String call, int dfd, String path, int flags) {
        return m.run(t, () -> {
            int hdfd = m.dirfd(m.fds(t), dfd, path);
            String why = m.sandbox.refuseWrite(hdfd, path, Sandbox.Intent.REMOVE);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = Sandbox.cString(path)) {
                return Libc.sys(Libc.UNLINKAT, hdfd, Machine.addr(p), flags & 0xFFFFFFFFL);
            }
        });
    }

    StatResult newfstatat(Task t, int dfd, String path, int flags) {
        try (Memory st = new Memory(STAT_SIZE); Memory p = Sandbox.cString(path)) {
            long r = m.run(t, () -> Libc.sys(Libc.NEWFSTATAT, m.dirfd(m.fds(t), dfd, path), Machine.addr(p), Machine.addr(st),
                    flags & 0xFFFFFFFFL, 0, 0));
            return result(r, st);
        }
    }

    StatResult fstat(Task t, int fd) {
        try (Memory st = new Memory(STAT_SIZE)) {
            long r = m.run(t, () -> Libc.sys(Libc.FSTAT, m.fds(t).host(fd), Machine.addr(st), 0));
            return result(r, st);
        }
    }

    /** Decodes x86-64 {@code struct stat} ({@code arch/x86/include/uapi/asm/stat.h}). */
    private static StatResult result(long r, Memory st) {
        if (r != 0) {
            return new StatResult(r, null);
        }
        Kstat k = new Kstat((int) st.getLong(0), st.getLong(8), st.getInt(24), (int) st.getLong(16), st.getInt(28),
                st.getInt(32), st.getLong(48), (int) st.getLong(56), st.getLong(64), st.getLong(40));
        return new StatResult(0, k);
    }
}
