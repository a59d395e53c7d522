package dev.kemu.vfs;

/** {@code fs/open.c:do_truncate()} and {@code do_sys_ftruncate()}; {@code fs/attr.c:inode_newsize_ok()}. */
final class Truncate {
    private Truncate() {
    }

    /** {@code do_truncate} → {@code notify_change(ATTR_SIZE)}: EFBIG past {@code s_maxbytes}. */
    static long doTruncate(Inode inode, long length) {
        if (length < 0) {
            return Errno.EINVAL.neg();
        }
        inode.lock().lock();
        try {
            if (length > inode.sb().maxBytes()) {
                return Errno.EFBIG.neg();
            }
            return inode.iop().setSize(inode, length);
        } finally {
            inode.lock().unlock();
        }
    }

    /**
     * {@code fs/open.c:do_sys_truncate()} and {@code vfs_truncate()}: EINVAL for a negative length, the path walk
     * (following a trailing symbolic link), EISDIR for a directory, EINVAL for anything else that is not a regular
     * file, then the size change. Tasks run as root, so write permission is granted ({@code inode_permission});
     * append-only inodes and leases are not modelled.
     */
    static long truncate(Task task, String path, long length) {
        if (length < 0) {
            return Errno.EINVAL.neg();
        }
        if (path == null) {
            return Errno.EFAULT.neg();
        }
        Namei.Result r = Namei.lookup(task, Fcntl.AT_FDCWD, path, false, true);
        if (r.err() < 0) {
            return r.err();
        }
        Inode inode = r.path().inode();
        if (inode.isDir()) {
            return Errno.EISDIR.neg();
        }
        if (!inode.isReg()) {
            return Errno.EINVAL.neg();
        }
        return doTruncate(inode, length);
    }

    static long ftruncate(Task task, int fd, long length) {
        if (length < 0) {
            return Errno.EINVAL.neg();
        }
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            Inode inode = f.inode();
            if (!inode.isReg() || !f.canWrite()) {
                return Errno.EINVAL.neg();
            }
            return doTruncate(inode, length);
        } finally {
            f.put();
        }
    }
}
