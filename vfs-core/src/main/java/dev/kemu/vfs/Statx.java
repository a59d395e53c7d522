package dev.kemu.vfs;

/**
 * The fields of {@code struct statx} the model has ({@code include/uapi/linux/stat.h}), as
 * {@code fs/stat.c:cp_statx()} copies them out.
 *
 * @param mask {@code stx_mask}: which fields the filesystem filled ({@code STATX_*})
 * @param blocks {@code stx_blocks} in 512-byte units
 */
public record Statx(int mask, int blksize, int nlink, int uid, int gid, int mode, long ino, long size, long blocks,
        int devMajor, int devMinor) {
    public static final int STATX_TYPE = 0x0001;
    public static final int STATX_MODE = 0x0002;
    public static final int STATX_NLINK = 0x0004;
    public static final int STATX_UID = 0x0008;
    public static final int STATX_GID = 0x0010;
    public static final int STATX_ATIME = 0x0020;
    public static final int STATX_MTIME = 0x0040;
    public static final int STATX_CTIME = 0x0080;
    public static final int STATX_INO = 0x0100;
    public static final int STATX_SIZE = 0x0200;
    public static final int STATX_BLOCKS = 0x0400;
    /** {@code STATX_BASIC_STATS}: what {@code stat} gives. */
    public static final int STATX_BASIC_STATS = 0x07ff;
    public static final int STATX_BTIME = 0x0800;
    /** {@code STATX_MNT_ID}, reported by every call from 5.8. */
    public static final int STATX_MNT_ID = 0x1000;
    /** {@code STATX__RESERVED}: a request with this bit is EINVAL. */
    public static final int STATX__RESERVED = 0x80000000;

    /** {@code AT_STATX_SYNC_AS_STAT}. */
    public static final int AT_STATX_SYNC_AS_STAT = 0x0000;
    /** {@code AT_STATX_FORCE_SYNC}. */
    public static final int AT_STATX_FORCE_SYNC = 0x2000;
    /** {@code AT_STATX_DONT_SYNC}. */
    public static final int AT_STATX_DONT_SYNC = 0x4000;

    /** The same fields with {@code bits} added to {@code stx_mask}. */
    public Statx withMaskBits(int bits) {
        return new Statx(mask | bits, blksize, nlink, uid, gid, mode, ino, size, blocks, devMajor, devMinor);
    }
}
