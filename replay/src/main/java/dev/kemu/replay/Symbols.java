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
        // include/uapi/linux/sched.h
        String[] clone = {"CLONE_NEWTIME", "CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND", "CLONE_PIDFD",
            "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM",
            "CLONE_SETTLS", "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID", "CLONE_DETACHED", "CLONE_UNTRACED",
            "CLONE_CHILD_SETTID", "CLONE_NEWCGROUP", "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID",
            "CLONE_NEWNET", "CLONE_IO", "CLONE_CLEAR_SIGHAND", "CLONE_INTO_CGROUP"};
        for (int i = 0; i < clone.length; i++) {
            VALUES.put(clone[i], 0x80L << i);
        }
        // include/uapi/linux/wait.h
        put("WNOHANG", dev.kemu.vfs.Wait.WNOHANG);
        put("WUNTRACED", dev.kemu.vfs.Wait.WUNTRACED);
        put("WSTOPPED", dev.kemu.vfs.Wait.WSTOPPED);
        put("WEXITED", dev.kemu.vfs.Wait.WEXITED);
        put("WCONTINUED", dev.kemu.vfs.Wait.WCONTINUED);
        put("WNOWAIT", dev.kemu.vfs.Wait.WNOWAIT);
        put("__WNOTHREAD", dev.kemu.vfs.Wait.__WNOTHREAD);
        put("__WALL", dev.kemu.vfs.Wait.__WALL);
        VALUES.put("__WCLONE", 0x80000000L);
        put("P_ALL", dev.kemu.vfs.Wait.P_ALL);
        put("P_PID", dev.kemu.vfs.Wait.P_PID);
        put("P_PGID", dev.kemu.vfs.Wait.P_PGID);
        put("P_PIDFD", 3);
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
        // access(2) modes and flags
        put("F_OK", 0);
        put("R_OK", 4);
        put("W_OK", 2);
        put("X_OK", 1);
        put("AT_EACCESS", 0x200);
        put("AT_STATX_SYNC_AS_STAT", 0);
        put("AT_STATX_SYNC_TYPE", 0x6000);
        put("AT_RECURSIVE", 0x8000);
        // renameat2
        put("RENAME_NOREPLACE", 1);
        put("RENAME_EXCHANGE", 2);
        put("RENAME_WHITEOUT", 4);
        // fallocate
        put("FALLOC_FL_KEEP_SIZE", 0x01);
        put("FALLOC_FL_PUNCH_HOLE", 0x02);
        put("FALLOC_FL_NO_HIDE_STALE", 0x04);
        put("FALLOC_FL_COLLAPSE_RANGE", 0x08);
        put("FALLOC_FL_ZERO_RANGE", 0x10);
        put("FALLOC_FL_INSERT_RANGE", 0x20);
        put("FALLOC_FL_UNSHARE_RANGE", 0x40);
        put("FALLOC_FL_WRITE_ZEROES", 0x80);
        // close_range
        put("CLOSE_RANGE_UNSHARE", 2);
        put("CLOSE_RANGE_CLOEXEC", 4);
        // resource limits (include/uapi/asm-generic/resource.h)
        String[] rlimits = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
            "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};
        for (int i = 0; i < rlimits.length; i++) {
            put(rlimits[i], i);
        }
        put("RLIM_INFINITY", -1);
        put("RLIM64_INFINITY", -1);
        // fadvise
        put("POSIX_FADV_NORMAL", 0);
        put("POSIX_FADV_RANDOM", 1);
        put("POSIX_FADV_SEQUENTIAL", 2);
        put("POSIX_FADV_WILLNEED", 3);
        put("POSIX_FADV_DONTNEED", 4);
        put("POSIX_FADV_NOREUSE", 5);
        // memfd_create
        put("MFD_CLOEXEC", 1);
        put("MFD_ALLOW_SEALING", 2);
        put("MFD_HUGETLB", 4);
        put("MFD_NOEXEC_SEAL", 8);
        put("MFD_EXEC", 0x10);
        // mmap and friends (include/uapi/asm-generic/mman-common.h, x86-64)
        put("PROT_NONE", 0);
        put("PROT_READ", 1);
        put("PROT_WRITE", 2);
        put("PROT_EXEC", 4);
        put("PROT_SEM", 8);
        put("PROT_GROWSDOWN", 0x01000000);
        put("PROT_GROWSUP", 0x02000000);
        put("MAP_SHARED", 1);
        put("MAP_PRIVATE", 2);
        put("MAP_SHARED_VALIDATE", 3);
        put("MAP_FIXED", 0x10);
        put("MAP_ANONYMOUS", 0x20);
        put("MAP_32BIT", 0x40);
        put("MAP_GROWSDOWN", 0x100);
        put("MAP_DENYWRITE", 0x800);
        put("MAP_EXECUTABLE", 0x1000);
        put("MAP_LOCKED", 0x2000);
        put("MAP_NORESERVE", 0x4000);
        put("MAP_POPULATE", 0x8000);
        put("MAP_NONBLOCK", 0x10000);
        put("MAP_STACK", 0x20000);
        put("MAP_HUGETLB", 0x40000);
        put("MAP_SYNC", 0x80000);
        put("MAP_FIXED_NOREPLACE", 0x100000);
        put("MREMAP_MAYMOVE", 1);
        put("MREMAP_FIXED", 2);
        put("MREMAP_DONTUNMAP", 4);
        put("MS_ASYNC", 1);
        put("MS_INVALIDATE", 2);
        put("MS_SYNC", 4);
        String[] madv = {"MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED", "MADV_DONTNEED"};
        for (int i = 0; i < madv.length; i++) {
            put(madv[i], i);
        }
        String[] madv8 = {"MADV_FREE", "MADV_REMOVE", "MADV_DONTFORK", "MADV_DOFORK", "MADV_MERGEABLE",
            "MADV_UNMERGEABLE", "MADV_HUGEPAGE", "MADV_NOHUGEPAGE", "MADV_DONTDUMP", "MADV_DODUMP", "MADV_WIPEONFORK",
            "MADV_KEEPONFORK", "MADV_COLD", "MADV_PAGEOUT", "MADV_POPULATE_READ", "MADV_POPULATE_WRITE",
            "MADV_DONTNEED_LOCKED", "MADV_COLLAPSE"};
        for (int i = 0; i < madv8.length; i++) {
            put(madv8[i], 8 + i);
        }
        // file ioctls (include/uapi/linux/fs.h, asm-generic/ioctls.h)
        put("FICLONE", 0x40049409L);
        put("FICLONERANGE", 0x4020940dL);
        put("FIDEDUPERANGE", 0xc0189436L);
        put("FIONREAD", 0x541b);
        put("FIONBIO", 0x5421);
        put("FIOCLEX", 0x5451);
        put("FIONCLEX", 0x5450);
        put("FIOASYNC", 0x5452);
        put("FIOQSIZE", 0x5460);
        put("FS_IOC_GETFLAGS", 0x80086601L);
        put("FS_IOC_SETFLAGS", 0x40086602L);
        put("FS_IOC_GETVERSION", 0x80087601L);
        put("FS_IOC_FIEMAP", 0xc020660bL);
        put("FS_IOC_FSGETXATTR", 0x801c581fL);
        put("TCGETS", 0x5401);
        put("TIOCGWINSZ", 0x5413);
        // statx masks
        put("STATX_TYPE", 0x1);
        put("STATX_MODE", 0x2);
        put("STATX_NLINK", 0x4);
        put("STATX_UID", 0x8);
        put("STATX_GID", 0x10);
        put("STATX_ATIME", 0x20);
        put("STATX_MTIME", 0x40);
        put("STATX_CTIME", 0x80);
        put("STATX_INO", 0x100);
        put("STATX_SIZE", 0x200);
        put("STATX_BLOCKS", 0x400);
        put("STATX_BASIC_STATS", 0x7ff);
        put("STATX_BTIME", 0x800);
        put("STATX_ALL", 0xfff);
        put("STATX_MNT_ID", 0x1000);
        put("STATX_DIOALIGN", 0x2000);
        put("STATX_MNT_ID_UNIQUE", 0x4000);
        put("STATX_SUBVOL", 0x8000);
        put("STATX_WRITE_ATOMIC", 0x10000);
        put("STATX_DIO_READ_ALIGN", 0x20000);
        // utimensat
        put("UTIME_NOW", (1L << 30) - 1);
        put("UTIME_OMIT", (1L << 30) - 2);
        // pipe2, eventfd and friends
        put("O_NONBLOCK|O_CLOEXEC", Fcntl.O_NONBLOCK | Fcntl.O_CLOEXEC);
        put("F_GETLK", 5);
        put("F_SETLK", 6);
        put("F_SETLKW", 7);
        put("F_SETOWN", 8);
        put("F_GETOWN", 9);
        put("F_SETSIG", 10);
        put("F_GETSIG", 11);
        put("F_OFD_GETLK", 36);
        put("F_OFD_SETLK", 37);
        put("F_OFD_SETLKW", 38);
        put("F_SETLEASE", 1024);
        put("F_GETLEASE", 1025);
        put("F_NOTIFY", 1026);
        put("F_ADD_SEALS", 1033);
        put("F_GET_SEALS", 1034);
        // setxattr flags (include/uapi/linux/xattr.h)
        put("XATTR_CREATE", 1);
        put("XATTR_REPLACE", 2);
        // sockets (include/linux/socket.h, include/linux/net.h)
        String[] families = {"AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK", "AF_NETROM",
            "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet", "AF_NETBEUI", "AF_SECURITY",
            "AF_KEY", "AF_NETLINK", "AF_PACKET"};
        for (int i = 0; i < families.length; i++) {
            put(families[i], i);
            put("PF" + families[i].substring(2), i);
        }
        put("AF_LOCAL", 1);
        put("PF_LOCAL", 1);
        put("AF_VSOCK", 40);
        put("SOCK_STREAM", 1);
        put("SOCK_DGRAM", 2);
        put("SOCK_RAW", 3);
        put("SOCK_RDM", 4);
        put("SOCK_SEQPACKET", 5);
        put("SOCK_DCCP", 6);
        put("SOCK_PACKET", 10);
        put("SOCK_CLOEXEC", Fcntl.O_CLOEXEC);
        put("SOCK_NONBLOCK", Fcntl.O_NONBLOCK);
        put("IPPROTO_IP", 0);
        put("IPPROTO_TCP", 6);
        put("IPPROTO_UDP", 17);
        put("IPPROTO_IPV6", 41);
        put("IPPROTO_ICMP", 1);
        put("NETLINK_ROUTE", 0);
        // send/recv flags (include/linux/socket.h)
        put("MSG_OOB", 0x1);
        put("MSG_PEEK", 0x2);
        put("MSG_TRUNC", 0x20);
        put("MSG_DONTWAIT", 0x40);
        put("MSG_EOR", 0x80);
        put("MSG_WAITALL", 0x100);
        put("MSG_NOSIGNAL", 0x4000);
        // poll events (include/uapi/asm-generic/poll.h)
        put("POLLIN", 0x1);
        put("POLLPRI", 0x2);
        put("POLLOUT", 0x4);
        put("POLLERR", 0x8);
        put("POLLHUP", 0x10);
        put("POLLNVAL", 0x20);
        put("POLLRDNORM", 0x40);
        put("POLLRDBAND", 0x80);
        put("POLLWRNORM", 0x100);
        put("POLLWRBAND", 0x200);
        put("POLLMSG", 0x400);
        put("POLLREMOVE", 0x1000);
        put("POLLRDHUP", 0x2000);
        // filesystem magics (include/uapi/linux/magic.h) as strace names them in statfs
        put("EXT2_SUPER_MAGIC", 0xEF53);
        put("TMPFS_MAGIC", 0x01021994);
        put("PROC_SUPER_MAGIC", 0x9fa0);
        put("RAMFS_MAGIC", 0x858458f6L);
        put("SYSFS_MAGIC", 0x62656572);
        put("PIPEFS_MAGIC", 0x50495045);
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
