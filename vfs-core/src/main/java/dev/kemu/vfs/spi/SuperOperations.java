package dev.kemu.vfs.spi;

import dev.kemu.vfs.SuperBlock;

/** Superblock-wide operations ({@code include/linux/fs.h:struct super_operations}). */
public interface SuperOperations {
    /** {@code sync_fs}: writes back everything dirty. 0 or a negated errno. */
    default int syncFs(SuperBlock sb) {
        return 0;
    }

    /**
     * A consistency check of the filesystem's structures (what e2fsck does for ext4), after
     * writing back what is dirty. The problems found, or an empty list when it is consistent (or
     * when the filesystem has no structures to check).
     */
    default java.util.List<String> check(SuperBlock sb) {
        return java.util.List.of();
    }

    /**
     * {@code statfs}: the filesystem's counts ({@code f_frsize} 0 means {@code f_bsize};
     * {@code f_flags} gets the mount's flags from the VFS). Null when the filesystem has no such
     * method (the call is then ENOSYS, as {@code fs/statfs.c:statfs_by_dentry()} answers).
     */
    default dev.kemu.vfs.Statfs statfs(SuperBlock sb) {
        return null;
    }

    /** {@code put_super}: the filesystem is unmounted. */
    default void putSuper(SuperBlock sb) {
    }
}
