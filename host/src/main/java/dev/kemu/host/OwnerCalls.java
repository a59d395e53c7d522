package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;

/**
 * chown, fchown, lchown and fchownat on the host ({@code fs/open.c:do_fchownat()},
 * {@code ksys_fchown()}); the legacy forms run as fchownat. A change to a file outside the
 * machine's directory is refused (EACCES and a {@link Refusal}), by path as for chmod, and for a
 * descriptor (fchown, AT_EMPTY_PATH) by the name the descriptor's file has.
 */
final class OwnerCalls {
    private final Machine m;

    OwnerCalls(Machine m) {
        this.m = m;
    }

    long fchownat(Task t, String call, int dfd, String path, int owner, int group, int flags) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int h = m.dirfd(fds, dfd, path);
            boolean emptyPath = path.isEmpty() && (flags & Fcntl.AT_EMPTY_PATH) != 0;
            int fileFd = dfd == Fcntl.AT_FDCWD ? m.cwdFd(fds) : h;
            String why = emptyPath ? m.sandbox.refuseFdWrite(fileFd) : m.sandbox.refuseWrite(h, path, Sandbox.Intent.ATTR);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = Sandbox.cString(path)) {
                return Libc.sys(Libc.FCHOWNAT, h, Machine.addr(p), owner & 0xFFFFFFFFL, group & 0xFFFFFFFFL,
                        flags & 0xFFFFFFFFL, 0);
            }
        });
    }

    long fchown(Task t, int fd, int owner, int group) {
        return m.run(t, () -> {
            int h = m.fds(t).host(fd);
            if (h < 0) {
                return Errno.EBADF.neg();
            }
            String why = m.sandbox.refuseFdWrite(h);
            if (why != null) {
                return m.refuse("fchown", "fd " + fd, why);
            }
            return Libc.sys(Libc.FCHOWN, h, owner & 0xFFFFFFFFL, group & 0xFFFFFFFFL);
        });
    }
}
