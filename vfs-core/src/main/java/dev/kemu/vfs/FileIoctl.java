package dev.kemu.vfs;

/**
 * ioctl for the file commands programs use on files and pipes ({@code fs/ioctl.c:do_vfs_ioctl()},
 * {@code ioctl_file_clone()}, {@code ioctl_file_clone_range()}, {@code ioctl_getflags()},
 * {@code vfs_ioctl()}; {@code fs/remap_range.c:vfs_clone_file_range()};
 * {@code mm/filemap.c:generic_file_rw_checks()}).
 *
 * <ul>
 * <li>{@code FIOCLEX}, {@code FIONCLEX}: set and clear close-on-exec.
 * <li>{@code FICLONE} (argument: the source descriptor) and {@code FICLONERANGE} (argument: a
 * {@code struct file_clone_range}): EBADF (source not open), EXDEV (another superblock), EISDIR,
 * EINVAL (not regular files), EBADF (source not readable, destination not writable or
 * O_APPEND), then EOPNOTSUPP: no filesystem of the model has {@code remap_file_range} (ext4 and
 * tmpfs have none either). EFAULT when the range cannot be read.
 * <li>{@code FIONREAD}: on a regular file the bytes from the position to the end (an {@code int});
 * on anything else the file's own {@code unlocked_ioctl} (a pipe counts the bytes queued).
 * <li>{@code FS_IOC_GETFLAGS}: the inode's flags from the filesystem ({@code fileattr_get}), an
 * {@code int}; ENOTTY where the filesystem has none.
 * <li>Anything else goes to the file's {@code unlocked_ioctl}, which answers ENOTTY unless it
 * knows the command (terminal ioctls are outside the model).
 * </ul>
 * EBADF first for a descriptor that is not open (or is O_PATH); EFAULT when a result cannot be
 * stored.
 */
public final class FileIoctl {
    public static final int FIONCLEX = 0x5450;
    public static final int FIOCLEX = 0x5451;
    public static final int FIONREAD = 0x541B;
    /** {@code _IOW(0x94, 9, int)}. */
    public static final int FICLONE = 0x40049409;
    /** {@code _IOW(0x94, 13, struct file_clone_range)}. */
    public static final int FICLONERANGE = 0x4020940d;
    /** {@code _IOR('f', 1, long)}. */
    public static final int FS_IOC_GETFLAGS = 0x80086601;
    /** {@code sizeof(struct file_clone_range)}: s64 src_fd, u64 src_offset, u64 src_length, u64 dest_offset. */
    public static final int FILE_CLONE_RANGE_SIZE = 32;

    private FileIoctl() {
    }

    static long ioctl(Task task, int fd, int cmd, long arg, UserBuffer argp) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            return doVfsIoctl(task, f, fd, cmd, arg, argp);
        } finally {
            f.put();
        }
    }

    private static long doVfsIoctl(Task task, File f, int fd, int cmd, long arg, UserBuffer argp) {
        Inode inode = f.inode();
        switch (cmd) {
            case FIOCLEX:
                task.files().setCloseOnExec(fd, true);
                return 0;
            case FIONCLEX:
                task.files().setCloseOnExec(fd, false);
                return 0;
            case FICLONE:
                return fileClone(task, f, (int) arg, 0);
            case FICLONERANGE: {
                if (argp == null || argp.length() < FILE_CLONE_RANGE_SIZE) {
                    return Errno.EFAULT.neg();
                }
                byte[] r = argp.read(0, FILE_CLONE_RANGE_SIZE);
                long srcFd = java.nio.ByteBuffer.wrap(r).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
                long olen = java.nio.ByteBuffer.wrap(r).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(16);
                return fileClone(task, f, (int) srcFd, olen);
            }
            case FIONREAD:
                if (!inode.isReg()) {
                    return f.fop().ioctl(f, cmd, arg, argp);
                }
                return putInt(argp, (int) (inode.size() - f.pos()));
            case FS_IOC_GETFLAGS: {
                long flags = inode.iop().getFlags(inode);
                if (flags == Errno.ENOTTY.neg()) {
                    return f.fop().ioctl(f, cmd, arg, argp);
                }
                return flags < 0 ? flags : putInt(argp, (int) flags);
            }
            default:
                return f.fop().ioctl(f, cmd, arg, argp);
        }
    }

    /** {@code ioctl_file_clone} → {@code vfs_clone_file_range}. */
    private static long fileClone(Task task, File dst, int srcFd, long olen) {
        File src = FdCalls.fdget(task, srcFd);
        if (src == null) {
            return Errno.EBADF.neg();
        }
        try {
            Inode in = src.inode();
            Inode out = dst.inode();
            if (in.sb() != out.sb()) {
                return Errno.EXDEV.neg();
            }
            if (in.isDir() || out.isDir()) {
                return Errno.EISDIR.neg();
            }
            if (!in.isReg() || !out.isReg()) {
                return Errno.EINVAL.neg();
            }
            if (!src.canRead() || !dst.canWrite() || (dst.flags() & Fcntl.O_APPEND) != 0) {
                return Errno.EBADF.neg();
            }
            // No filesystem of the model has remap_file_range.
            return Errno.EOPNOTSUPP.neg();
        } finally {
            src.put();
        }
    }

    /** {@code put_user} of an {@code int}: 0, or EFAULT when there is nowhere to store it. */
    public static long putInt(UserBuffer argp, int value) {
        if (argp == null || argp.length() < 4) {
            return Errno.EFAULT.neg();
        }
        byte[] b = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(value).array();
        argp.write(0, b, 0, 4);
        return 0;
    }
}
