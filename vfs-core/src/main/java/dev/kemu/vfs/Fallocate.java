package dev.kemu.vfs;

/**
 * fallocate ({@code fs/open.c:ksys_fallocate()}, {@code vfs_fallocate()}): the VFS's checks, in
 * its order, before the filesystem's {@code fallocate}.
 *
 * <p>Errors, in order: EBADF (not open, O_PATH), EINVAL (negative offset, length not positive),
 * EOPNOTSUPP or EINVAL for a mode the version refuses ({@link Modes}), EBADF (not open for
 * writing), ESPIPE (a pipe), EISDIR, ENODEV (not a regular file), EFBIG (offset + length
 * overflows or passes {@code s_maxbytes}), EOPNOTSUPP (no {@code fallocate} method), then the
 * filesystem's own. The model has no append-only or immutable inodes, so no EPERM.
 */
public final class Fallocate {
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;
    public static final int FALLOC_FL_NO_HIDE_STALE = 0x04;
    public static final int FALLOC_FL_COLLAPSE_RANGE = 0x08;
    public static final int FALLOC_FL_ZERO_RANGE = 0x10;
    public static final int FALLOC_FL_INSERT_RANGE = 0x20;
    public static final int FALLOC_FL_UNSHARE_RANGE = 0x40;
    public static final int FALLOC_FL_WRITE_ZEROES = 0x80;

    /** How a version validates {@code mode} before anything else. */
    public enum Modes {
        /** 3.10: only KEEP_SIZE and PUNCH_HOLE (with KEEP_SIZE) exist. */
        V3_10,
        /**
         * 3.15 to 6.12: {@code FALLOC_FL_SUPPORTED_MASK}, PUNCH_HOLE and ZERO_RANGE exclusive
         * (EOPNOTSUPP), PUNCH_HOLE needs KEEP_SIZE (EOPNOTSUPP), COLLAPSE_RANGE, INSERT_RANGE and
         * UNSHARE_RANGE exclusive (EINVAL).
         */
        FLAG_CHECKS,
        /** 6.13 ("sort out the fallocate mode mess"): one mode out of {@code FALLOC_FL_MODE_MASK}, every bad combination EOPNOTSUPP. */
        EXCLUSIVE,
        /** 6.17: {@link #EXCLUSIVE} with {@code FALLOC_FL_WRITE_ZEROES}. */
        EXCLUSIVE_WRITE_ZEROES
    }

    private Fallocate() {
    }

    static long fallocate(Task task, int fd, int mode, long offset, long len, Modes modes) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            return vfsFallocate(f, mode, offset, len, modes);
        } finally {
            f.put();
        }
    }

    /** {@code vfs_fallocate}. */
    static long vfsFallocate(File f, int mode, long offset, long len, Modes modes) {
        if (offset < 0 || len <= 0) {
            return Errno.EINVAL.neg();
        }
        long err = checkMode(mode, modes);
        if (err < 0) {
            return err;
        }
        if (!f.canWrite()) {
            return Errno.EBADF.neg();
        }
        Inode inode = f.inode();
        if (StatMode.isFifo(inode.mode())) {
            return Errno.ESPIPE.neg();
        }
        if (inode.isDir()) {
            return Errno.EISDIR.neg();
        }
        if (!inode.isReg()) {
            return Errno.ENODEV.neg();
        }
        long sum = offset + len;
        if (sum < 0 || sum > inode.sb().maxBytes()) {
            return Errno.EFBIG.neg();
        }
        return f.fop().fallocate(f, mode, offset, len);
    }

    private static long checkMode(int mode, Modes modes) {
        switch (modes) {
            case V3_10:
                if ((mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) != 0) {
                    return Errno.EOPNOTSUPP.neg();
                }
                return (mode & FALLOC_FL_PUNCH_HOLE) != 0 && (mode & FALLOC_FL_KEEP_SIZE) == 0 ? Errno.EOPNOTSUPP.neg() : 0;
            case FLAG_CHECKS: {
                int supported = FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE
                        | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE;
                if ((mode & ~supported) != 0) {
                    return Errno.EOPNOTSUPP.neg();
                }
                int punchZero = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE;
                if ((mode & punchZero) == punchZero) {
                    return Errno.EOPNOTSUPP.neg();
                }
                if ((mode & FALLOC_FL_PUNCH_HOLE) != 0 && (mode & FALLOC_FL_KEEP_SIZE) == 0) {
                    return Errno.EOPNOTSUPP.neg();
                }
                if ((mode & FALLOC_FL_COLLAPSE_RANGE) != 0 && (mode & ~FALLOC_FL_COLLAPSE_RANGE) != 0
                        || (mode & FALLOC_FL_INSERT_RANGE) != 0 && (mode & ~FALLOC_FL_INSERT_RANGE) != 0
                        || (mode & FALLOC_FL_UNSHARE_RANGE) != 0
                                && (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)) != 0) {
                    return Errno.EINVAL.neg();
                }
                return 0;
            }
            default: {
                boolean writeZeroes = modes == Modes.EXCLUSIVE_WRITE_ZEROES;
                int modeMask = FALLOC_FL_PUNCH_HOLE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE
                        | FALLOC_FL_UNSHARE_RANGE | (writeZeroes ? FALLOC_FL_WRITE_ZEROES : 0);
                if ((mode & ~(modeMask | FALLOC_FL_KEEP_SIZE)) != 0) {
                    return Errno.EOPNOTSUPP.neg();
                }
                int m = mode & modeMask;
                boolean keep = (mode & FALLOC_FL_KEEP_SIZE) != 0;
                if (m == 0 || m == FALLOC_FL_UNSHARE_RANGE || m == FALLOC_FL_ZERO_RANGE) {
                    return 0;
                }
                if (m == FALLOC_FL_PUNCH_HOLE) {
                    return keep ? 0 : Errno.EOPNOTSUPP.neg();
                }
                if (m == FALLOC_FL_COLLAPSE_RANGE || m == FALLOC_FL_INSERT_RANGE || m == FALLOC_FL_WRITE_ZEROES) {
                    return keep ? Errno.EOPNOTSUPP.neg() : 0;
                }
                return Errno.EOPNOTSUPP.neg();
            }
        }
    }
}
