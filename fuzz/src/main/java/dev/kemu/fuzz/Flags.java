package dev.kemu.fuzz;

import dev.kemu.vfs.Fcntl;

/**
 * Flag words and constants as strace prints them (its xlat tables for open flags, splice flags,
 * {@code *at} flags, lseek whence and fcntl commands); bits without a name are printed in hex,
 * {@code O_RDONLY|0x40000000}, which the replayer reads back to the same value.
 */
final class Flags {
    static final int SPLICE_F_MOVE = 1;
    static final int SPLICE_F_NONBLOCK = 2;
    static final int SPLICE_F_MORE = 4;
    static final int SPLICE_F_GIFT = 8;

    private static final Object[][] OPEN = {
        {Fcntl.O_CREAT, "O_CREAT"}, {Fcntl.O_EXCL, "O_EXCL"}, {Fcntl.O_NOCTTY, "O_NOCTTY"}, {Fcntl.O_TRUNC, "O_TRUNC"},
        {Fcntl.O_APPEND, "O_APPEND"}, {Fcntl.O_NONBLOCK, "O_NONBLOCK"}, {Fcntl.O_SYNC, "O_SYNC"}, {Fcntl.O_DSYNC, "O_DSYNC"},
        {Fcntl.FASYNC, "O_ASYNC"}, {Fcntl.O_DIRECT, "O_DIRECT"}, {Fcntl.O_LARGEFILE, "O_LARGEFILE"},
        {Fcntl.O_TMPFILE, "O_TMPFILE"}, {Fcntl.O_DIRECTORY, "O_DIRECTORY"}, {Fcntl.O_NOFOLLOW, "O_NOFOLLOW"},
        {Fcntl.O_NOATIME, "O_NOATIME"}, {Fcntl.O_CLOEXEC, "O_CLOEXEC"}, {Fcntl.O_PATH, "O_PATH"},
    };
    private static final Object[][] SPLICE = {
        {SPLICE_F_MOVE, "SPLICE_F_MOVE"}, {SPLICE_F_NONBLOCK, "SPLICE_F_NONBLOCK"}, {SPLICE_F_MORE, "SPLICE_F_MORE"},
        {SPLICE_F_GIFT, "SPLICE_F_GIFT"},
    };
    private static final Object[][] AT = {
        {Fcntl.AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW"}, {Fcntl.AT_REMOVEDIR, "AT_REMOVEDIR"},
        {Fcntl.AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT"}, {Fcntl.AT_EMPTY_PATH, "AT_EMPTY_PATH"},
    };
    private static final Object[][] PIPE = {
        {Fcntl.O_NONBLOCK, "O_NONBLOCK"}, {Fcntl.O_DIRECT, "O_DIRECT"}, {Fcntl.O_CLOEXEC, "O_CLOEXEC"},
    };
    private static final String[] WHENCE = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"};

    private Flags() {
    }

    /**
     * Open flags: the access mode, then the flags, then unknown bits. Access mode 3, which strace
     * calls {@code O_ACCMODE}, is written {@code O_WRONLY|O_RDWR} (the same bits), a form the
     * replayer reads.
     */
    static String open(long flags) {
        int acc = (int) (flags & Fcntl.O_ACCMODE);
        String mode = acc == Fcntl.O_RDONLY ? "O_RDONLY" : acc == Fcntl.O_WRONLY ? "O_WRONLY" : acc == Fcntl.O_RDWR ? "O_RDWR"
                : "O_WRONLY|O_RDWR";
        String rest = names(flags & ~Fcntl.O_ACCMODE & 0xFFFFFFFFL, OPEN, null);
        return rest == null ? mode : mode + "|" + rest;
    }

    static String splice(long flags) {
        return names(flags & 0xFFFFFFFFL, SPLICE, "0");
    }

    static String at(long flags) {
        return names(flags & 0xFFFFFFFFL, AT, "0");
    }

    /** Flags of pipe2 and dup3. */
    static String pipe(long flags) {
        return names(flags & 0xFFFFFFFFL, PIPE, "0");
    }

    static String whence(long w) {
        return w >= 0 && w < WHENCE.length ? WHENCE[(int) w] : Long.toString(w);
    }

    /** An fcntl command by name, or its number. */
    static String fcntlCmd(int cmd) {
        switch (cmd) {
            case Fcntl.F_DUPFD: return "F_DUPFD";
            case Fcntl.F_GETFD: return "F_GETFD";
            case Fcntl.F_SETFD: return "F_SETFD";
            case Fcntl.F_GETFL: return "F_GETFL";
            case Fcntl.F_SETFL: return "F_SETFL";
            case Fcntl.F_DUPFD_CLOEXEC: return "F_DUPFD_CLOEXEC";
            case Fcntl.F_SETPIPE_SZ: return "F_SETPIPE_SZ";
            case Fcntl.F_GETPIPE_SZ: return "F_GETPIPE_SZ";
            default: return Integer.toString(cmd);
        }
    }

    /** A mode as strace prints it, in octal ({@code %#03o}: {@code 000}, {@code 0644}). */
    static String mode(long mode) {
        String o = "0" + Long.toOctalString(mode & 0xFFFFFFFFL);
        return o.length() < 3 ? "0".repeat(3 - o.length()) + o : o;
    }

    private static String names(long flags, Object[][] table, String zero) {
        StringBuilder sb = new StringBuilder();
        long rest = flags;
        for (Object[] f : table) {
            long v = ((Integer) f[0]).longValue();
            if (v != 0 && (rest & v) == v) {
                sb.append(sb.length() == 0 ? "" : "|").append(f[1]);
                rest &= ~v;
            }
        }
        if (rest != 0) {
            sb.append(sb.length() == 0 ? "" : "|").append("0x").append(Long.toHexString(rest));
        }
        return sb.length() == 0 ? zero : sb.toString();
    }
}
