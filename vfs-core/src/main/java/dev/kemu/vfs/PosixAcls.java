package dev.kemu.vfs;

import dev.kemu.vfs.spi.Iattr;
import dev.kemu.vfs.spi.XattrOperations;

/**
 * POSIX ACLs through the attribute calls ({@code fs/posix_acl.c:do_set_acl()},
 * {@code vfs_set_acl()}, {@code set_posix_acl()}, {@code vfs_remove_acl()}, {@code vfs_get_acl()},
 * {@code posix_acl_update_mode()}; the filesystems' {@code set_acl}, e.g.
 * {@code fs/ext4/acl.c:ext4_set_acl()}, {@code fs/posix_acl.c:simple_set_acl()}).
 *
 * <p>The ACL is checked as Linux checks it and kept by the filesystem as an attribute; an access
 * ACL that the mode says entirely is not kept, it only sets the mode. XATTR_CREATE and
 * XATTR_REPLACE mean nothing to ACLs. Deliberate divergences: ACLs do not take part in
 * permission checks (the caller is root), a default ACL is not inherited by new files, and
 * chmod does not rewrite a stored access ACL ({@code posix_acl_chmod}).
 */
final class PosixAcls {
    private PosixAcls() {
    }

    /** {@code vfs_get_acl}'s refusals: EOPNOTSUPP without {@code SB_POSIXACL} and for symbolic links. */
    static long getAclChecks(Inode inode) {
        XattrOperations ops = inode.sb().xattr();
        if (ops == null || !ops.posixAcl() || inode.isSymlink()) {
            return Errno.EOPNOTSUPP.neg();
        }
        return 0;
    }

    /** {@code do_set_acl}: an empty value or a header alone removes the ACL. */
    static long doSetAcl(Inode inode, String name, byte[] value) {
        PosixAclXattr acl = null;
        if (value.length > 0) {
            PosixAclXattr.Parsed p = PosixAclXattr.fromXattr(value);
            if (p.err() < 0) {
                return p.err();
            }
            acl = p.acl();
        }
        if (acl != null && acl.valid() < 0) {
            return acl.valid();
        }
        return setPosixAcl(inode, name, acl);
    }

    /**
     * {@code set_posix_acl} (also {@code vfs_remove_acl} with a null ACL): EOPNOTSUPP without ACL
     * support or for a symbolic link (no {@code set_acl}); a default ACL on a non-directory is
     * EACCES (removing one is a no-op).
     */
    static long setPosixAcl(Inode inode, String name, PosixAclXattr acl) {
        inode.lock().lock();
        try {
            XattrOperations ops = inode.sb().xattr();
            if (ops == null || !ops.posixAcl() || inode.isSymlink()) {
                return Errno.EOPNOTSUPP.neg();
            }
            if (name.equals(Xattr.POSIX_ACL_DEFAULT) && !inode.isDir()) {
                return acl != null ? Errno.EACCES.neg() : 0;
            }
            Integer mode = null;
            if (acl != null && name.equals(Xattr.POSIX_ACL_ACCESS)) {
                // posix_acl_update_mode: an ACL the mode says entirely is not stored
                PosixAclXattr.Equiv e = acl.equivMode(inode.mode());
                mode = e.mode();
                if (e.equivalent()) {
                    acl = null;
                }
            }
            int err = ops.set(inode, name, acl == null ? null : acl.toXattr(), 0);
            if (err < 0) {
                return err;
            }
            if (mode != null) {
                return inode.iop().setattr(inode, new Iattr(Iattr.ATTR_MODE | Iattr.ATTR_CTIME, mode, null, null, Timespec.now()));
            }
            return 0;
        } finally {
            inode.lock().unlock();
        }
    }
}
