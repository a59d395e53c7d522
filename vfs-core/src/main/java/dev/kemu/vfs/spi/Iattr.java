package dev.kemu.vfs.spi;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Timespec;

/**
 * The attribute changes of one {@code notify_change} ({@code include/linux/fs.h:struct iattr}):
 * {@code valid} says which of the other fields count. Times are resolved (no UTIME_NOW or
 * UTIME_OMIT left).
 */
public record Iattr(int valid, int mode, Timespec atime, Timespec mtime, Timespec ctime) {
    /** {@code ATTR_MODE}. */
    public static final int ATTR_MODE = 1;
    /** {@code ATTR_ATIME}. */
    public static final int ATTR_ATIME = 16;
    /** {@code ATTR_MTIME}. */
    public static final int ATTR_MTIME = 32;
    /** {@code ATTR_CTIME}. */
    public static final int ATTR_CTIME = 64;

    public Iattr {
        if ((valid & ATTR_ATIME) != 0 && atime == null || (valid & ATTR_MTIME) != 0 && mtime == null
                || (valid & ATTR_CTIME) != 0 && ctime == null) {
            throw new IllegalArgumentException("a valid time must be given");
        }
    }

    public boolean has(int attr) {
        return (valid & attr) != 0;
    }

    /** {@code fs/attr.c:setattr_copy()}: copies the valid fields into the VFS inode. */
    public void copyTo(Inode inode) {
        if (has(ATTR_MODE)) {
            inode.setMode((inode.mode() & StatMode.S_IFMT) | (mode & StatMode.S_IALLUGO));
        }
        inode.setTimes(has(ATTR_ATIME) ? atime : null, has(ATTR_MTIME) ? mtime : null, has(ATTR_CTIME) ? ctime : null);
    }
}
