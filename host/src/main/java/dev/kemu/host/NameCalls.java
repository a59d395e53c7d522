package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory, name and attribute calls on the host: chdir, fchdir, getcwd, umask,
 * faccessat2, renameat2, linkat, symlinkat, readlinkat, getdents64, fchmodat, fchmod and
 * utimensat ({@code fs/open.c}, {@code fs/namei.c}, {@code fs/d_path.c}, {@code fs/readdir.c},
 * {@code fs/stat.c}, {@code fs/utimes.c}). The legacy forms run as their {@code *at} call.
 *
 * <p>Each task has its own working directory, kept as a host descriptor ({@code O_PATH}) that
 * relative paths from AT_FDCWD start at, since the JVM's own directory is shared by every task;
 * {@code getcwd} reads that descriptor's name, so it reports the host's path. The umask is the
 * task's, applied by the calls that create ({@link PathCalls}); {@code umask} swaps it without
 * touching the JVM's. Writes outside the machine's directory are refused as in {@link PathCalls}.
 */
final class NameCalls {
    private static final int O_PATH = 010000000;

    private final Machine m;

    NameCalls(Machine m) {
        this.m = m;
    }

    long chdir(Task t, String path) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            try (Memory p = Sandbox.cString(path)) {
                long fd = Libc.sys(Libc.OPENAT, m.dirfd(fds, Fcntl.AT_FDCWD, path), Machine.addr(p),
                        O_PATH | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0, 0, 0);
                return fd < 0 ? fd : setCwd(fds, (int) fd);
            }
        });
    }

    long fchdir(Task t, int fd) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int h = fds.host(fd);
            if (h < 0) {
                return Errno.EBADF.neg();
            }
            try (Memory dot = Sandbox.cString(".")) {
                long nfd = Libc.sys(Libc.OPENAT, h, Machine.addr(dot), O_PATH | Fcntl.O_DIRECTORY | Fcntl.O_CLOEXEC, 0, 0, 0);
                return nfd < 0 ? nfd : setCwd(fds, (int) nfd);
            }
        });
    }

    private static long setCwd(FdMap fds, int hostFd) {
        int old = fds.setCwd(hostFd);
        if (old >= 0) {
            Libc.sys(Libc.CLOSE, old);
        }
        return 0;
    }

    GetcwdResult getcwd(Task t, long size) {
        String[] path = new String[1];
        long r = m.run(t, () -> {
            String p = Sandbox.readlink("/proc/self/fd/" + m.cwdFd(m.fds(t)));
            if (p == null || p.endsWith(" (deleted)")) {
                return Errno.ENOENT.neg();
            }
            long len = p.getBytes(StandardCharsets.UTF_8).length + 1L;
            if (Long.compareUnsigned(len, size) > 0) {
                return Errno.ERANGE.neg();
            }
            path[0] = p;
            return len;
        });
        return new GetcwdResult(r, r > 0 ? path[0] : null);
    }

    long umask(Task t, int mask) {
        return m.run(t, () -> t.swapUmask(mask));
    }

    long faccessat(Task t, String call, int dfd, String path, int mode, int flags) {
        return m.run(t, () -> {
            try (Memory p = Sandbox.cString(path)) {
                long nr = call.equals("faccessat2") ? Libc.FACCESSAT2 : Libc.FACCESSAT;
                return Libc.sys(nr, m.dirfd(m.fds(t), dfd, path), Machine.addr(p), mode, flags & 0xFFFFFFFFL, 0, 0);
            }
        });
    }

    long renameat2(Task t, String call, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int ho = m.dirfd(fds, olddfd, oldpath);
            int hn = m.dirfd(fds, newdfd, newpath);
            String why = m.sandbox.refuseWrite(ho, oldpath, Sandbox.Intent.REMOVE);
            if (why == null) {
                why = m.sandbox.refuseWrite(hn, newpath, Sandbox.Intent.NAME);
            }
            if (why != null) {
                return m.refuse(call, oldpath + " -> " + newpath, why);
            }
            try (Memory o = Sandbox.cString(oldpath); Memory n = Sandbox.cString(newpath)) {
                long nr = call.equals("renameat2") ? Libc.RENAMEAT2 : Libc.RENAMEAT;
                return Libc.sys(nr, ho, Machine.addr(o), hn, Machine.addr(n), flags & 0xFFFFFFFFL, 0);
            }
        });
    }

    long linkat(Task t, String call, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int ho = m.dirfd(fds, olddfd, oldpath);
            int hn = m.dirfd(fds, newdfd, newpath);
            String why = m.sandbox.refuseWrite(hn, newpath, Sandbox.Intent.NAME);
            if (why != null) {
                return m.refuse(call, newpath, why);
            }
            try (Memory o = Sandbox.cString(oldpath); Memory n = Sandbox.cString(newpath)) {
                return Libc.sys(Libc.LINKAT, ho, Machine.addr(o), hn, Machine.addr(n), flags & 0xFFFFFFFFL, 0);
            }
        });
    }

    long symlinkat(Task t, String call, String target, int newdfd, String linkpath) {
        return m.run(t, () -> {
            int hn = m.dirfd(m.fds(t), newdfd, linkpath);
            String why = m.sandbox.refuseWrite(hn, linkpath, Sandbox.Intent.NAME);
            if (why != null) {
                return m.refuse(call, linkpath, why);
            }
            try (Memory o = Sandbox.cString(target); Memory n = Sandbox.cString(linkpath)) {
                return Libc.sys(Libc.SYMLINKAT, Machine.addr(o), hn, Machine.addr(n));
            }
        });
    }

    long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz) {
        return m.run(t, () -> {
            int size = Math.max(1, Math.min(bufsiz, Fcntl.PATH_MAX));
            try (Memory p = Sandbox.cString(path); Memory out = new Memory(size)) {
                long r = Libc.sys(Libc.READLINKAT, m.dirfd(m.fds(t), dfd, path), Machine.addr(p),
                        buf == null ? 0 : Machine.addr(out), bufsiz <= 0 ? bufsiz : size, 0, 0);
                if (r > 0) {
                    buf.write(0, out.getByteArray(0, (int) r), 0, (int) Math.min(r, buf.length()));
                }
                return r;
            }
        });
    }

    /** The most {@code getdents64} is given here: larger counts are cut to it (a directory this large is not made). */
    static final int MAX_DIRENT_BUFFER = 1 << 20;

    Getdents getdents64(Task t, int fd, long count) {
        int size = (int) Math.max(1, Math.min(count & 0xFFFFFFFFL, MAX_DIRENT_BUFFER));
        try (Memory out = new Memory(size)) {
            long r = m.run(t, () -> {
                int h = m.fds(t).host(fd);
                return h < 0 ? Errno.EBADF.neg() : Libc.sys(Libc.GETDENTS64, h, Machine.addr(out), Math.min(count & 0xFFFFFFFFL, size));
            });
            if (r <= 0) {
                return new Getdents(r, List.of());
            }
            List<Dirent64> entries = new ArrayList<>();
            for (int off = 0; off < r;) {
                int reclen = out.getShort(off + 16) & 0xFFFF;
                String name = out.getString(off + Dirent64.NAME_OFFSET, StandardCharsets.UTF_8.name());
                entries.add(new Dirent64(out.getLong(off), out.getLong(off + 8), out.getByte(off + 18) & 0xFF, name));
                off += reclen;
            }
            return new Getdents(r, entries);
        }
    }

    long fchmodat(Task t, String call, int dfd, String path, int mode) {
        return m.run(t, () -> {
            int h = m.dirfd(m.fds(t), dfd, path);
            String why = m.sandbox.refuseWrite(h, path, Sandbox.Intent.ATTR);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = Sandbox.cString(path)) {
                return Libc.sys(Libc.FCHMODAT, h, Machine.addr(p), mode & 0xFFFFFFFFL);
            }
        });
    }

    long fchmod(Task t, int fd, int mode) {
        return m.run(t, () -> {
            int h = m.fds(t).host(fd);
            return h < 0 ? Errno.EBADF.neg() : Libc.sys(Libc.FCHMOD, h, mode & 0xFFFFFFFFL, 0);
        });
    }

    long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int h;
            if (path == null && dfd != Fcntl.AT_FDCWD) {
                h = fds.host(dfd);
                if (h < 0) {
                    return Errno.EBADF.neg();
                }
            } else {
                h = path == null ? m.cwdFd(fds) : m.dirfd(fds, dfd, path);
                if (path != null) {
                    String why = m.sandbox.refuseWrite(h, path, Sandbox.Intent.ATTR);
                    if (why != null) {
                        return m.refuse("utimensat", path, why);
                    }
                }
            }
            try (Memory p = path == null ? null : Sandbox.cString(path); Memory ts = times == null ? null : new Memory(32)) {
                if (ts != null) {
                    for (int i = 0; i < 2; i++) {
                        ts.setLong(16L * i, times.get(i).sec());
                        ts.setLong(16L * i + 8, times.get(i).nsec());
                    }
                }
                // A NULL path from AT_FDCWD is EFAULT on Linux; keep it NULL.
                return Libc.sys(Libc.UTIMENSAT, path == null && dfd == Fcntl.AT_FDCWD ? Fcntl.AT_FDCWD : h,
                        p == null ? 0 : Machine.addr(p), ts == null ? 0 : Machine.addr(ts), flags & 0xFFFFFFFFL, 0, 0);
            }
        });
    }
}
