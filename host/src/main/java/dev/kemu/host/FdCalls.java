package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import java.util.Set;

/**
 * The descriptor calls, run on the host: {@code close}, {@code dup}, {@code dup2}, {@code dup3},
 * {@code fcntl}, {@code pipe}, {@code pipe2}, {@code lseek}, {@code ftruncate}.
 *
 * <p>The host decides everything about the files; what depends on the numbers is done here, in
 * the kernel's order, against the trace's table ({@link FdMap}, sized by the task's soft {@code RLIMIT_NOFILE}, 1024 at first):
 * {@code fs/file.c:ksys_dup3()} (flags, then {@code oldfd == newfd}, then {@code newfd} against
 * the limit, then the host's lookup of {@code oldfd}), the {@code dup2} corner case
 * {@code newfd == oldfd}, and {@code fs/file.c:f_dupfd()} (the lowest number at or above
 * {@code arg}, EINVAL at or above the limit, EMFILE when full).
 *
 * <p>fcntl commands whose argument is a pointer get an address that faults (the trace's
 * pointers mean nothing here); those that would aim signals or leases at the JVM
 * ({@code F_SETOWN}, {@code F_SETOWN_EX}, {@code F_SETLEASE}, {@code F_NOTIFY}) are refused.
 */
final class FdCalls {
    private static final int F_SETOWN = 8;
    private static final int F_SETOWN_EX = 15;
    private static final int F_SETLEASE = 1024;
    private static final int F_NOTIFY = 1026;
    private static final int F_DUPFD_QUERY = 1027;
    private static final Set<Integer> REFUSED = Set.of(F_SETOWN, F_SETOWN_EX, F_SETLEASE, F_NOTIFY);
    /** F_GETLK, F_SETLK, F_SETLKW, F_GETOWN_EX, F_GETOWNER_UIDS, F_OFD_*LK*, F_{GET,SET}_{,FILE_}RW_HINT. */
    private static final Set<Integer> POINTER_ARG = Set.of(5, 6, 7, 16, 17, 36, 37, 38, 1035, 1036, 1037, 1038);

    private final Machine m;

    FdCalls(Machine m) {
        this.m = m;
    }

    long close(Task t, int fd) {
        return m.run(t, () -> {
            int h = m.fds(t).remove(fd);
            // close(2) frees the number whatever it returns (fs/open.c:close_fd()).
            return h < 0 ? Errno.EBADF.neg() : Libc.sys(Libc.CLOSE, h);
        });
    }

    long dup(Task t, int fd) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            return m.install(fds, Libc.sys(Libc.DUP, fds.host(fd) & 0xFFFFFFFFL), 0);
        });
    }

    long dup2(Task t, int oldfd, int newfd) {
        if (oldfd == newfd) {
            return m.run(t, () -> m.fds(t).mapped(oldfd) ? oldfd : Errno.EBADF.neg());
        }
        return dup3(t, oldfd, newfd, 0);
    }

    long dup3(Task t, int oldfd, int newfd, int flags) {
        return m.run(t, () -> {
            if ((flags & ~Fcntl.O_CLOEXEC) != 0 || oldfd == newfd) {
                return Errno.EINVAL.neg();
            }
            if (Integer.toUnsignedLong(newfd) >= m.fds(t).limit()) {
                return Errno.EBADF.neg();
            }
            FdMap fds = m.fds(t);
            long hOld = fds.host(oldfd) & 0xFFFFFFFFL;
            if (fds.mapped(newfd)) {
                // The host replaces the file behind newfd atomically, as do_dup2() does.
                long r = Libc.sys(Libc.DUP3, hOld, fds.host(newfd), flags);
                return r < 0 ? r : newfd;
            }
            long r = Libc.sys(Libc.FCNTL, hOld, (flags & Fcntl.O_CLOEXEC) != 0 ? Fcntl.F_DUPFD_CLOEXEC : Fcntl.F_DUPFD, 0);
            if (r < 0) {
                return r;
            }
            fds.replace(newfd, (int) r);
            return newfd;
        });
    }

    long fcntl(Task t, int fd, int cmd, long arg) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            long h = fds.host(fd) & 0xFFFFFFFFL;
            long ucmd = cmd & 0xFFFFFFFFL;
            if (cmd == Fcntl.F_DUPFD || cmd == Fcntl.F_DUPFD_CLOEXEC) {
                long r = Libc.sys(Libc.FCNTL, h, ucmd, 0);
                if (r < 0) {
                    return r;
                }
                long from = Integer.toUnsignedLong((int) arg);
                if (from >= fds.limit()) {
                    Libc.sys(Libc.CLOSE, r);
                    return Errno.EINVAL.neg();
                }
                return m.install(fds, r, (int) from);
            }
            if (cmd == F_DUPFD_QUERY) {
                return Libc.sys(Libc.FCNTL, h, ucmd, fds.host((int) arg));
            }
            if (REFUSED.contains(cmd)) {
                long r = Libc.sys(Libc.FCNTL, h, Fcntl.F_GETFD, 0);
                return r < 0 ? r : m.refuse("fcntl", "cmd " + cmd, "fcntl command " + cmd + " would direct signals at the JVM");
            }
            long a = POINTER_ARG.contains(cmd) ? m.memory.faultingAddress() : arg;
            return Libc.sys(Libc.FCNTL, h, ucmd, a);
        });
    }

    long pipe2(Task t, int[] out, int flags) {
        return m.run(t, () -> {
            try (Memory cell = new Memory(8)) {
                // A null array is one the kernel cannot write: it gets an address that faults.
                long r = Libc.sys(Libc.PIPE2, out == null ? m.memory.faultingAddress() : Machine.addr(cell), flags & 0xFFFFFFFFL, 0);
                if (r < 0) {
                    return r;
                }
                int rd = cell.getInt(0);
                int wr = cell.getInt(4);
                FdMap fds = m.fds(t);
                if (fds.free(0) < 2) {
                    Libc.sys(Libc.CLOSE, rd);
                    Libc.sys(Libc.CLOSE, wr);
                    return Errno.EMFILE.neg();
                }
                out[0] = fds.install(rd, 0);
                out[1] = fds.install(wr, 0);
                return 0;
            }
        });
    }

    long lseek(Task t, int fd, long offset, int whence) {
        return m.run(t, () -> Libc.sys(Libc.LSEEK, m.fds(t).host(fd) & 0xFFFFFFFFL, offset, whence & 0xFFFFFFFFL));
    }

    long ftruncate(Task t, int fd, long length) {
        return m.run(t, () -> Libc.sys(Libc.FTRUNCATE, m.fds(t).host(fd) & 0xFFFFFFFFL, length, 0));
    }
}
