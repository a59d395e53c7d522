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
