package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

import java.nio.charset.StandardCharsets;

/**
 * link, linkat, symlink, symlinkat, readlink and readlinkat ({@code fs/namei.c:do_linkat()},
 * {@code vfs_link()}, {@code do_symlinkat()}, {@code vfs_symlink()}, {@code filename_create()};
 * {@code fs/stat.c:do_readlinkat()}, {@code fs/namei.c:vfs_readlink()}).
 */
final class Links {
    private Links() {
    }

    /**
     * {@code linkat}: EINVAL (flags), the old lookup's errors (AT_SYMLINK_FOLLOW follows a
     * trailing link, AT_EMPTY_PATH names {@code olddfd} itself), the new name's (EEXIST,
     * ENOENT), EXDEV (another mount), ENOENT (removed directory), EPERM (a directory, or no
     * {@code link} method), ENOENT (the inode has no links left), EMLINK.
     */
    static long linkat(Task task, int olddfd, String oldname, int newdfd, String newname, int flags) {
        if ((flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) != 0) {
            return Errno.EINVAL.neg();
        }
        Namei.Result old = Namei.lookup(task, olddfd, oldname, (flags & AT_EMPTY_PATH) != 0, (flags & AT_SYMLINK_FOLLOW) != 0);
        if (old.err() < 0) {
            return old.err();
        }
        FilenameCreate c = FilenameCreate.of(task, newdfd, newname, false);
        if (c.err() < 0) {
            return c.err();
        }
        try {
            if (old.path().mnt() != c.parent().dir().mnt()) {
                return Errno.EXDEV.neg();
            }
            Inode dir = c.parent().dir().inode();
            Inode inode = old.path().inode();
            if (dir.isDeadDir()) {
                return Errno.ENOENT.neg();
            }
            if (dir.sb() != inode.sb()) {
                return Errno.EXDEV.neg();
            }
            if (inode.isDir()) {
                return Errno.EPERM.neg();
            }
            if (inode != dir) {
                inode.lock().lock();
            }
            try {
                if (inode.nlink() == 0) {
                    return Errno.ENOENT.neg();
                }
                return dir.iop().link(old.path().dentry(), dir, c.dentry());
            } finally {
                if (inode != dir) {
                    inode.lock().unlock();
                }
            }
        } finally {
            c.done();
        }
    }

    /**
     * {@code symlinkat}: ENOENT for an empty target, ENAMETOOLONG past PATH_MAX; the new name's
     * errors (EEXIST, ENOENT); ENOENT (removed directory); EPERM (no {@code symlink} method);
     * the filesystem's (ENAMETOOLONG, ENOSPC, EROFS).
     */
    static long symlinkat(Task task, String target, int newdfd, String newname) {
        long err = Namei.checkName(target, false);
        if (err < 0) {
            return err;
        }
        FilenameCreate c = FilenameCreate.of(task, newdfd, newname, false);
        if (c.err() < 0) {
            return c.err();
        }
        try {
            Inode dir = c.parent().dir().inode();
            if (dir.isDeadDir()) {
                return Errno.ENOENT.neg();
            }
            int r = dir.iop().symlink(dir, c.dentry(), target);
            if (r == 0) {
                c.dentry().inode().nameIfUnnamed(c.parent().last());
            }
            return r;
        } finally {
            c.done();
        }
    }

    /**
     * {@code readlinkat}: EINVAL for {@code bufsiz <= 0}; the lookup's errors (the last component
     * is not followed; an empty path names {@code dfd}); ENOENT for an empty path naming
     * something else than a link, EINVAL for any other non-link. Copies at most {@code bufsiz}
     * bytes, without a NUL, and returns how many.
     */
    static long readlinkat(Task task, int dfd, String path, UserBuffer buf, int bufsiz) {
        if (bufsiz <= 0) {
            return Errno.EINVAL.neg();
        }
        Namei.Result r = Namei.lookup(task, dfd, path, true, false);
        if (r.err() < 0) {
            return r.err();
        }
        Inode inode = r.path().inode();
        if (!inode.isSymlink()) {
            return path.isEmpty() ? Errno.ENOENT.neg() : Errno.EINVAL.neg();
        }
        String body = inode.iop().getLink(inode);
        if (body == null) {
            return Errno.EIO.neg();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(bytes.length, bufsiz);
        if (buf == null) {
            return Errno.EFAULT.neg();
        }
        buf.write(0, bytes, 0, Math.min(n, buf.length()));
        return n;
    }
}
