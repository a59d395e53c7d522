package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

import dev.kemu.vfs.spi.Iattr;

/**
 * chown, fchown, lchown and fchownat ({@code fs/open.c:chown_common()}, {@code do_fchownat()},
 * {@code ksys_fchown()}; {@code fs/attr.c:notify_change()}, {@code setattr_prepare()},
 * {@code chown_ok()}, {@code chgrp_ok()}, {@code setattr_should_drop_sgid()}).
 *
 * <p>An id of {@code -1} leaves that owner unchanged; ctime changes even when both are
 * {@code -1}. On anything but a directory the change asks to drop S_ISUID, and S_ISGID by the
 * version's rule ({@link VfsBehaviour#chownDropsSgidOutsideGroup}); a file without those bits
 * keeps its mode. Ids are those of the initial user namespace: every value but {@code -1} is
 * valid, so {@code setattr_vfsuid}'s EINVAL cannot happen.
 *
 * <p>Errors, in order: EINVAL for unknown fchownat flags; EBADF, ENOENT, ENOTDIR, ELOOP,
 * ENAMETOOLONG from finding the file; then {@code setattr_prepare}: EPERM when the owner changes
 * (or the caller does not own the file) without CAP_CHOWN, EPERM when the group becomes one the
 * caller is not in (or the caller does not own the file) without CAP_CHOWN, EPERM when a set-ID
 * bit must go from a file the caller neither owns nor has CAP_FOWNER for; last the filesystem's
 * {@code setattr} (EROFS on a read-only ext4, EPERM in /proc/sys and on /proc/PID).
 */
final class OwnerCalls {
    private OwnerCalls() {
    }

    /** {@code do_fchownat}: EINVAL for flags other than AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH, then the lookup. */
    static long fchownat(Task task, int dfd, String path, int user, int group, int flags, VfsBehaviour behaviour) {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0) {
            return Errno.EINVAL.neg();
        }
        Namei.Result r = Namei.lookup(task, dfd, path, (flags & AT_EMPTY_PATH) != 0, (flags & AT_SYMLINK_NOFOLLOW) == 0);
        if (r.err() < 0) {
            return r.err();
        }
        return chownCommon(task, r.path().inode(), user, group, behaviour);
    }

    /** {@code ksys_fchown}: EBADF for a closed or O_PATH descriptor. */
    static long fchown(Task task, int fd, int user, int group, VfsBehaviour behaviour) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            return chownCommon(task, f.inode(), user, group, behaviour);
        } finally {
            f.put();
        }
    }

    /** {@code chown_common}: the new owners, ctime now, and the set-ID bits to drop on a non-directory. */
    static long chownCommon(Task task, Inode inode, int user, int group, VfsBehaviour behaviour) {
        int valid = Iattr.ATTR_CTIME;
        if (user != -1) {
            valid |= Iattr.ATTR_UID;
        }
        if (group != -1) {
            valid |= Iattr.ATTR_GID;
        }
        inode.lock().lock();
        try {
            if (!inode.isDir()) {
                valid |= Iattr.ATTR_KILL_SUID
                        | (behaviour.chownDropsSgidOutsideGroup() ? setattrShouldDropSgid(task, inode) : Iattr.ATTR_KILL_SGID);
            }
            return notifyChange(task, inode, valid, user, group, behaviour);
        } finally {
            inode.lock().unlock();
        }
    }

    /** {@code setattr_should_drop_sgid} (6.2+): ATTR_KILL_SGID or 0. */
    static int setattrShouldDropSgid(Task task, Inode inode) {
        int mode = inode.mode();
        if ((mode & StatMode.S_ISGID) == 0) {
            return 0;
        }
        if ((mode & StatMode.S_IXGRP) != 0 || !inGroupOrCapable(task, inode.gid())) {
            return Iattr.ATTR_KILL_SGID;
        }
        return 0;
    }

    /**
     * {@code notify_change}: turns the kill requests into a mode (S_ISUID if set; S_ISGID if set,
     * before 6.2 only together with S_IXGRP), then {@code setattr_prepare}'s checks and the
     * filesystem's {@code setattr}. The caller holds the inode lock.
     */
    private static long notifyChange(Task task, Inode inode, int valid, int user, int group, VfsBehaviour behaviour) {
        int oldMode = inode.mode();
        int mode = oldMode;
        if ((valid & Iattr.ATTR_KILL_SUID) != 0 && (oldMode & StatMode.S_ISUID) != 0) {
            valid |= Iattr.ATTR_MODE;
            mode &= ~StatMode.S_ISUID;
        }
        if ((valid & Iattr.ATTR_KILL_SGID) != 0) {
            int need = behaviour.chownDropsSgidOutsideGroup() ? StatMode.S_ISGID : StatMode.S_ISGID | StatMode.S_IXGRP;
            if ((oldMode & need) == need) {
                valid |= Iattr.ATTR_MODE;
                mode &= ~StatMode.S_ISGID;
            }
        }
        valid &= ~(Iattr.ATTR_KILL_SUID | Iattr.ATTR_KILL_SGID);
        long err = setattrPrepare(task, inode, valid, user, group);
        if (err < 0) {
            return err;
        }
        if ((valid & Iattr.ATTR_MODE) != 0) {
            // setattr_prepare: "Also check the setgid bit!"
            int gid = (valid & Iattr.ATTR_GID) != 0 ? group : inode.gid();
            if (!inGroupOrCapable(task, gid)) {
                mode &= ~StatMode.S_ISGID;
            }
        }
        Iattr attr = new Iattr(valid, mode, user, group, null, null, Timespec.now());
        return inode.iop().setattr(inode, attr);
    }

    /** {@code setattr_prepare}'s ownership checks: {@code chown_ok}, {@code chgrp_ok}, {@code inode_owner_or_capable}. */
    private static long setattrPrepare(Task task, Inode inode, int valid, int user, int group) {
        if ((valid & Iattr.ATTR_UID) != 0 && !chownOk(task, inode, user)) {
            return Errno.EPERM.neg();
        }
        if ((valid & Iattr.ATTR_GID) != 0 && !chgrpOk(task, inode, group)) {
            return Errno.EPERM.neg();
        }
        if ((valid & Iattr.ATTR_MODE) != 0 && task.fsuid() != inode.uid() && !task.capable(Capability.CAP_FOWNER)) {
            return Errno.EPERM.neg();
        }
        return 0;
    }

    /** {@code chown_ok}: the owner may "change" the owner to itself; anything else needs CAP_CHOWN. */
    private static boolean chownOk(Task task, Inode inode, int uid) {
        return task.fsuid() == inode.uid() && uid == inode.uid() || task.capable(Capability.CAP_CHOWN);
    }

    /** {@code chgrp_ok}: the owner may set the same group or one it is in; anything else needs CAP_CHOWN. */
    private static boolean chgrpOk(Task task, Inode inode, int gid) {
        if (task.fsuid() == inode.uid() && (gid == inode.gid() || task.inGroup(gid))) {
            return true;
        }
        return task.capable(Capability.CAP_CHOWN);
    }

    /** {@code in_group_or_capable}: in the group, or CAP_FSETID. */
    private static boolean inGroupOrCapable(Task task, int gid) {
        return task.inGroup(gid) || task.capable(Capability.CAP_FSETID);
    }
}
