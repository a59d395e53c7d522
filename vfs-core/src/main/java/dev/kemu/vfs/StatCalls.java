package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

/** fstat and newfstatat ({@code fs/stat.c:vfs_fstat()}, {@code vfs_fstatat()}, {@code vfs_getattr()}). */
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
        b.size = inode.size();
        b.blksize = inode.sb().blockSize();
        b.rdev = inode.rdev();
        inode.iop().getattr(inode, b);
        return b.build();
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
        Namei.Result r = Namei.lookup(task, dfd, path, false);
        if (r.err() < 0) {
            return new StatResult(r.err(), null);
        }
        return new StatResult(0, getattr(r.path().inode()));
    }
}
