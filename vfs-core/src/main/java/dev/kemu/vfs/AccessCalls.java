package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

/**
 * access, faccessat and faccessat2 ({@code fs/open.c:do_faccessat()}), with the permission
 * checks the model has: the caller is root, so reading and writing are always allowed
 * ({@code CAP_DAC_OVERRIDE}) and executing needs an execute bit on anything but a directory
 * ({@code fs/namei.c:generic_permission()}), as {@code may_open} is modelled.
 *
 * <p>Errors: EINVAL for mode bits beyond {@code R_OK|W_OK|X_OK} (checked first) or unknown
 * flags; the lookup's errors (ENOENT, ENOTDIR, ELOOP, EBADF); EACCES for X_OK on a file with no
 * execute bit. AT_EACCESS changes nothing for root.
 */
final class AccessCalls {
    /** {@code S_IRWXO}: the mode bits access accepts. */
    static final int S_IRWXO = 07;
    static final int X_OK = 1;
    static final int AT_EACCESS = 0x200;

    private AccessCalls() {
    }

    static long faccessat(Task task, int dfd, String path, int mode, int flags) {
        if ((mode & ~S_IRWXO) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return Errno.EINVAL.neg();
        }
        Namei.Result r = Namei.lookup(task, dfd, path, (flags & AT_EMPTY_PATH) != 0, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (r.err() < 0) {
            return r.err();
        }
        Inode inode = r.path().inode();
        // generic_permission: root may execute what has any execute bit, and search any directory.
        if ((mode & X_OK) != 0 && !inode.isDir() && (inode.mode() & 0111) == 0) {
            return Errno.EACCES.neg();
        }
        return 0;
    }
}
