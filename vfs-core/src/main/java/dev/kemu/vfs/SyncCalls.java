package dev.kemu.vfs;

/**
 * fsync, fdatasync and syncfs ({@code fs/sync.c:do_fsync()}, {@code vfs_fsync_range()},
 * {@code SYSCALL_DEFINE1(syncfs)}, {@code sync_filesystem()}).
 *
 * <p>Errors: EBADF for a descriptor that is not open (or an O_PATH one); fsync and fdatasync
 * EINVAL for a file whose operations have no {@code fsync} (pipes, character devices, procfs
 * files), then whatever the filesystem's write-back reports (EIO).
 *
 * <p>Deliberate divergence: {@code fdatasync} writes back what {@code fsync} does; the model
 * does not tell timestamp-only inode changes apart.
 */
final class SyncCalls {
    private SyncCalls() {
    }

    static long fsync(Task task, int fd, boolean datasync) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            return f.fop().fsync(f);
        } finally {
            f.put();
        }
    }

    static long syncfs(Task task, int fd) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            SuperBlock sb = f.inode().sb();
            return sb.sop().syncFs(sb);
        } finally {
            f.put();
        }
    }
}
