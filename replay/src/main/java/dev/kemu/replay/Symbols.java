package dev.kemu.replay;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.StatMode;
import java.util.HashMap;
import java.util.Map;

/**
 * The symbolic constants strace prints for the modelled calls, with their x86-64 values
 * (strace's xlat tables for open flags, *at flags, lseek whence, fcntl commands, splice flags
 * and file types).
 */
final class Symbols {
    private Symbols() {
    }

    static final int SPLICE_F_MOVE = 1;
    static final int SPLICE_F_NONBLOCK = 2;
    static final int SPLICE_F_MORE = 4;
    static final int SPLICE_F_GIFT = 8;

    private static final Map<String, Long> VALUES = new HashMap<>();

    /** Open flags in the order strace prints them (access mode first). */
    static final String[][] OPEN_FLAGS = {
        {"O_CREAT", "" + Fcntl.O_CREAT}, {"O_EXCL", "" + Fcntl.O_EXCL}, {"O_NOCTTY", "" + Fcntl.O_NOCTTY},
        {"O_TRUNC", "" + Fcntl.O_TRUNC}, {"O_APPEND", "" + Fcntl.O_APPEND}, {"O_NONBLOCK", "" + Fcntl.O_NONBLOCK},
        {"O_DSYNC", "" + Fcntl.O_DSYNC}, {"O_ASYNC", "" + Fcntl.FASYNC}, {"O_DIRECT", "" + Fcntl.O_DIRECT},
        {"O_LARGEFILE", "" + Fcntl.O_LARGEFILE}, {"O_DIRECTORY", "" + Fcntl.O_DIRECTORY},
        {"O_NOFOLLOW", "" + Fcntl.O_NOFOLLOW}, {"O_NOATIME", "" + Fcntl.O_NOATIME},
        {"O_CLOEXEC", "" + Fcntl.O_CLOEXEC}, {"O_PATH", "" + Fcntl.O_PATH},
    };

    static {
        put("O_RDONLY", Fcntl.O_RDONLY);
        put("O_WRONLY", Fcntl.O_WRONLY);
        put("O_RDWR", Fcntl.O_RDWR);
        put("O_ACCMODE", Fcntl.O_ACCMODE);
        for (String[] f : OPEN_FLAGS) {
            put(f[0], Long.parseLong(f[1]));
        }
        put("O_SYNC", Fcntl.O_SYNC);
        put("O_TMPFILE", Fcntl.O_TMPFILE);
        put("O_NDELAY", Fcntl.O_NONBLOCK);
        put("O_FSYNC", Fcntl.O_SYNC);
        put("AT_FDCWD", Fcntl.AT_FDCWD);
        put("AT_SYMLINK_NOFOLLOW", Fcntl.AT_SYMLINK_NOFOLLOW);
        put("AT_REMOVEDIR", Fcntl.AT_REMOVEDIR);
        put("AT_SYMLINK_FOLLOW", Fcntl.AT_SYMLINK_FOLLOW);
        put("AT_NO_AUTOMOUNT", Fcntl.AT_NO_AUTOMOUNT);
        put("AT_EMPTY_PATH", Fcntl.AT_EMPTY_PATH);
        put("AT_STATX_FORCE_SYNC", 0x2000);
        put("AT_STATX_DONT_SYNC", 0x4000);
        put("SEEK_SET", Fcntl.SEEK_SET);
        put("SEEK_CUR", Fcntl.SEEK_CUR);
        put("SEEK_END", Fcntl.SEEK_END);
        put("SEEK_DATA", Fcntl.SEEK_DATA);
        put("SEEK_HOLE", Fcntl.SEEK_HOLE);
        put("F_DUPFD", Fcntl.F_DUPFD);
        put("F_GETFD", Fcntl.F_GETFD);
        put("F_SETFD", Fcntl.F_SETFD);
        put("F_GETFL", Fcntl.F_GETFL);
        put("F_SETFL", Fcntl.F_SETFL);
        put("F_DUPFD_CLOEXEC", Fcntl.F_DUPFD_CLOEXEC);
        put("F_SETPIPE_SZ", Fcntl.F_SETPIPE_SZ);
        put("F_GETPIPE_SZ", Fcntl.F_GETPIPE_SZ);
        put("FD_CLOEXEC", Fcntl.FD_CLOEXEC);
        put("SPLICE_F_MOVE", SPLICE_F_MOVE);
        put("SPLICE_F_NONBLOCK", SPLICE_F_NONBLOCK);
        put("SPLICE_F_MORE", SPLICE_F_MORE);
        put("SPLICE_F_GIFT", SPLICE_F_GIFT);
        put("S_IFREG", StatMode.S_IFREG);
        put("S_IFDIR", StatMode.S_IFDIR);
        put("S_IFIFO", StatMode.S_IFIFO);
        put("S_IFCHR", StatMode.S_IFCHR);
        put("S_IFBLK", StatMode.S_IFBLK);
        put("S_IFLNK", StatMode.S_IFLNK);
        put("S_IFSOCK", StatMode.S_IFSOCK);
        put("S_ISUID", 04000);
        put("S_ISGID", 02000);
        put("S_ISVTX", 01000);
    }

    private static void put(String name, long value) {
        VALUES.put(name, value);
    }

    /** The value of one constant, or null. */
    static Long value(String name) {
        return VALUES.get(name);
    }

    /** {@code O_WRONLY|O_LARGEFILE} for a status-flags word, as strace prints F_GETFL results. */
    static String openFlagNames(long flags) {
        StringBuilder sb = new StringBuilder();
        int acc = (int) (flags & Fcntl.O_ACCMODE);
        sb.append(acc == Fcntl.O_RDONLY ? "O_RDONLY" : acc == Fcntl.O_WRONLY ? "O_WRONLY" : acc == Fcntl.O_RDWR ? "O_RDWR" : "O_ACCMODE");
        long rest = flags & ~Fcntl.O_ACCMODE;
        for (String[] f : OPEN_FLAGS) {
            long v = Long.parseLong(f[1]);
            if ((rest & v) == v && v != 0) {
                sb.append('|').append(f[0]);
                rest &= ~v;
            }
        }
        if (rest != 0) {
            sb.append("|0x").append(Long.toHexString(rest));
        }
        return sb.toString();
    }

    /** {@code S_IFREG|0644} for a mode, as strace prints st_mode. */
    static String modeNames(int mode) {
        String type;
        switch (mode & StatMode.S_IFMT) {
            case StatMode.S_IFREG: type = "S_IFREG"; break;
            case StatMode.S_IFDIR: type = "S_IFDIR"; break;
            case StatMode.S_IFIFO: type = "S_IFIFO"; break;
            case StatMode.S_IFCHR: type = "S_IFCHR"; break;
            case StatMode.S_IFBLK: type = "S_IFBLK"; break;
            case StatMode.S_IFLNK: type = "S_IFLNK"; break;
            case StatMode.S_IFSOCK: type = "S_IFSOCK"; break;
            default: type = "0" + Integer.toOctalString(mode & StatMode.S_IFMT); break;
        }
        return type + "|0" + Integer.toOctalString(mode & 07777);
    }
}
