package dev.kemu.vfs.spi;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.VfsBehaviour;
import java.util.List;

/**
 * A filesystem's extended attributes as {@code fs/xattr.c} reaches them: the handler table
 * ({@code sb->s_xattr}, {@code struct xattr_handler}), {@code i_op->listxattr}, and
 * {@code SB_POSIXACL} with {@code i_op->set_acl}/{@code get_acl}, whose ACLs the filesystem keeps
 * as attributes. A superblock without this table has no {@code IOP_XATTR}: every name is
 * EOPNOTSUPP and the list is empty (ramfs, procfs).
 *
 * <p>The VFS has resolved the name to a handler, checked the namespace
 * ({@code xattr_permission}), the capability checks, and for ACLs the value
 * ({@code posix_acl_from_xattr}, {@code posix_acl_valid}) and the mode change; names are full
 * names ({@code user.foo}, {@code system.posix_acl_access}), ACL values are in the
 * {@code posix_acl_xattr} format with ids only for ACL_USER and ACL_GROUP entries. Calls are
 * made with the inode's lock held.
 */
public interface XattrOperations {
    /**
     * Is there a handler for the namespace {@code prefix} ({@code user.}, {@code trusted.},
     * {@code security.}) on this kernel? {@code behaviour} carries the version switches.
     */
    boolean hasHandler(String prefix, VfsBehaviour behaviour);

    /** {@code SB_POSIXACL}: the filesystem stores POSIX ACLs (ext4's {@code acl} option). */
    default boolean posixAcl() {
        return false;
    }

    /** {@code handler->get}: the value of {@code name}, or null when it is absent (ENODATA). */
    byte[] get(Inode inode, String name);

    /**
     * {@code handler->set}: sets {@code name} to {@code value}, or removes it when {@code value}
     * is null. {@code flags}: {@code XATTR_CREATE} (EEXIST if present), {@code XATTR_REPLACE}
     * (ENODATA if absent; removexattr passes it). 0 or a negated errno: EEXIST, ENODATA, ENOSPC
     * when the filesystem has no room, E2BIG past its largest value. Success changes ctime.
     */
    int set(Inode inode, String name, byte[] value, int flags);

    /** {@code i_op->listxattr}: every name the inode has, in the filesystem's order. */
    List<String> list(Inode inode);
}
