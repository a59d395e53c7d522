package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

/**
 * mkdir, mkdirat, unlink, unlinkat and rmdir ({@code fs/namei.c:do_mkdirat()},
 * {@code filename_create()}, {@code do_unlinkat()}, {@code do_rmdir()}, {@code vfs_rmdir()}).
 */
final class Namespace {
    private Namespace() {
    }

    /** {@code IS_DEADDIR}: nothing may be created in a removed directory. */
    static boolean isDead(Inode dir) {
        return dir.isDeadDir();
    }

    static long mkdirat(Task task, int dfd, String path, int mode) {
        FilenameCreate c = FilenameCreate.of(task, dfd, path, true);
        if (c.err() < 0) {
            return c.err();
        }
        try {
            Inode dir = c.dir();
            if (isDead(dir)) {
                return Errno.ENOENT.neg();
            }
            int m = (mode & ~task.umask() & 01777) | StatMode.S_IFDIR;
            return dir.iop().mkdir(dir, c.dentry(), m);
        } finally {
            c.done();
        }
    }

    /**
     * {@code fs/namei.c:do_mknodat()}: {@code may_mknod} first (a directory type is EPERM, an
     * unknown type EINVAL, type 0 means a regular file), then {@code filename_create} (ENOENT,
     * EEXIST), then {@code vfs_create} for a regular file or {@code vfs_mknod} (EPERM without
     * CAP_MKNOD for a device, EPERM when the filesystem has no {@code mknod}).
     *
     * @param dev the device number as the caller passed it ({@code makedev(major, minor)}); used for devices only
     */
    static long mknodat(Task task, int dfd, String path, int mode, long dev) {
        int type = mode & StatMode.S_IFMT;
        switch (type) {
            case 0:
            case StatMode.S_IFREG:
            case StatMode.S_IFCHR:
            case StatMode.S_IFBLK:
            case StatMode.S_IFIFO:
            case StatMode.S_IFSOCK:
                break;
            case StatMode.S_IFDIR:
                return Errno.EPERM.neg();
            default:
                return Errno.EINVAL.neg();
        }
        FilenameCreate c = FilenameCreate.of(task, dfd, path, false);
        if (c.err() < 0) {
            return c.err();
        }
        Inode dir = c.dir();
        try {
            if (isDead(dir)) {
                return Errno.ENOENT.neg();
            }
            int perm = mode & ~task.umask() & StatMode.S_IALLUGO;
            Dentry d = c.dentry();
            int err;
            if (type == 0 || type == StatMode.S_IFREG) {
                err = dir.iop().create(dir, d, perm | StatMode.S_IFREG);
            } else {
                if ((type == StatMode.S_IFCHR || type == StatMode.S_IFBLK) && !task.capable(Capability.CAP_MKNOD)) {
                    return Errno.EPERM.neg();
                }
                long rdev = type == StatMode.S_IFCHR || type == StatMode.S_IFBLK ? dev & 0xFFFF_FFFFL : 0;
                err = dir.iop().mknod(dir, d, perm | type, rdev);
            }
            if (err == 0 && d.inode() != null) {
                d.inode().nameIfUnnamed(c.parent().last());
            }
            return err;
        } finally {
            c.done();
        }
    }

    static long unlinkat(Task task, int dfd, String path, int flags) {
        if ((flags & ~AT_REMOVEDIR) != 0) {
            return Errno.EINVAL.neg();
        }
        return (flags & AT_REMOVEDIR) != 0 ? rmdir(task, dfd, path) : unlink(task, dfd, path);
    }

    private static long unlink(Task task, int dfd, String path) {
        Namei.Parent p = Namei.parentAt(task, dfd, path);
        if (p.err() < 0) {
            return p.err();
        }
        if (!p.isNormal()) {
            return Errno.EISDIR.neg();
        }
        Inode dir = p.dir().inode();
        dir.lock().lock();
        try {
            Namei.Result r = Namei.lookupChild(task.vfs(), p.dir(), p.last());
            if (r.err() < 0) {
                return r.err();
            }
            Dentry d = r.path().dentry();
            if (p.trailingSlash() || d.isNegative()) {
                if (d.isNegative()) {
                    return Errno.ENOENT.neg();
                }
                return d.inode().isDir() ? Errno.EISDIR.neg() : Errno.ENOTDIR.neg();
            }
            if (d.inode().isDir()) {
                return Errno.EISDIR.neg();
            }
            if (d.isMountpoint()) {
                return Errno.EBUSY.neg();
            }
            Inode victim = d.inode();
            int err = dir.iop().unlink(dir, d);
            if (err < 0) {
                return err;
            }
            victim.dropNlink();
            // d_delete: an open file keeps its dentry and inode; the name is unhashed.
            p.dir().dentry().forget(d.name());
            if (victim.nlink() == 0 && !victim.isOpen()) {
                victim.evict();
            }
            return 0;
        } finally {
            dir.lock().unlock();
        }
    }

    private static long rmdir(Task task, int dfd, String path) {
        Namei.Parent p = Namei.parentAt(task, dfd, path);
        if (p.err() < 0) {
            return p.err();
        }
        switch (p.last()) {
            case "..":
                return Errno.ENOTEMPTY.neg();
            case ".":
                return Errno.EINVAL.neg();
            case "":
                return Errno.EBUSY.neg();
            default:
                break;
        }
        Inode dir = p.dir().inode();
        dir.lock().lock();
        try {
            Namei.Result r = Namei.lookupChild(task.vfs(), p.dir(), p.last());
            if (r.err() < 0) {
                return r.err();
            }
            Dentry d = r.path().dentry();
            if (d.isNegative()) {
                return Errno.ENOENT.neg();
            }
            if (!d.inode().isDir()) {
                return Errno.ENOTDIR.neg();
            }
            if (d.isMountpoint()) {
                return Errno.EBUSY.neg();
            }
            Inode victim = d.inode();
            victim.lock().lock();
            try {
                int err = dir.iop().rmdir(dir, d);
                if (err < 0) {
                    return err;
                }
                victim.markDeadDir();
            } finally {
                victim.lock().unlock();
            }
            // d_delete: an open file keeps its dentry and inode; the name is unhashed.
            p.dir().dentry().forget(d.name());
            return 0;
        } finally {
            dir.lock().unlock();
        }
    }
}
