package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.AT_EMPTY_PATH;
import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.AT_SYMLINK_NOFOLLOW;

import dev.kemu.vfs.spi.XattrOperations;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The extended attribute calls ({@code fs/xattr.c}, 6.13 and later: {@code path_setxattrat()},
 * {@code path_getxattrat()}, {@code path_listxattrat()}, {@code path_removexattrat()}, the
 * {@code f*} forms, {@code setxattr_copy()}, {@code import_xattr_name()}, {@code do_setxattr()},
 * {@code vfs_getxattr()}, {@code vfs_listxattr()}, {@code vfs_removexattr()},
 * {@code xattr_permission()}, {@code xattr_resolve_name()}; {@code fs/posix_acl.c:do_set_acl()},
 * {@code do_get_acl()}, {@code vfs_remove_acl()}, {@code set_posix_acl()}).
 *
 * <p>Errors of the path forms, in order: EINVAL for unknown {@code AT_} flags; for set, EINVAL
 * for flags other than XATTR_CREATE/XATTR_REPLACE; EFAULT for a name that faults, ERANGE for an
 * empty name or one over 255 bytes; for set, E2BIG for a value over 64 KiB and EFAULT for a
 * value that faults; then the lookup's errors. The descriptor forms are the same calls with no
 * path ({@code fsetxattr} is {@code path_setxattrat(fd, NULL, AT_EMPTY_PATH, ...)}): the
 * descriptor (EBADF, O_PATH included) is looked at where the lookup would be. Then {@code xattr_permission} (trusted: EPERM to set, ENODATA to
 * read without CAP_SYS_ADMIN; user: EPERM to set, ENODATA to read on anything but a regular file
 * or directory), the capability hook with no security module loaded ({@code cap_inode_setxattr}:
 * {@code security.} needs CAP_SYS_ADMIN to change), the handler (EOPNOTSUPP for no handler or an
 * unknown namespace, EINVAL for a bare prefix such as {@code user.}), and the filesystem's
 * answer (ENODATA, EEXIST, ENOSPC, ERANGE for a value or list larger than the buffer).
 *
 * <p>With no security module {@code security.*} names are the filesystem's attributes
 * ({@code security_inode_getsecurity} answers EOPNOTSUPP, so {@code vfs_getxattr} goes on to the
 * handler): {@code security.selinux} is ENODATA unless someone set it.
 *
 * <p>Deliberate divergences: the caller is root in the initial user namespace, so
 * {@code inode_permission}, the sticky-directory owner check and id mapping of ACLs are not
 * modelled; {@code security.capability} values are stored as given ({@code cap_convert_nscap} is
 * not modelled); immutable and append-only inodes are not modelled; the ordering of 6.12 and
 * earlier (the lookup before the name for get, list and remove) is not modelled.
 */
final class XattrCalls {
    private XattrCalls() {
    }

    /** The inode a call works on, or an errno. */
    private record Target(long err, Inode inode, File file) {
        static Target error(long err) {
            return new Target(err, null, null);
        }

        void put() {
            if (file != null) {
                file.put();
            }
        }
    }

    /** {@code import_xattr_name}: EFAULT for a faulting name, ERANGE for an empty or too long one. */
    static long importName(String name) {
        if (name == null) {
            return Errno.EFAULT.neg();
        }
        int len = name.getBytes(StandardCharsets.UTF_8).length;
        return len == 0 || len > Xattr.XATTR_NAME_MAX ? Errno.ERANGE.neg() : 0;
    }

    private static Target pathTarget(Task task, int dfd, String path, int atFlags) {
        if (path == null) {
            return Target.error(Errno.EFAULT.neg());
        }
        if (path.isEmpty() && (atFlags & AT_EMPTY_PATH) != 0 && dfd != AT_FDCWD) {
            // getname_maybe_null: an empty path with AT_EMPTY_PATH is the descriptor's file
            return fdTarget(task, dfd);
        }
        Namei.Result r = Namei.lookup(task, dfd, path, (atFlags & AT_EMPTY_PATH) != 0, (atFlags & AT_SYMLINK_NOFOLLOW) == 0);
        return r.err() < 0 ? Target.error(r.err()) : new Target(0, r.path().inode(), null);
    }

    private static Target fdTarget(Task task, int fd) {
        File f = FdCalls.fdget(task, fd);
        return f == null ? Target.error(Errno.EBADF.neg()) : new Target(0, f.inode(), f);
    }

    private static long onTarget(Target t, ToLongFunction<Inode> op) {
        if (t.err() < 0) {
            return t.err();
        }
        try {
            return op.applyAsLong(t.inode());
        } finally {
            t.put();
        }
    }

    private static boolean badAtFlags(int atFlags) {
        return (atFlags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) != 0;
    }

    // ---- set

    /** What {@code setxattr_copy} took from user memory, or its errno. */
    private record Copy(long err, byte[] value) {
    }

    /** {@code setxattr_copy}: the flags, the name, then the value (E2BIG, EFAULT). */
    private static Copy setxattrCopy(String name, UserBuffer value, long size, int flags) {
        if ((flags & ~(Xattr.XATTR_CREATE | Xattr.XATTR_REPLACE)) != 0) {
            return new Copy(Errno.EINVAL.neg(), null);
        }
        long err = importName(name);
        if (err < 0) {
            return new Copy(err, null);
        }
        if (size == 0) {
            return new Copy(0, new byte[0]);
        }
        if (Long.compareUnsigned(size, Xattr.XATTR_SIZE_MAX) > 0) {
            return new Copy(Errno.E2BIG.neg(), null);
        }
        if (value == null || value.accessibleLength() < size) {
            return new Copy(Errno.EFAULT.neg(), null);
        }
        return new Copy(0, value.read(0, (int) size));
    }

    /** {@code setxattr(path)}, {@code lsetxattr} ({@code follow} false) and {@code setxattrat}. */
    static long setxattrat(Task task, int dfd, String path, int atFlags, String name, UserBuffer value, long size,
            int flags, VfsBehaviour behaviour) {
        if (badAtFlags(atFlags)) {
            return Errno.EINVAL.neg();
        }
        Copy c = setxattrCopy(name, value, size, flags);
        if (c.err() < 0) {
            return c.err();
        }
        return onTarget(pathTarget(task, dfd, path, atFlags), inode -> doSetxattr(task, inode, name, c.value(), flags, behaviour));
    }

    /** {@code fsetxattr}: {@code path_setxattrat(fd, NULL, AT_EMPTY_PATH, ...)}, the descriptor after the name and value. */
    static long fsetxattr(Task task, int fd, String name, UserBuffer value, long size, int flags, VfsBehaviour behaviour) {
        Copy c = setxattrCopy(name, value, size, flags);
        if (c.err() < 0) {
            return c.err();
        }
        return onTarget(fdTarget(task, fd), inode -> doSetxattr(task, inode, name, c.value(), flags, behaviour));
    }

    /** {@code do_setxattr}: ACL names go to {@code do_set_acl}, others to {@code vfs_setxattr}. */
    private static long doSetxattr(Task task, Inode inode, String name, byte[] value, int flags, VfsBehaviour behaviour) {
        if (Xattr.isPosixAcl(name)) {
            return PosixAcls.doSetAcl(inode, name, value);
        }
        inode.lock().lock();
        try {
            long err = xattrPermission(task, inode, name, true);
            if (err == 0) {
                err = capInodeSetxattr(task, name);
            }
            if (err < 0) {
                return err;
            }
            XattrOperations ops = inode.sb().xattr();
            err = resolveName(ops, name, behaviour);
            return err < 0 ? err : ops.set(inode, name, value, flags);
        } finally {
            inode.lock().unlock();
        }
    }

    /** {@code cap_inode_setxattr}/{@code cap_inode_removexattr}: {@code security.} needs CAP_SYS_ADMIN. */
    private static long capInodeSetxattr(Task task, String name) {
        if (name.startsWith(Xattr.SECURITY_PREFIX) && !name.equals(Xattr.SECURITY_CAPABILITY)
                && !task.capable(Capability.CAP_SYS_ADMIN)) {
            return Errno.EPERM.neg();
        }
        return 0;
    }

    /**
     * {@code xattr_permission}: {@code security.} and {@code system.} are left to the filesystem;
     * {@code trusted.} needs CAP_SYS_ADMIN; {@code user.} is for regular files and directories.
     */
    static long xattrPermission(Task task, Inode inode, String name, boolean write) {
        if (name.startsWith(Xattr.SECURITY_PREFIX) || name.startsWith(Xattr.SYSTEM_PREFIX)) {
            return 0;
        }
        if (name.startsWith(Xattr.TRUSTED_PREFIX)) {
            if (!task.capable(Capability.CAP_SYS_ADMIN)) {
                return write ? Errno.EPERM.neg() : Errno.ENODATA.neg();
            }
            return 0;
        }
        if (name.startsWith(Xattr.USER_PREFIX) && !inode.isReg() && !inode.isDir()) {
            return write ? Errno.EPERM.neg() : Errno.ENODATA.neg();
        }
        return 0;
    }

    /**
     * {@code xattr_resolve_name}: EOPNOTSUPP without handlers or for a name no handler's prefix
     * starts; EINVAL for the bare prefix of a handler.
     */
    private static long resolveName(XattrOperations ops, String name, VfsBehaviour behaviour) {
        if (ops == null) {
            return Errno.EOPNOTSUPP.neg();
        }
        for (String prefix : List.of(Xattr.USER_PREFIX, Xattr.TRUSTED_PREFIX, Xattr.SECURITY_PREFIX)) {
            if (name.startsWith(prefix) && ops.hasHandler(prefix, behaviour)) {
                return name.length() == prefix.length() ? Errno.EINVAL.neg() : 0;
            }
        }
        return Errno.EOPNOTSUPP.neg();
    }

    // ---- get

    /** {@code getxattr(path)}, {@code lgetxattr} and {@code getxattrat}: the value's length, or an errno. */
    static long getxattrat(Task task, int dfd, String path, int atFlags, String name, UserBuffer value, long size,
            VfsBehaviour behaviour) {
        if (badAtFlags(atFlags)) {
            return Errno.EINVAL.neg();
        }
        long err = importName(name);
        if (err < 0) {
            return err;
        }
        return onTarget(pathTarget(task, dfd, path, atFlags), inode -> doGetxattr(task, inode, name, value, size, behaviour));
    }

    /** {@code fgetxattr}: {@code path_getxattrat(fd, NULL, AT_EMPTY_PATH, ...)}, the descriptor after the name. */
    static long fgetxattr(Task task, int fd, String name, UserBuffer value, long size, VfsBehaviour behaviour) {
        long err = importName(name);
        if (err < 0) {
            return err;
        }
        return onTarget(fdTarget(task, fd), inode -> doGetxattr(task, inode, name, value, size, behaviour));
    }

    /** {@code do_getxattr}: the size is cut to 64 KiB; size 0 asks for the length. */
    private static long doGetxattr(Task task, Inode inode, String name, UserBuffer value, long size, VfsBehaviour behaviour) {
        long max = Long.compareUnsigned(size, Xattr.XATTR_SIZE_MAX) > 0 ? Xattr.XATTR_SIZE_MAX : size;
        byte[] v;
        long err;
        if (Xattr.isPosixAcl(name)) {
            err = 0;
            v = null;
            long e = PosixAcls.getAclChecks(inode);
            if (e < 0) {
                err = e;
            } else {
                v = inode.sb().xattr().get(inode, name);
                if (v == null) {
                    err = Errno.ENODATA.neg();
                }
            }
        } else {
            err = xattrPermission(task, inode, name, false);
            XattrOperations ops = inode.sb().xattr();
            if (err == 0) {
                err = resolveName(ops, name, behaviour);
            }
            v = null;
            if (err == 0) {
                v = ops.get(inode, name);
                if (v == null) {
                    err = Errno.ENODATA.neg();
                }
            }
        }
        if (err < 0) {
            return err;
        }
        if (max == 0) {
            return v.length;
        }
        if (v.length > max) {
            return max >= Xattr.XATTR_SIZE_MAX ? Errno.E2BIG.neg() : Errno.ERANGE.neg();
        }
        if (value == null || value.accessibleLength() < v.length) {
            return Errno.EFAULT.neg();
        }
        value.write(0, v, 0, v.length);
        return v.length;
    }

    // ---- list

    /** {@code listxattr(path)}, {@code llistxattr} and {@code listxattrat}: the list's length, or an errno. */
    static long listxattrat(Task task, int dfd, String path, int atFlags, UserBuffer list, long size) {
        if (badAtFlags(atFlags)) {
            return Errno.EINVAL.neg();
        }
        return onTarget(pathTarget(task, dfd, path, atFlags), inode -> doListxattr(task, inode, list, size));
    }

    /** {@code flistxattr}. */
    static long flistxattr(Task task, int fd, UserBuffer list, long size) {
        return onTarget(fdTarget(task, fd), inode -> doListxattr(task, inode, list, size));
    }

    /**
     * {@code listxattr} + {@code vfs_listxattr}: NUL-terminated names; without handlers
     * {@code security_inode_listsecurity} lists nothing. {@code trusted.} names are listed for
     * CAP_SYS_ADMIN only (the handler's {@code list}).
     */
    private static long doListxattr(Task task, Inode inode, UserBuffer list, long size) {
        long max = Long.compareUnsigned(size, Xattr.XATTR_LIST_MAX) > 0 ? Xattr.XATTR_LIST_MAX : size;
        XattrOperations ops = inode.sb().xattr();
        if (ops == null) {
            return 0;
        }
        byte[] names;
        inode.lock().lock();
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            boolean trusted = task.capable(Capability.CAP_SYS_ADMIN);
            for (String n : ops.list(inode)) {
                if (n.startsWith(Xattr.TRUSTED_PREFIX) && !trusted) {
                    continue;
                }
                out.writeBytes(n.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            names = out.toByteArray();
        } finally {
            inode.lock().unlock();
        }
        if (max == 0) {
            return names.length;
        }
        if (names.length > max) {
            return max >= Xattr.XATTR_LIST_MAX ? Errno.E2BIG.neg() : Errno.ERANGE.neg();
        }
        if (names.length > 0 && (list == null || list.accessibleLength() < names.length)) {
            return Errno.EFAULT.neg();
        }
        if (names.length > 0) {
            list.write(0, names, 0, names.length);
        }
        return names.length;
    }

    // ---- remove

    /** {@code removexattr(path)}, {@code lremovexattr} and {@code removexattrat}. */
    static long removexattrat(Task task, int dfd, String path, int atFlags, String name, VfsBehaviour behaviour) {
        if (badAtFlags(atFlags)) {
            return Errno.EINVAL.neg();
        }
        long err = importName(name);
        if (err < 0) {
            return err;
        }
        return onTarget(pathTarget(task, dfd, path, atFlags), inode -> doRemovexattr(task, inode, name, behaviour));
    }

    /** {@code fremovexattr}: {@code path_removexattrat(fd, NULL, AT_EMPTY_PATH, ...)}, the descriptor after the name. */
    static long fremovexattr(Task task, int fd, String name, VfsBehaviour behaviour) {
        long err = importName(name);
        if (err < 0) {
            return err;
        }
        return onTarget(fdTarget(task, fd), inode -> doRemovexattr(task, inode, name, behaviour));
    }

    /** {@code removexattr}: ACLs through {@code vfs_remove_acl}; others {@code handler->set(NULL, XATTR_REPLACE)}. */
    private static long doRemovexattr(Task task, Inode inode, String name, VfsBehaviour behaviour) {
        if (Xattr.isPosixAcl(name)) {
            return PosixAcls.setPosixAcl(inode, name, null);
        }
        inode.lock().lock();
        try {
            long err = xattrPermission(task, inode, name, true);
            if (err == 0) {
                err = capInodeSetxattr(task, name);
            }
            if (err < 0) {
                return err;
            }
            XattrOperations ops = inode.sb().xattr();
            err = resolveName(ops, name, behaviour);
            return err < 0 ? err : ops.set(inode, name, null, Xattr.XATTR_REPLACE);
        } finally {
            inode.lock().unlock();
        }
    }
}
