package dev.kemu.vfs;

/**
 * {@code fs/namei.c:filename_create()}, shared by mkdir, mknod, link and symlink: the parent is looked up, ".", ".."
 * and "/" are EEXIST, the parent's inode lock is taken, an existing name is EEXIST, and a trailing slash is ENOENT
 * unless a directory is being made ({@code LOOKUP_DIRECTORY}). On success the parent's lock is held, with the
 * negative dentry to create; the caller releases it with {@link #done()}.
 *
 * @param err 0, or the negated errno (then nothing is held)
 * @param parent the parent walk
 * @param dentry the negative dentry of the new name
 */
record FilenameCreate(long err, Namei.Parent parent, Dentry dentry) {
    private static FilenameCreate error(long err) {
        return new FilenameCreate(err, null, null);
    }

    /**
     * Looks up the parent of {@code path} (relative to {@code dfd}) and locks it.
     *
     * @param directory a directory is being made (mkdir): a trailing slash is allowed
     */
    static FilenameCreate of(Task task, int dfd, String path, boolean directory) {
        Namei.Parent p = Namei.parentAt(task, dfd, path);
        if (p.err() < 0) {
            return error(p.err());
        }
        if (!p.isNormal()) {
            return error(Errno.EEXIST.neg());
        }
        Inode dir = p.dir().inode();
        dir.lock().lock();
        Namei.Result r = Namei.lookupChild(task.vfs(), p.dir(), p.last());
        long err = r.err();
        if (err == 0 && !r.path().dentry().isNegative()) {
            err = Errno.EEXIST.neg();
        } else if (err == 0 && p.trailingSlash() && !directory) {
            err = Errno.ENOENT.neg();
        }
        if (err < 0) {
            dir.lock().unlock();
            return error(err);
        }
        return new FilenameCreate(0, p, r.path().dentry());
    }

    /** The parent directory's inode, locked. */
    Inode dir() {
        return parent.dir().inode();
    }

    /** {@code done_path_create}: releases the parent's lock. */
    void done() {
        dir().lock().unlock();
    }
}
