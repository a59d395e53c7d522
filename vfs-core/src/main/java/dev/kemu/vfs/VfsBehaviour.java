package dev.kemu.vfs;

/**
 * The VFS-level behaviour that differs between kernel versions. A kernel plugin supplies it;
 * the defaults are the 6.18 behaviour.
 */
public interface VfsBehaviour {
    /**
     * {@code fs/fcntl.c:setfl()}: may {@code F_SETFL} turn on O_DIRECT for this file? Upstream
     * lets a FIFO toggle packet mode and asks regular files for direct I/O support
     * ({@code FMODE_CAN_ODIRECT}); 3.10 asks every file's {@code a_ops->direct_IO}, so a pipe
     * gets EINVAL there.
     */
    default boolean allowsODirect(File file) {
        return StatMode.isFifo(file.inode().mode()) || file.inode().mapping().aops().hasDirectIO();
    }

    /**
     * {@code fs/open.c:build_open_flags()}: {@code O_CREAT|O_DIRECTORY} is EINVAL before anything
     * is looked at (6.4 and later; before, the combination went on to the lookup).
     */
    default boolean rejectsCreatDirectory() {
        return true;
    }

    /**
     * {@code fs/attr.c:setattr_should_drop_sgid()}, which {@code fs/open.c:chown_common()} asks
     * from 6.2 ("attr: use consistent sgid stripping checks"): S_ISGID goes when S_IXGRP is set,
     * and also without S_IXGRP when the caller is neither in the file's group nor has
     * CAP_FSETID. Before, chown asked for {@code ATTR_KILL_SGID} unconditionally and
     * {@code notify_change} dropped S_ISGID only together with S_IXGRP. Root (in the group or
     * capable) sees no difference.
     */
    default boolean chownDropsSgidOutsideGroup() {
        return true;
    }

    /**
     * {@code mm/shmem.c:shmem_xattr_handlers}: tmpfs has a {@code user.} handler (6.6 and
     * later, commit "shmem: add support for user extended attributes"); before, user
     * attributes on tmpfs are EOPNOTSUPP.
     */
    default boolean shmemUserXattr() {
        return true;
    }

    /**
     * {@code fs/proc/proc_sysctl.c:proc_sys_file_operations}: sysctl files have
     * {@code .splice_read} and {@code .splice_write} ({@code generic_file_splice_read}, from 6.5
     * {@code copy_splice_read}, and {@code iter_file_splice_write}) from 5.10. They came with
     * commit 4bd6a7353ee1 "sysctl: Convert to iter interfaces", in the same set_fs pull of
     * 5.10-rc1 as 36e2c7421f02 "fs: don't allow splice read/write without explicit ops", so no
     * release answers EINVAL. Before, the files had only {@code .read} and {@code .write} and
     * splice went through {@code default_file_splice_read} and {@code default_file_splice_write}.
     */
    default boolean procSysSplice() {
        return true;
    }

    /** The 6.18 behaviour. */
    VfsBehaviour DEFAULT = new VfsBehaviour() {
    };
}
