package dev.kemu.vfs;

/**
 * Extended attribute constants ({@code include/uapi/linux/xattr.h}, {@code include/uapi/linux/limits.h},
 * {@code include/uapi/linux/posix_acl_xattr.h}).
 */
public final class Xattr {
    /** {@code XATTR_CREATE}: set only if the attribute does not exist (else EEXIST). */
    public static final int XATTR_CREATE = 0x1;
    /** {@code XATTR_REPLACE}: set only if the attribute exists (else ENODATA). */
    public static final int XATTR_REPLACE = 0x2;
    /** {@code XATTR_NAME_MAX}: the longest name, prefix included, in bytes. */
    public static final int XATTR_NAME_MAX = 255;
    /** {@code XATTR_SIZE_MAX}: the largest value. */
    public static final int XATTR_SIZE_MAX = 65536;
    /** {@code XATTR_LIST_MAX}: the largest list listxattr copies. */
    public static final int XATTR_LIST_MAX = 65536;

    public static final String USER_PREFIX = "user.";
    public static final String TRUSTED_PREFIX = "trusted.";
    public static final String SECURITY_PREFIX = "security.";
    public static final String SYSTEM_PREFIX = "system.";
    /** {@code XATTR_NAME_POSIX_ACL_ACCESS}. */
    public static final String POSIX_ACL_ACCESS = "system.posix_acl_access";
    /** {@code XATTR_NAME_POSIX_ACL_DEFAULT}. */
    public static final String POSIX_ACL_DEFAULT = "system.posix_acl_default";
    /** {@code XATTR_NAME_CAPS}. */
    public static final String SECURITY_CAPABILITY = "security.capability";

    private Xattr() {
    }

    /** {@code is_posix_acl_xattr}. */
    public static boolean isPosixAcl(String name) {
        return POSIX_ACL_ACCESS.equals(name) || POSIX_ACL_DEFAULT.equals(name);
    }
}
