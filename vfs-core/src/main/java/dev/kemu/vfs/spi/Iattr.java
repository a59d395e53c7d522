package dev.kemu.vfs.spi;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Timespec;

/**
 * The attribute changes of one {@code notify_change} ({@code include/linux/fs.h:struct iattr}):
 * {@code valid} says which of the other fields count. Times are resolved (no UTIME_NOW or
 * UTIME_OMIT left); {@code ATTR_KILL_SUID}/{@code ATTR_KILL_SGID} have been turned into a mode by
 * the VFS before a filesystem sees the record.
 *
 * @param uid {@code ia_uid}, meaningful with {@link #ATTR_UID}
 * @param gid {@code ia_gid}, meaningful with {@link #ATTR_GID}
 */
public record Iattr(int valid, int mode, int uid, int gid, Timespec atime, Timespec mtime, Timespec ctime) {
    /** {@code ATTR_MODE}. */
    public static final int ATTR_MODE = 1;
    /** {@code ATTR_UID}. */
    public static final int ATTR_UID = 2;
    /** {@code ATTR_GID}. */
    public static final int ATTR_GID = 4;
    /** {@code ATTR_ATIME}. */
    public static final int ATTR_ATIME = 16;
    /** {@code ATTR_MTIME}. */
    public static final int ATTR_MTIME = 32;
    /** {@code ATTR_CTIME}. */
    public static final int ATTR_CTIME = 64;
    /** {@code ATTR_KILL_SUID}: drop S_ISUID if set. */
    public static final int ATTR_KILL_SUID = 0x800;
    /** {@code ATTR_KILL_SGID}: drop S_ISGID if set. */
    public static final int ATTR_KILL_SGID = 0x1000;

    public Iattr {
        if ((valid & ATTR_ATIME) != 0 && atime == null || (valid & ATTR_MTIME) != 0 && mtime == null
                || (valid & ATTR_CTIME) != 0 && ctime == null) {
            throw new IllegalArgumentException("a valid time must be given");
        }
    }

    /** A change of mode and times only (no owners). */
    public Iattr(int valid, int mode, Timespec atime, Timespec mtime, Timespec ctime) {
        this(valid, mode, -1, -1, atime, mtime, ctime);
    }

    public boolean has(int attr) {
        return (valid & attr) != 0;
    }

    /** True when the owner or the group changes ({@code ATTR_UID|ATTR_GID}). */
    public boolean changesOwner() {
        return has(ATTR_UID | ATTR_GID);
    }

    /** {@code fs/attr.c:setattr_copy()}: copies the valid fields into the VFS inode. */
    public void copyTo(Inode inode) {
        inode.setOwner(has(ATTR_UID) ? uid : -1, has(ATTR_GID) ? gid : -1);
        if (has(ATTR_MODE)) {
            inode.setMode((inode.mode() & StatMode.S_IFMT) | (mode & StatMode.S_IALLUGO));
        }
        inode.setTimes(has(ATTR_ATIME) ? atime : null, has(ATTR_MTIME) ? mtime : null, has(ATTR_CTIME) ? ctime : null);
    }
}
