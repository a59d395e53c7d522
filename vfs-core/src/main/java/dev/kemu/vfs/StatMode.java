package dev.kemu.vfs;

/** File type and permission bits of {@code st_mode} ({@code include/uapi/linux/stat.h}). */
public final class StatMode {
    private StatMode() {
    }

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    public static final int S_IALLUGO = 07777;
    /** {@code S_ISUID}: set-user-ID. */
    public static final int S_ISUID = 04000;
    /** {@code S_ISGID}: set-group-ID (mandatory locking without S_IXGRP). */
    public static final int S_ISGID = 02000;
    /** {@code S_IXGRP}: group execute. */
    public static final int S_IXGRP = 00010;

    public static boolean isSock(int mode) {
        return (mode & S_IFMT) == S_IFSOCK;
    }

    public static boolean isReg(int mode) {
        return (mode & S_IFMT) == S_IFREG;
    }

    public static boolean isDir(int mode) {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public static boolean isFifo(int mode) {
        return (mode & S_IFMT) == S_IFIFO;
    }

    public static boolean isBlk(int mode) {
        return (mode & S_IFMT) == S_IFBLK;
    }

    public static boolean isChr(int mode) {
        return (mode & S_IFMT) == S_IFCHR;
    }

    public static boolean isLnk(int mode) {
        return (mode & S_IFMT) == S_IFLNK;
    }
}
