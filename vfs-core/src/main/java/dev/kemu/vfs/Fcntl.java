package dev.kemu.vfs;

/**
 * The x86-64 values of open flags, fcntl commands and {@code *at} flags
 * ({@code include/uapi/asm-generic/fcntl.h}, {@code include/uapi/linux/fcntl.h}).
 */
public final class Fcntl {
    private Fcntl() {
    }

    public static final int O_ACCMODE = 0003;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int FASYNC = 020000;
    public static final int O_DIRECT = 040000;
    public static final int O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_SYNC = 04000000 | O_DSYNC;
    public static final int O_PATH = 010000000;
    public static final int O_TMPFILE = 020000000 | O_DIRECTORY;

    /** fs/open.c: the flags open(2) knows; {@code VALID_OPEN_FLAGS}. */
    public static final int VALID_OPEN_FLAGS = O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY
            | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY
            | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE | O_SYNC;

    /**
     * {@code arch/x86/include/asm/page_64_types.h:TASK_SIZE_MAX} with 4-level paging: the end of
     * user space; {@code access_ok} refuses a range reaching past it.
     */
    public static final long TASK_SIZE_MAX = (1L << 47) - Page.SIZE;

    /**
     * Where the model places a user buffer, for {@code access_ok}: a typical low user address.
     * Only ranges long enough to reach past {@link #TASK_SIZE_MAX} from here fault.
     */
    public static final long USER_BUFFER_ADDRESS = 0x10000;

    public static final int F_DUPFD = 0;
    public static final int F_GETFD = 1;
    public static final int F_SETFD = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int F_SETPIPE_SZ = 1031;
    public static final int F_GETPIPE_SZ = 1032;
    public static final int FD_CLOEXEC = 1;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;
    public static final int AT_NO_AUTOMOUNT = 0x800;
    public static final int AT_EMPTY_PATH = 0x1000;
    public static final int AT_STATX_SYNC_TYPE = 0x6000;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    public static final int SEEK_DATA = 3;
    public static final int SEEK_HOLE = 4;

    /** include/linux/limits.h */
    public static final int PATH_MAX = 4096;
    public static final int NAME_MAX = 255;
    /** include/uapi/linux/uio.h: UIO_MAXIOV */
    public static final int IOV_MAX = 1024;
    /** include/linux/fs.h: MAX_RW_COUNT = INT_MAX &amp; PAGE_MASK */
    public static final long MAX_RW_COUNT = Integer.MAX_VALUE & ~(Page.SIZE - 1L);
}
