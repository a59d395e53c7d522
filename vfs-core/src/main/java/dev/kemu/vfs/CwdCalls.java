package dev.kemu.vfs;

import java.nio.charset.StandardCharsets;

/**
 * The working directory and the umask: chdir, fchdir, getcwd and umask ({@code fs/open.c:chdir},
 * {@code fchdir}; {@code fs/d_path.c:SYSCALL_DEFINE2(getcwd)}, {@code prepend_path()};
 * {@code kernel/sys.c:SYSCALL_DEFINE1(umask)}).
 *
 * <p>The caller is root: searching a directory needs no permission.
 */
final class CwdCalls {
    private CwdCalls() {
    }

    /** {@code chdir}: follows links; ENOENT, ENOTDIR (not a directory, checked by {@code LOOKUP_DIRECTORY}). */
    static long chdir(Task task, String path) {
        Namei.Result r = Namei.lookup(task, Fcntl.AT_FDCWD, path, false, true);
        if (r.err() < 0) {
            return r.err();
        }
        if (!r.path().inode().isDir()) {
            return Errno.ENOTDIR.neg();
        }
        task.setCwd(r.path());
        return 0;
    }

    /** {@code fchdir}: EBADF, ENOTDIR; an O_PATH descriptor will do ({@code fdget_raw}). */
    static long fchdir(Task task, int fd) {
        File f = FdCalls.fdgetRaw(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            if (f.path() == null || !f.inode().isDir()) {
                return Errno.ENOTDIR.neg();
            }
            task.setCwd(f.path());
            return 0;
        } finally {
            f.put();
        }
    }

    /**
     * {@code getcwd}: ENOENT when the directory was removed, ENAMETOOLONG past PATH_MAX, ERANGE
     * when {@code size} (unsigned) is less than the path and its NUL; else that length.
     */
    static GetcwdResult getcwd(Task task, long size) {
        VfsPath pwd = task.cwd();
        if (pwd.dentry().isUnlinked()) {
            return new GetcwdResult(Errno.ENOENT.neg(), null);
        }
        String path = dPath(pwd);
        long len = path.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (len > Fcntl.PATH_MAX) {
            return new GetcwdResult(Errno.ENAMETOOLONG.neg(), null);
        }
        if (Long.compareUnsigned(len, size) > 0) {
            return new GetcwdResult(Errno.ERANGE.neg(), null);
        }
        return new GetcwdResult(len, path);
    }

    /** {@code prepend_path}: the names from the root of the tree, crossing mount points. */
    static String dPath(VfsPath p) {
        StringBuilder out = new StringBuilder();
        Mount m = p.mnt();
        Dentry d = p.dentry();
        while (true) {
            if (d == m.root()) {
                if (m.isRootMount()) {
                    break;
                }
                d = m.mountpoint();
                m = m.parent();
                continue;
            }
            out.insert(0, "/" + d.name());
            d = d.parent();
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** {@code umask}: sets the mask to {@code mask & 0777} and returns the old one. */
    static long umask(Task task, int mask) {
        return task.swapUmask(mask);
    }
}
