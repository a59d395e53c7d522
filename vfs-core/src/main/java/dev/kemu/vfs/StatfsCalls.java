package dev.kemu.vfs;

/**
 * statfs and fstatfs ({@code fs/statfs.c:user_statfs()}, {@code fd_statfs()}, {@code vfs_statfs()},
 * {@code statfs_by_dentry()}, {@code calculate_f_flags()}).
 *
 * <p>Errors: statfs EFAULT for a null path, then the lookup's ENOENT, ENOTDIR, ENAMETOOLONG;
 * fstatfs EBADF (an O_PATH descriptor is good enough, {@code fdget_raw}); both ENOSYS for a
 * filesystem without {@code statfs}.
 *
 * <p>{@code f_flags}: {@code ST_VALID}, plus {@code ST_RELATIME} on the mounts of the tree (the
 * default a mount gets from {@code path_mount()}); internal mounts (pipes, memfd) have no flags.
 */
final class StatfsCalls {
    private StatfsCalls() {
    }

    static StatfsResult statfs(Task task, String path) {
        if (path == null) {
            return StatfsResult.error(Errno.EFAULT);
        }
        Namei.Result r = Namei.lookup(task, Fcntl.AT_FDCWD, path, false);
        if (r.err() < 0) {
            return new StatfsResult(r.err(), null);
        }
        return vfsStatfs(r.path().inode().sb(), true);
    }

    static StatfsResult fstatfs(Task task, int fd) {
        File f = FdCalls.fdgetRaw(task, fd);
        if (f == null) {
            return StatfsResult.error(Errno.EBADF);
        }
        try {
            return vfsStatfs(f.inode().sb(), f.path() != null);
        } finally {
            f.put();
        }
    }

    private static StatfsResult vfsStatfs(SuperBlock sb, boolean userMount) {
        Statfs s = sb.sop().statfs(sb);
        if (s == null) {
            return StatfsResult.error(Errno.ENOSYS);
        }
        return new StatfsResult(0, s.completed(Statfs.ST_VALID | (userMount ? Statfs.ST_RELATIME : 0)));
    }
}
