package dev.kemu.host;

import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.List;

/**
 * The data calls, run on the host: {@code read}, {@code write}, {@code pread64},
 * {@code pwrite64}, {@code readv}, {@code writev} ({@code fs/read_write.c}), {@code splice},
 * {@code tee}, {@code vmsplice} ({@code fs/splice.c}), {@code copy_file_range} and
 * {@code sendfile} ({@code fs/read_write.c}). Arguments in user memory are mirrored in native
 * memory for the call ({@link CallMemory}); what the kernel stores there (bytes read, updated
 * offsets) is copied back. Every call may sleep, so each runs under the watchdog; those that
 * write into a pipe may raise SIGPIPE, which is observed, not inferred.
 */
final class IoCalls {
    private final Machine m;

    IoCalls(Machine m) {
        this.m = m;
    }

    private static long u(int fd) {
        return fd & 0xFFFFFFFFL;
    }

    long read(Task t, int fd, UserBuffer buf, long count, boolean positioned, long pos) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.buffer(buf, 0);
                long r = positioned
                        ? m.sys(t, "pread64", false, Libc.PREAD64, u(m.fds(t).host(fd)), a, count, pos, 0, 0)
                        : m.sys(t, "read", false, Libc.READ, u(m.fds(t).host(fd)), a, count, 0, 0, 0);
                if (r > 0) {
                    cm.copyOut(buf, r);
                }
                return r;
            }
        });
    }

    long write(Task t, int fd, UserBuffer buf, long count, boolean positioned, long pos) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.buffer(buf, count);
                return positioned
                        ? m.sys(t, "pwrite64", false, Libc.PWRITE64, u(m.fds(t).host(fd)), a, count, pos, 0, 0)
                        : m.sys(t, "write", true, Libc.WRITE, u(m.fds(t).host(fd)), a, count, 0, 0, 0);
            }
        });
    }

    long readv(Task t, int fd, List<Iovec> iov) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.iovecs(iov, false);
                long r = m.sys(t, "readv", false, Libc.READV, u(m.fds(t).host(fd)), a, iov.size(), 0, 0, 0);
                if (r > 0) {
                    cm.copyOutIovecs(iov, r);
                }
                return r;
            }
        });
    }

    long writev(Task t, int fd, List<Iovec> iov) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.iovecs(iov, true);
                return m.sys(t, "writev", true, Libc.WRITEV, u(m.fds(t).host(fd)), a, iov.size(), 0, 0, 0);
            }
        });
    }

    long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                FdMap fds = m.fds(t);
                long r = m.sys(t, "splice", true, Libc.SPLICE, u(fds.host(fdIn)), cm.offset(offIn), u(fds.host(fdOut)),
                        cm.offset(offOut), len, u(flags));
                cm.copyOutOffset(offIn);
                cm.copyOutOffset(offOut);
                return r;
            }
        });
    }

    long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            return m.sys(t, "tee", true, Libc.TEE, u(fds.host(fdIn)), u(fds.host(fdOut)), len, u(flags), 0, 0);
        });
    }

    long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.iovecs(iov, true);
                long r = m.sys(t, "vmsplice", true, Libc.VMSPLICE, u(m.fds(t).host(fd)), a, iov.size(), u(flags), 0, 0);
                if (r > 0) {
                    // Into a pipe: the pipe now references these pages. Out of one: the bytes landed in them.
                    cm.copyOutIovecs(iov, r);
                    cm.retainBuffers();
                }
                return r;
            }
        });
    }

    long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                FdMap fds = m.fds(t);
                long r = m.sys(t, "copy_file_range", false, Libc.COPY_FILE_RANGE, fds.host(fdIn), cm.offset(offIn),
                        fds.host(fdOut), cm.offset(offOut), len, u(flags));
                cm.copyOutOffset(offIn);
                cm.copyOutOffset(offOut);
                return r;
            }
        });
    }

    long sendfile(Task t, int outFd, int inFd, UserLong offset, long count) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                FdMap fds = m.fds(t);
                long r = m.sys(t, "sendfile", true, Libc.SENDFILE, u(fds.host(outFd)), u(fds.host(inFd)), cm.offset(offset),
                        count, 0, 0);
                cm.copyOutOffset(offset);
                return r;
            }
        });
    }
}
