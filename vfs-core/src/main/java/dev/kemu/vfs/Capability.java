package dev.kemu.vfs;

/**
 * The capabilities the model consults ({@code include/uapi/linux/capability.h}). Tasks start
 * with all of them, as root does ({@link Cred#ROOT}); a test drops one to see the unprivileged path.
 * The sets themselves are bit masks over every capability number ({@link Cred}).
 */
public enum Capability {
    /** {@code CAP_CHOWN} (0): give a file away, or to a group the caller is not in ({@code chown_ok}, {@code chgrp_ok}). */
    CAP_CHOWN(0),
    /** {@code CAP_FOWNER} (3): act as the owner of any file ({@code inode_owner_or_capable}). */
    CAP_FOWNER(3),
    /** {@code CAP_FSETID} (4): keep S_ISGID on a file of a group the caller is not in. */
    CAP_FSETID(4),
    /** {@code CAP_SETGID} (6): any group id with the setgid family, setgroups. */
    CAP_SETGID(6),
    /** {@code CAP_SETUID} (7): any user id with the setuid family and setfsuid. */
    CAP_SETUID(7),
    /** {@code CAP_SYS_ADMIN} (21). */
    CAP_SYS_ADMIN(21),
    /** {@code CAP_SYS_RESOURCE} (24): past {@code pipe-max-size} with F_SETPIPE_SZ, a full default ring. */
    CAP_SYS_RESOURCE(24),
    /** {@code CAP_MKNOD} (27): mknod of character and block devices. */
    CAP_MKNOD(27);

    private final int number;

    Capability(int number) {
        this.number = number;
    }

    /** The capability's number in the kernel's bit set. */
    public int number() {
        return number;
    }
}
