package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

/**
 * fstat, newfstatat and statx ({@code fs/stat.c:vfs_fstat()}, {@code vfs_fstatat()},
 * {@code vfs_getattr()}, {@code do_statx()}, {@code vfs_statx()}, {@code cp_statx()}).
 *
 * <p>statx errors, in order: EINVAL for {@code STATX__RESERVED} in the mask, for
 * {@code AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC} together, for an unknown flag; EFAULT for a
 * null path; then as newfstatat (EBADF for an empty path with AT_EMPTY_PATH and a bad
 * descriptor, ENOENT for an empty path without it). The sync flags change nothing: every
 * filesystem of the model is local.
 */
final class StatCalls {
    private StatCalls() {
    }

    /** {@code generic_fillattr} + the filesystem's {@code getattr}. */
    static Kstat getattr(Inode inode) {
        Kstat.Builder b = new Kstat.Builder();
        b.dev = inode.sb().dev();
        b.ino = inode.ino();
        b.mode = inode.mode();
        b.nlink = inode.nlink();
        b.uid = inode.uid();
        b.gid = inode.gid();
        b.size = inode.size();
        b.blksize = inode.sb().blockSize();
        b.rdev = inode.rdev();
        inode.iop().getattr(inode, b);
        return b.build();
    }

    /** {@code vfs_getattr} for statx: the attributes with the result mask the filesystem filled. */
    static Statx getattrx(Inode inode, int requestMask) {
        Kstat.Builder b = new Kstat.Builder();
        b.requestMask = requestMask;
        b.dev = inode.sb().dev();
        b.ino = inode.ino();
        b.mode = inode.mode();
        b.nlink = inode.nlink();
        b.uid = inode.uid();
        b.gid = inode.gid();
        b.size = inode.size();
        b.blksize = inode.sb().blockSize();
        inode.iop().getattr(inode, b);
        Kstat k = b.build();
        // new_decode_dev of the superblock's old-style number.
        int major = (k.dev() >>> 8) & 0xfff;
        int minor = (k.dev() & 0xff) | ((k.dev() >>> 12) & 0xfff00);
        return new Statx(b.resultMask, k.blksize(), k.nlink(), k.uid(), k.gid(), k.mode(), k.ino(), k.size(), k.blocks(),
                major, minor);
    }

    static StatxResult statx(Task task, int dfd, String path, int flags, int mask) {
        if ((mask & Statx.STATX__RESERVED) != 0) {
            return StatxResult.error(Errno.EINVAL.neg());
        }
        if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE) {
            return StatxResult.error(Errno.EINVAL.neg());
        }
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0) {
            return StatxResult.error(Errno.EINVAL.neg());
        }
        if (path == null) {
            return StatxResult.error(Errno.EFAULT.neg());
        }
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dfd == AT_FDCWD) {
                return new StatxResult(0, getattrx(task.cwd().inode(), mask));
            }
            File f = FdCalls.fdgetRaw(task, dfd);
            if (f == null) {
                return StatxResult.error(Errno.EBADF.neg());
            }
            try {
                return new StatxResult(0, getattrx(f.inode(), mask));
            } finally {
                f.put();
            }
        }
        // vfs_statx: LOOKUP_FOLLOW unless AT_SYMLINK_NOFOLLOW.
        Namei.Result r = Namei.lookup(task, dfd, path, false, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (r.err() < 0) {
            return StatxResult.error(r.err());
        }
        return new StatxResult(0, getattrx(r.path().inode(), mask));
    }

    static StatResult fstat(Task task, int fd) {
        File f = FdCalls.fdgetRaw(task, fd);
        if (f == null) {
            return new StatResult(Errno.EBADF.neg(), null);
        }
        try {
            return new StatResult(0, getattr(f.inode()));
        } finally {
            f.put();
        }
    }

    static StatResult fstatat(Task task, int dfd, String path, int flags) {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) != 0) {
            return new StatResult(Errno.EINVAL.neg(), null);
        }
        if (path.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            if (dfd == AT_FDCWD) {
                return new StatResult(0, getattr(task.cwd().inode()));
            }
            return fstat(task, dfd);
        }
        Namei.Result r = Namei.lookup(task, dfd, path, false, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (r.err() < 0) {
            return new StatResult(r.err(), null);
        }
        return new StatResult(0, getattr(r.path().inode()));
    }
}
