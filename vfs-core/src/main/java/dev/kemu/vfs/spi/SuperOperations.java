package dev.kemu.vfs.spi;

import dev.kemu.vfs.SuperBlock;

/** Superblock-wide operations ({@code include/linux/fs.h:struct super_operations}). */
public interface SuperOperations {
    /** {@code sync_fs}: writes back everything dirty. 0 or a negated errno. */
    default int syncFs(SuperBlock sb) {
        return 0;
    }

    /** {@code put_super}: the filesystem is unmounted. */
    default void putSuper(SuperBlock sb) {
    }
}
