package dev.kemu.vfs;

/**
 * What {@code statfs} reports about a mounted filesystem ({@code include/linux/statfs.h:struct kstatfs},
 * copied out as x86-64's {@code struct statfs}).
 *
 * @param type {@code f_type}, the filesystem's magic number ({@code include/uapi/linux/magic.h})
 * @param bsize {@code f_bsize}, the optimal transfer block size
 * @param blocks {@code f_blocks}, data blocks in {@code f_frsize} units
 * @param bfree {@code f_bfree}, free blocks
 * @param bavail {@code f_bavail}, free blocks an unprivileged user may take
 * @param files {@code f_files}, inodes
 * @param ffree {@code f_ffree}, free inodes
 * @param fsid {@code f_fsid} as one 64-bit value ({@code val[0]} in the low half)
 * @param namelen {@code f_namelen}, the longest name
 * @param frsize {@code f_frsize}, the fragment size
 * @param flags {@code f_flags}: {@code ST_VALID} and the mount flags ({@code ST_RDONLY}, {@code ST_RELATIME}...)
 */
public record Statfs(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree, long fsid,
        long namelen, long frsize, long flags) {
    /** {@code ST_RDONLY}. */
    public static final int ST_RDONLY = 0x0001;
    /** {@code ST_VALID}: {@code f_flags} is filled in (from 2.6.36). */
    public static final int ST_VALID = 0x0020;
    /** {@code ST_RELATIME}, the default atime mode of a mount. */
    public static final int ST_RELATIME = 0x1000;

    /** {@code RAMFS_MAGIC}. */
    public static final long RAMFS_MAGIC = 0x858458f6L;
    /** {@code TMPFS_MAGIC}. */
    public static final long TMPFS_MAGIC = 0x01021994L;
    /** {@code EXT4_SUPER_MAGIC} (shared by ext2 and ext3). */
    public static final long EXT4_SUPER_MAGIC = 0xEF53L;
    /** {@code PROC_SUPER_MAGIC}. */
    public static final long PROC_SUPER_MAGIC = 0x9fa0L;
    /** {@code SOCKFS_MAGIC}. */
    public static final long SOCKFS_MAGIC = 0x534F434BL;
    /** {@code PIPEFS_MAGIC}. */
    public static final long PIPEFS_MAGIC = 0x50495045L;

    /**
     * {@code fs/libfs.c:simple_statfs()}: the magic number, {@code PAGE_SIZE} blocks, {@code NAME_MAX}
     * names, every count zero, and {@code f_fsid} the superblock's device number
     * ({@code huge_encode_dev(s_dev)}, as 6.x fills it).
     */
    public static Statfs simple(long magic, SuperBlock sb) {
        return new Statfs(magic, Page.SIZE, 0, 0, 0, 0, 0, sb.dev() & 0xFFFFFFFFL, Fcntl.NAME_MAX, 0, 0);
    }

    /** The same values with {@code f_frsize} and {@code f_flags} as the VFS completes them. */
    public Statfs completed(long mountFlags) {
        return new Statfs(type, bsize, blocks, bfree, bavail, files, ffree, fsid, namelen, frsize == 0 ? bsize : frsize,
                flags | mountFlags);
    }
}
