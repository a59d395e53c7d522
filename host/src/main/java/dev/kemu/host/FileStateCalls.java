package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.CloseRange;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.FileIoctl;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.Rlimits;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.Statx;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;

/**
 * The file-state calls, run on the host: {@code statfs}, {@code fstatfs}, {@code statx},
 * {@code fsync}, {@code fdatasync}, {@code syncfs}, {@code fallocate}, {@code fadvise64},
 * {@code ioctl}, {@code memfd_create}, {@code close_range} and the resource limits.
 *
 * <p>What depends on the trace's descriptor numbers is done against the trace's table
 * ({@link FdMap}), in the kernel's order:
 * <ul>
 * <li>{@code close_range}: the host validates the flags (a call on an empty range, without
 * {@code CLOSE_RANGE_UNSHARE}, which would unshare the JVM's table), then
 * {@code first > last} is EINVAL and every mapped trace number in the range is closed (or marked
 * close-on-exec) on the host. Tasks never share a table here, so UNSHARE changes nothing.
 * <li>{@code RLIMIT_NOFILE} is the trace table's size, kept per task with the limits a fresh
 * process gets ({@code INR_OPEN_CUR}/{@code INR_OPEN_MAX}) and the checks of
 * {@code kernel/sys.c:do_prlimit()}; the JVM's own limit is never touched. Other resources are
 * read from the host (the JVM's limits); setting one is refused (EACCES, listed in the
 * refusals), as it would change the JVM.
 * <li>{@code FICLONE} and {@code FICLONERANGE} name a source descriptor: the trace number is
 * translated to the host's.
 * </ul>
 * A null path or name stands for an address that faults.
 */
final class FileStateCalls {
    private static final int STATFS_SIZE = 120;
    private static final int STATX_SIZE = 256;

    private final Machine m;

    FileStateCalls(Machine m) {
        this.m = m;
    }

    private static long u(int fd) {
        return fd & 0xFFFFFFFFL;
    }

    private Memory cString(String s) {
        return s == null ? null : Sandbox.cString(s);
    }

    private long addr(Memory p) {
        return p == null ? m.memory.faultingAddress() : Machine.addr(p);
    }

    StatfsResult statfs(Task t, String path) {
        try (Memory buf = new Memory(STATFS_SIZE)) {
            Memory p = cString(path);
            try {
                long r = m.run(t, () -> Libc.sys(Libc.STATFS, addr(p), Machine.addr(buf), 0));
                return statfsResult(r, buf);
            } finally {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    StatfsResult fstatfs(Task t, int fd) {
        try (Memory buf = new Memory(STATFS_SIZE)) {
            long r = m.run(t, () -> Libc.sys(Libc.FSTATFS, u(m.fds(t).host(fd)), Machine.addr(buf), 0));
            return statfsResult(r, buf);
        }
    }

    /** Decodes x86-64 {@code struct statfs} ({@code include/uapi/asm-generic/statfs.h}, 64-bit words). */
    private static StatfsResult statfsResult(long r, Memory b) {
        if (r != 0) {
            return new StatfsResult(r, null);
        }
        long fsid = (b.getInt(56) & 0xFFFFFFFFL) | (long) b.getInt(60) << 32;
        return new StatfsResult(0, new Statfs(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32),
                b.getLong(40), b.getLong(48), fsid, b.getLong(64), b.getLong(72), b.getLong(80)));
    }

    StatxResult statx(Task t, int dfd, String path, int flags, int mask) {
        try (Memory buf = new Memory(STATX_SIZE)) {
            buf.clear();
            Memory p = cString(path);
            try {
                long r = m.run(t, () -> Libc.sys(Libc.STATX, m.dirfd(m.fds(t), dfd, path == null ? "" : path), addr(p),
                        u(flags), u(mask), Machine.addr(buf), 0));
                if (r != 0) {
                    return new StatxResult(r, null);
                }
                return new StatxResult(0, new Statx(buf.getInt(0), buf.getInt(4), buf.getInt(16), buf.getInt(20), buf.getInt(24),
                        buf.getShort(28) & 0xFFFF, buf.getLong(32), buf.getLong(40), buf.getLong(48), buf.getInt(136),
                        buf.getInt(140)));
            } finally {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    long fdCall(Task t, String what, long nr, int fd) {
        return m.run(t, () -> m.sys(t, what, false, nr, u(m.fds(t).host(fd)), 0, 0, 0, 0, 0));
    }

    long fallocate(Task t, int fd, int mode, long offset, long len) {
        return m.run(t, () -> Libc.sys(Libc.FALLOCATE, u(m.fds(t).host(fd)), u(mode), offset, len, 0, 0));
    }

    long fadvise64(Task t, int fd, long offset, long len, int advice) {
        return m.run(t, () -> Libc.sys(Libc.FADVISE64, u(m.fds(t).host(fd)), offset, len, u(advice), 0, 0));
    }

    long ioctl(Task t, int fd, int request, long arg, UserBuffer argp) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            long h = u(fds.host(fd));
            long ureq = u(request);
            if (request == FileIoctl.FICLONE) {
                return Libc.sys(Libc.IOCTL, h, ureq, u(fds.host((int) arg)));
            }
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a;
                if (argp == null) {
                    a = m.memory.faultingAddress();
                } else if (request == FileIoctl.FICLONERANGE && argp.length() >= FileIoctl.FILE_CLONE_RANGE_SIZE) {
                    // struct file_clone_range: src_fd is a trace number.
                    Memory range = cm.scratch(FileIoctl.FILE_CLONE_RANGE_SIZE);
                    range.write(0, argp.read(0, FileIoctl.FILE_CLONE_RANGE_SIZE), 0, FileIoctl.FILE_CLONE_RANGE_SIZE);
                    range.setLong(0, fds.host((int) range.getLong(0)));
                    a = Machine.addr(range);
                } else {
                    a = cm.buffer(argp, argp.length());
                }
                long r = Libc.sys(Libc.IOCTL, h, ureq, a);
                if (r >= 0 && argp != null && request != FileIoctl.FICLONERANGE) {
                    cm.copyOut(argp, argp.length());
                }
                return r;
            }
        });
    }

    long memfdCreate(Task t, String name, int flags) {
        Memory p = cString(name);
        try {
            return m.run(t, () -> m.install(m.fds(t), Libc.sys(Libc.MEMFD_CREATE, addr(p), u(flags), 0), 0));
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    long closeRange(Task t, int first, int last, int flags) {
        return m.run(t, () -> {
            // The host judges the flags on a range no process has open, never with UNSHARE.
            long probe = Libc.sys(Libc.CLOSE_RANGE, 0xFFFFFFFFL, 0xFFFFFFFFL, u(flags & ~CloseRange.CLOSE_RANGE_UNSHARE));
            if (probe < 0) {
                return probe;
            }
            if (Integer.compareUnsigned(first, last) > 0) {
                return Errno.EINVAL.neg();
            }
            FdMap fds = m.fds(t);
            for (int fd : fds.mappedIn(u(first), u(last))) {
                if ((flags & CloseRange.CLOSE_RANGE_CLOEXEC) != 0) {
                    Libc.sys(Libc.FCNTL, u(fds.host(fd)), dev.kemu.vfs.Fcntl.F_SETFD, dev.kemu.vfs.Fcntl.FD_CLOEXEC);
                } else {
                    Libc.sys(Libc.CLOSE, fds.remove(fd));
                }
            }
            return 0;
        });
    }

    RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit) {
        long[] old = new long[2];
        long r = m.run(t, () -> limit(t, pid, resource, newLimit, old));
        return r == 0 ? new RlimitResult(0, new Rlimit(old[0], old[1])) : new RlimitResult(r, null);
    }

    long setrlimit(Task t, int resource, Rlimit limit) {
        if (limit == null) {
            return m.run(t, () -> Errno.EFAULT.neg());
        }
        return m.run(t, () -> limit(t, 0, resource, limit, new long[2]));
    }

    /** {@code do_prlimit} for the trace's descriptor table, the host's read for the rest. */
    private long limit(Task t, int pid, int resource, Rlimit newLimit, long[] old) {
        if (pid != 0 && pid != t.pid()) {
            return Errno.ESRCH.neg();
        }
        if (resource != Rlimits.RLIMIT_NOFILE) {
            if (newLimit != null && resource >= 0 && resource < Rlimits.RLIM_NLIMITS) {
                return m.refuse("prlimit64", "resource " + resource, "setting a resource limit would change the JVM's own");
            }
            try (Memory cell = new Memory(16)) {
                long r = Libc.sys(Libc.PRLIMIT64, 0, u(resource), 0, Machine.addr(cell), 0, 0);
                if (r == 0) {
                    old[0] = cell.getLong(0);
                    old[1] = cell.getLong(8);
                }
                return r;
            }
        }
        if (newLimit != null) {
            if (newLimit.softAboveHard()) {
                return Errno.EINVAL.neg();
            }
            if (Long.compareUnsigned(newLimit.max(), Rlimits.NR_OPEN) > 0) {
                return Errno.EPERM.neg();
            }
        }
        Rlimits limits = t.rlimits();
        synchronized (limits) {
            Rlimit cur = limits.get(Rlimits.RLIMIT_NOFILE);
            if (newLimit != null && Long.compareUnsigned(newLimit.max(), cur.max()) > 0) {
                return Errno.EPERM.neg();
            }
            old[0] = cur.cur();
            old[1] = cur.max();
            if (newLimit != null) {
                limits.set(Rlimits.RLIMIT_NOFILE, newLimit);
                m.fds(t).setLimit(newLimit.cur() < 0 ? Long.MAX_VALUE : newLimit.cur());
            }
        }
        return 0;
    }
}
