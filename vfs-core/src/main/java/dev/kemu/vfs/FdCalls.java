package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

/**
 * Descriptor calls: dup, dup2, dup3 and fcntl ({@code fs/file.c:ksys_dup3()},
 * {@code do_dup2()}; {@code fs/fcntl.c:do_fcntl()}, {@code setfl()}, {@code f_dupfd()}).
 */
final class FdCalls {
    private FdCalls() {
    }

    /** {@code SETFL_MASK}: the status flags F_SETFL may change. */
    static final int SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME | FASYNC;

    /** {@code fdget}: the file with a reference, or null for a free descriptor or an O_PATH file. */
    static File fdget(Task task, int fd) {
        File f = task.files().get(fd);
        if (f != null && (f.mode() & File.FMODE_PATH) != 0) {
            f.put();
            return null;
        }
        return f;
    }

    /** {@code fdget_raw}: O_PATH files too. */
    static File fdgetRaw(Task task, int fd) {
        return task.files().get(fd);
    }

    static long dup(Task task, int oldfd) {
        File f = fdgetRaw(task, oldfd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        int fd = task.files().install(f, 0, false);
        if (fd < 0) {
            f.put();
        }
        return fd;
    }

    static long dup2(Task task, int oldfd, int newfd) {
        if (oldfd == newfd) {
            return task.files().peek(oldfd) == null ? Errno.EBADF.neg() : oldfd;
        }
        return dup3(task, oldfd, newfd, 0);
    }

    static long dup3(Task task, int oldfd, int newfd, int flags) {
        if ((flags & ~O_CLOEXEC) != 0) {
            return Errno.EINVAL.neg();
        }
        if (oldfd == newfd) {
            return Errno.EINVAL.neg();
        }
        if (Integer.compareUnsigned(newfd, task.files().limit()) >= 0) {
            return Errno.EBADF.neg();
        }
        File f = fdgetRaw(task, oldfd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        File old = task.files().replace(newfd, f, (flags & O_CLOEXEC) != 0);
        if (old != null) {
            old.put();
        }
        return newfd;
    }

    /** {@code check_fcntl_cmd}: what an O_PATH file allows. */
    private static boolean allowedOnPath(int cmd) {
        return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD || cmd == F_GETFL;
    }

    static long fcntl(Task task, int fd, int cmd, long arg, FcntlHook hook, VfsBehaviour behaviour) {
        File f = fdgetRaw(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            if ((f.mode() & File.FMODE_PATH) != 0 && !allowedOnPath(cmd)) {
                return Errno.EBADF.neg();
            }
            int argi = (int) arg;
            switch (cmd) {
                case F_DUPFD:
                case F_DUPFD_CLOEXEC: {
                    if (Integer.compareUnsigned(argi, task.files().limit()) >= 0) {
                        return Errno.EINVAL.neg();
                    }
                    File g = f.get();
                    int nfd = task.files().install(g, argi, cmd == F_DUPFD_CLOEXEC);
                    if (nfd < 0) {
                        g.put();
                    }
                    return nfd;
                }
                case F_GETFD:
                    return task.files().closeOnExec(fd) ? FD_CLOEXEC : 0;
                case F_SETFD:
                    task.files().setCloseOnExec(fd, (argi & FD_CLOEXEC) != 0);
                    return 0;
                case F_GETFL:
                    return f.flags();
                case F_SETFL:
                    return setfl(f, argi, behaviour);
                case F_SETPIPE_SZ:
                case F_GETPIPE_SZ:
                    return hook.pipeFcntl(f, cmd, arg);
                default:
                    return Errno.EINVAL.neg();
            }
        } finally {
            f.put();
        }
    }

    /** {@code setfl}: only the SETFL_MASK bits change; O_DIRECT needs direct I/O support. */
    static long setfl(File f, int arg, VfsBehaviour behaviour) {
        if ((arg & O_DIRECT) != 0 && !behaviour.allowsODirect(f)) {
            return Errno.EINVAL.neg();
        }
        synchronized (f) {
            f.setFlags((arg & SETFL_MASK) | (f.flags() & ~SETFL_MASK));
        }
        return 0;
    }
}
