package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

import dev.kemu.vfs.spi.Iattr;
import java.util.List;

/**
 * chmod, fchmod, fchmodat and utimensat ({@code fs/open.c:chmod_common()}, {@code do_fchmodat()},
 * {@code SYSCALL_DEFINE2(fchmod)}; {@code fs/utimes.c:SYSCALL_DEFINE4(utimensat)},
 * {@code do_utimes()}, {@code vfs_utimes()}; {@code fs/attr.c:notify_change()}).
 *
 * <p>The caller is root: owner checks pass, and {@code notify_change} keeps S_ISUID and S_ISGID
 * since root has {@code CAP_FSETID}. A filesystem may refuse in {@code setattr} (EROFS).
 * utimensat follows the 5.8+ form: {@code AT_EMPTY_PATH} is accepted.
 */
final class AttrCalls {
    private AttrCalls() {
    }

    /** {@code chmod_common}: the permission bits change, the type stays, ctime is now. */
    static long chmodCommon(Inode inode, int mode) {
        Iattr attr = new Iattr(Iattr.ATTR_MODE | Iattr.ATTR_CTIME, (mode & StatMode.S_IALLUGO) | (inode.mode() & ~StatMode.S_IALLUGO),
                null, null, Timespec.now());
        return notifyChange(inode, attr);
    }

    private static long notifyChange(Inode inode, Iattr attr) {
        inode.lock().lock();
        try {
            return inode.iop().setattr(inode, attr);
        } finally {
            inode.lock().unlock();
        }
    }

    /** {@code fchmodat} (and chmod from AT_FDCWD): follows a trailing link. */
    static long fchmodat(Task task, int dfd, String path, int mode) {
        Namei.Result r = Namei.lookup(task, dfd, path, false, true);
        if (r.err() < 0) {
            return r.err();
        }
        return chmodCommon(r.path().inode(), mode);
    }

    /** {@code fchmod}: EBADF for a closed or O_PATH descriptor. */
    static long fchmod(Task task, int fd, int mode) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            return chmodCommon(f.inode(), mode);
        } finally {
            f.put();
        }
    }

    /**
     * {@code utimensat}: {@code times} null for NULL (both now), else two times whose
     * {@code nsec} may be UTIME_NOW or UTIME_OMIT; {@code path} null for NULL (then
     * {@code dfd} is the file, and {@code flags} must be 0).
     *
     * <p>Errors, in order: nothing at all when both times are UTIME_OMIT; EBADF/EINVAL (flags)
     * for the descriptor form; EINVAL for unknown flags; the lookup's errors; EFAULT for a NULL
     * path from AT_FDCWD; EINVAL for a nanosecond count out of range.
     */
    static long utimensat(Task task, int dfd, String path, List<Timespec> times, int flags) {
        if (times != null && times.size() != 2) {
            throw new IllegalArgumentException("utimensat takes two times or none");
        }
        if (times != null && times.get(0).nsec() == Timespec.UTIME_OMIT && times.get(1).nsec() == Timespec.UTIME_OMIT) {
            return 0;
        }
        Inode inode;
        if (path == null && dfd != AT_FDCWD) {
            if (flags != 0) {
                return Errno.EINVAL.neg();
            }
            File f = FdCalls.fdget(task, dfd);
            if (f == null) {
                return Errno.EBADF.neg();
            }
            inode = f.inode();
            f.put();
        } else {
            if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
                return Errno.EINVAL.neg();
            }
            if (path == null) {
                return Errno.EFAULT.neg();
            }
            Namei.Result r = Namei.lookup(task, dfd, path, (flags & AT_EMPTY_PATH) != 0, (flags & AT_SYMLINK_NOFOLLOW) == 0);
            if (r.err() < 0) {
                return r.err();
            }
            inode = r.path().inode();
        }
        return vfsUtimes(inode, times);
    }

    /** {@code vfs_utimes}: EINVAL for a bad nanosecond count; UTIME_NOW is now, UTIME_OMIT leaves a time. */
    private static long vfsUtimes(Inode inode, List<Timespec> times) {
        if (times != null && (!times.get(0).nsecValid() || !times.get(1).nsecValid())) {
            return Errno.EINVAL.neg();
        }
        Timespec now = Timespec.now();
        int valid = Iattr.ATTR_CTIME;
        Timespec a = null;
        Timespec m = null;
        if (times == null || times.get(0).nsec() != Timespec.UTIME_OMIT) {
            valid |= Iattr.ATTR_ATIME;
            a = times == null || times.get(0).nsec() == Timespec.UTIME_NOW ? now : times.get(0);
        }
        if (times == null || times.get(1).nsec() != Timespec.UTIME_OMIT) {
            valid |= Iattr.ATTR_MTIME;
            m = times == null || times.get(1).nsec() == Timespec.UTIME_NOW ? now : times.get(1);
        }
        return notifyChange(inode, new Iattr(valid, inode.mode(), a, m, now));
    }
}
