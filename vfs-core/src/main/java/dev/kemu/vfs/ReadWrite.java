package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

import java.util.List;

/**
 * read, write, pread64, pwrite64, readv, writev and lseek ({@code fs/read_write.c}:
 * {@code ksys_read()}, {@code vfs_read()}, {@code rw_verify_area()}, {@code ksys_pread64()},
 * {@code do_readv()}, {@code vfs_readv()}, {@code ksys_lseek()}, {@code vfs_llseek()}).
 */
final class ReadWrite {
    private ReadWrite() {
    }

    /**
     * {@code rw_verify_area}: a count that is negative as {@code ssize_t} is EINVAL, so is a
     * negative position or one that overflows with the count.
     */
    static long rwVerifyArea(File file, long pos, long count, boolean hasPos) {
        if (count < 0) {
            return Errno.EINVAL.neg();
        }
        if (hasPos) {
            if (pos < 0) {
                return Errno.EINVAL.neg();
            }
            if (pos + count < 0) {
                return Errno.EINVAL.neg();
            }
        }
        return 0;
    }

    private static boolean hasPos(File f) {
        return (f.mode() & File.FMODE_STREAM) == 0;
    }

    /** {@code vfs_read} through {@code read_iter}. pos is {@code f_pos} or the pread offset; posOut receives the new one. */
    static long vfsRead(File f, IovIter to, long pos, long[] posOut) {
        if (!f.canRead()) {
            return Errno.EBADF.neg();
        }
        if (!f.fop().canRead()) {
            return Errno.EINVAL.neg();
        }
        long count = to.count();
        long err = rwVerifyArea(f, pos, count, hasPos(f));
        if (err < 0) {
            return err;
        }
        Kiocb iocb = Kiocb.sync(f, pos);
        long ret = f.fop().readIter(iocb, to);
        posOut[0] = iocb.pos();
        return ret;
    }

    static long vfsWrite(File f, IovIter from, long pos, long[] posOut) {
        if (!f.canWrite()) {
            return Errno.EBADF.neg();
        }
        if (!f.fop().canWrite()) {
            return Errno.EINVAL.neg();
        }
        long count = from.count();
        long err = rwVerifyArea(f, pos, count, hasPos(f));
        if (err < 0) {
            return err;
        }
        Kiocb iocb = Kiocb.sync(f, pos);
        long ret = f.fop().writeIter(iocb, from);
        posOut[0] = iocb.pos();
        return ret;
    }

    /** {@code access_ok}: the user range must end inside user space. */
    static boolean accessOk(long count) {
        return Long.compareUnsigned(count, TASK_SIZE_MAX - USER_BUFFER_ADDRESS) <= 0;
    }

    private static IovIter userIter(UserBuffer buf, long count) {
        long n = Math.min(count, MAX_RW_COUNT);
        if (buf != null) {
            n = Math.min(n, buf.length());
        }
        return UserIovIter.single(buf, n);
    }

    /** {@code ksys_read}/{@code ksys_write} with {@code f_pos} under {@code f_pos_lock}. */
    static long readWrite(Task task, int fd, UserBuffer buf, long count, boolean write) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            // vfs_read/vfs_write: the mode, the method, access_ok, then rw_verify_area.
            if (!(write ? f.canWrite() : f.canRead())) {
                return Errno.EBADF.neg();
            }
            if (!(write ? f.fop().canWrite() : f.fop().canRead())) {
                return Errno.EINVAL.neg();
            }
            if (!accessOk(count)) {
                return Errno.EFAULT.neg();
            }
            IovIter it = userIter(buf, count);
            return positioned(f, it, write);
        } finally {
            f.put();
        }
    }

    private static long positioned(File f, IovIter it, boolean write) {
        boolean lock = (f.mode() & File.FMODE_ATOMIC_POS) != 0;
        if (lock) {
            f.posLock().lock();
        }
        try {
            long[] pos = {f.pos()};
            long ret = write ? vfsWrite(f, it, pos[0], pos) : vfsRead(f, it, pos[0], pos);
            if (ret >= 0 && hasPos(f)) {
                f.setPos(pos[0]);
            }
            return ret;
        } finally {
            if (lock) {
                f.posLock().unlock();
            }
        }
    }

    /** {@code ksys_pread64}/{@code ksys_pwrite64}: EINVAL for a negative offset, ESPIPE without FMODE_PREAD. */
    static long preadWrite(Task task, int fd, UserBuffer buf, long count, long pos, boolean write) {
        if (pos < 0) {
            return Errno.EINVAL.neg();
        }
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            if ((f.mode() & (write ? File.FMODE_PWRITE : File.FMODE_PREAD)) == 0) {
                return Errno.ESPIPE.neg();
            }
            if (!(write ? f.canWrite() : f.canRead())) {
                return Errno.EBADF.neg();
            }
            if (!(write ? f.fop().canWrite() : f.fop().canRead())) {
                return Errno.EINVAL.neg();
            }
            if (!accessOk(count)) {
                return Errno.EFAULT.neg();
            }
            IovIter it = userIter(buf, count);
            long[] out = new long[1];
            return write ? vfsWrite(f, it, pos, out) : vfsRead(f, it, pos, out);
        } finally {
            f.put();
        }
    }

    /** {@code import_iovec}: EINVAL for more than IOV_MAX vectors or a negative length; the total is clamped to MAX_RW_COUNT. */
    static long importIovec(List<Iovec> iov, IovIter[] out) {
        if (iov.size() > IOV_MAX) {
            return Errno.EINVAL.neg();
        }
        long total = 0;
        for (Iovec v : iov) {
            long len = v.len();
            if (len > MAX_RW_COUNT - total) {
                len = MAX_RW_COUNT - total;
            }
            total += len;
        }
        out[0] = new UserIovIter(iov, total);
        return 0;
    }

    static long readvWritev(Task task, int fd, List<Iovec> iov, boolean write) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            // vfs_readv/vfs_writev: the mode and the method before import_iovec.
            if (!(write ? f.canWrite() : f.canRead())) {
                return Errno.EBADF.neg();
            }
            if (!(write ? f.fop().canWrite() : f.fop().canRead())) {
                return Errno.EINVAL.neg();
            }
            IovIter[] it = new IovIter[1];
            long err = importIovec(iov, it);
            if (err < 0) {
                return err;
            }
            if (it[0].count() == 0) {
                return 0;
            }
            return positioned(f, it[0], write);
        } finally {
            f.put();
        }
    }

    /** {@code ksys_lseek}: EINVAL for an unknown whence, ESPIPE without FMODE_LSEEK. */
    static long lseek(Task task, int fd, long offset, int whence) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            if (whence < 0 || whence > SEEK_HOLE) {
                return Errno.EINVAL.neg();
            }
            if ((f.mode() & File.FMODE_LSEEK) == 0) {
                return Errno.ESPIPE.neg();
            }
            f.posLock().lock();
            try {
                return f.fop().llseek(f, offset, whence);
            } finally {
                f.posLock().unlock();
            }
        } finally {
            f.put();
        }
    }
}
