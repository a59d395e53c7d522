package dev.kemu.vfs;

/**
 * rename, renameat and renameat2 ({@code fs/namei.c:do_renameat2()}, {@code lock_rename()},
 * {@code vfs_rename()}, {@code may_delete()}, {@code may_create()}).
 *
 * <p>Errors in the order {@code do_renameat2} finds them: EINVAL (unknown flags, EXCHANGE with
 * NOREPLACE or WHITEOUT); the two parent walks' errors; EXDEV (different mounts); EBUSY (the
 * source is ".", ".." or "/"); EEXIST with NOREPLACE or else EBUSY (so is the target); ENOENT
 * (no source); EEXIST (NOREPLACE and a target); ENOENT/ENOTDIR (EXCHANGE without a target, or
 * a trailing slash on a non-directory); ENOTDIR (a trailing slash on a non-directory source or
 * target); EINVAL (a directory into itself); ENOTEMPTY (onto an ancestor of the source); then
 * {@code vfs_rename}: ENOTDIR/EISDIR (directory onto file and back), ENOENT (a removed
 * directory), EPERM (no {@code rename} method), EBUSY (a mount point), and the filesystem's
 * ENOTEMPTY, EMLINK, EINVAL (flags it lacks), EROFS, ENOSPC.
 */
final class Rename {
    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;
    static final int RENAME_WHITEOUT = 4;

    private Rename() {
    }

    static long renameat2(Task task, int olddfd, String oldname, int newdfd, String newname, int flags) {
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)) != 0 && (flags & RENAME_EXCHANGE) != 0) {
            return Errno.EINVAL.neg();
        }
        Namei.Parent op = Namei.parentAt(task, olddfd, oldname);
        if (op.err() < 0) {
            return op.err();
        }
        Namei.Parent np = Namei.parentAt(task, newdfd, newname);
        if (np.err() < 0) {
            return np.err();
        }
        if (op.dir().mnt() != np.dir().mnt()) {
            return Errno.EXDEV.neg();
        }
        if (!op.isNormal()) {
            return Errno.EBUSY.neg();
        }
        if (!np.isNormal()) {
            return (flags & RENAME_NOREPLACE) != 0 ? Errno.EEXIST.neg() : Errno.EBUSY.neg();
        }
        Dentry oldParent = op.dir().dentry();
        Dentry newParent = np.dir().dentry();
        Inode oldDir = op.dir().inode();
        Inode newDir = np.dir().inode();
        SuperBlock sb = oldDir.sb();
        // lock_rename: one directory, or the superblock's rename mutex and the ancestor first.
        boolean same = oldDir == newDir;
        if (!same) {
            sb.renameMutex().lock();
        }
        Inode first = same || oldParent.isAncestorOf(newParent) ? oldDir
                : newParent.isAncestorOf(oldParent) ? newDir
                : oldDir.ino() < newDir.ino() ? oldDir : newDir;
        Inode second = first == oldDir ? newDir : oldDir;
        first.lock().lock();
        if (!same) {
            second.lock().lock();
        }
        try {
            Dentry trap = same ? null : trap(oldParent, newParent);
            Namei.Result or = Namei.lookupChild(task.vfs(), op.dir(), op.last());
            if (or.err() < 0) {
                return or.err();
            }
            Dentry oldD = or.path().dentry();
            if (oldD.isNegative()) {
                return Errno.ENOENT.neg();
            }
            Namei.Result nr = Namei.lookupChild(task.vfs(), np.dir(), np.last());
            if (nr.err() < 0) {
                return nr.err();
            }
            Dentry newD = nr.path().dentry();
            if ((flags & RENAME_NOREPLACE) != 0 && !newD.isNegative()) {
                return Errno.EEXIST.neg();
            }
            if ((flags & RENAME_EXCHANGE) != 0) {
                if (newD.isNegative()) {
                    return Errno.ENOENT.neg();
                }
                if (!newD.inode().isDir() && np.trailingSlash()) {
                    return Errno.ENOTDIR.neg();
                }
            }
            if (!oldD.inode().isDir()) {
                if (op.trailingSlash() || (flags & RENAME_EXCHANGE) == 0 && np.trailingSlash()) {
                    return Errno.ENOTDIR.neg();
                }
            }
            if (oldD == trap) {
                return Errno.EINVAL.neg();
            }
            if (newD == trap) {
                return (flags & RENAME_EXCHANGE) == 0 ? Errno.ENOTEMPTY.neg() : Errno.EINVAL.neg();
            }
            return vfsRename(oldDir, oldD, newDir, newD, np.last(), flags);
        } finally {
            if (!same) {
                second.lock().unlock();
            }
            first.lock().unlock();
            if (!same) {
                sb.renameMutex().unlock();
            }
        }
    }

    /**
     * {@code lock_rename}'s trap: when one parent is an ancestor of the other, the ancestor's
     * child on the way down to the other; null otherwise.
     */
    private static Dentry trap(Dentry oldParent, Dentry newParent) {
        Dentry below = childTowards(oldParent, newParent);
        return below != null ? below : childTowards(newParent, oldParent);
    }

    private static Dentry childTowards(Dentry ancestor, Dentry d) {
        for (Dentry cur = d; !cur.isRoot(); cur = cur.parent()) {
            if (cur.parent() == ancestor) {
                return cur;
            }
        }
        return null;
    }

    /** {@code may_delete}: the victim's type against what the operation expects, and a live directory. */
    private static long mayDelete(Inode dir, Dentry victim, boolean isDir) {
        if (victim.isNegative()) {
            return Errno.ENOENT.neg();
        }
        if (isDir) {
            if (!victim.inode().isDir()) {
                return Errno.ENOTDIR.neg();
            }
            if (victim.isRoot()) {
                return Errno.EBUSY.neg();
            }
        } else if (victim.inode().isDir()) {
            return Errno.EISDIR.neg();
        }
        return dir.isDeadDir() ? Errno.ENOENT.neg() : 0;
    }

    private static long vfsRename(Inode oldDir, Dentry oldD, Inode newDir, Dentry newD, String newName, int flags) {
        Inode source = oldD.inode();
        Inode target = newD.inode();
        if (source == target) {
            return 0;
        }
        boolean isDir = source.isDir();
        long err = mayDelete(oldDir, oldD, isDir);
        if (err < 0) {
            return err;
        }
        boolean newIsDir = target != null && target.isDir();
        if (target == null) {
            err = newDir.isDeadDir() ? Errno.ENOENT.neg() : 0;
        } else {
            err = mayDelete(newDir, newD, (flags & RENAME_EXCHANGE) == 0 ? isDir : newIsDir);
        }
        if (err < 0) {
            return err;
        }
        if (oldD.isMountpoint() || newD.isMountpoint()) {
            return Errno.EBUSY.neg();
        }
        if (target != null) {
            target.lock().lock();
        }
        try {
            int r = oldDir.iop().rename(oldDir, oldD, newDir, newD, flags);
            if (r < 0) {
                return r;
            }
            if ((flags & RENAME_EXCHANGE) != 0) {
                Dentry.exchange(oldD, newD);
                return 0;
            }
            if (target != null && isDir) {
                target.markDeadDir();
            }
            // A whiteout the filesystem left under the old name is found by the next lookup.
            oldD.move(newD.parent(), newName);
        } finally {
            if (target != null) {
                target.lock().unlock();
            }
        }
        if (target != null && target.nlink() == 0 && !target.isOpen()) {
            target.evict();
        }
        return 0;
    }
}
