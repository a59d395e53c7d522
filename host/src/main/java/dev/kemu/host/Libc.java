package dev.kemu.host;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C library entry points the host backend needs, bound with JNA direct mapping: glibc's
 * {@code syscall(2)} (the raw x86-64 system call, {@code -1} and {@code errno} on failure) and
 * {@code sigaction(2)} (the wrapper, because only glibc knows the {@code sa_restorer} trampoline
 * x86-64 requires). System call numbers are those of
 * {@code arch/x86/entry/syscalls/syscall_64.tbl}.
 *
 * <p>{@link #sys} returns what the kernel returned: a result, or a negated errno read from
 * {@link Native#getLastError()} (JNA saves {@code errno} per thread right after the call).
 */
final class Libc {
    static final long READ = 0;
    static final long WRITE = 1;
    static final long CLOSE = 3;
    static final long FSTAT = 5;
    static final long LSEEK = 8;
    static final long MMAP = 9;
    static final long IOCTL = 16;
    static final long MPROTECT = 10;
    static final long MUNMAP = 11;
    static final long BRK = 12;
    static final long MREMAP = 25;
    static final long MSYNC = 26;
    static final long MADVISE = 28;
    static final long MKNODAT = 259;
    static final long SOCKET = 41;
    static final long CONNECT = 42;
    static final long BIND = 49;
    static final long POLL = 7;
    static final long SENDTO = 44;
    static final long RECVFROM = 45;
    static final long GETSOCKNAME = 51;
    static final long GETPEERNAME = 52;
    static final long SOCKETPAIR = 53;
    static final long SENDMSG = 46;
    static final long RECVMSG = 47;
    static final long PPOLL = 271;
    static final long FCHOWN = 93;
    static final long FCHOWNAT = 260;
    static final long RT_SIGPROCMASK = 14;
    static final long PREAD64 = 17;
    static final long PWRITE64 = 18;
    static final long READV = 19;
    static final long WRITEV = 20;
    static final long SCHED_YIELD = 24;
    static final long DUP = 32;
    static final long GETPID = 39;
    static final long GETUID = 102;
    static final long GETEUID = 107;
    static final long GETGID = 104;
    static final long GETEGID = 108;
    static final long SENDFILE = 40;
    static final long FCNTL = 72;
    static final long FSYNC = 74;
    static final long FDATASYNC = 75;
    static final long FTRUNCATE = 77;
    static final long ACCESS = 21;
    static final long GETCWD = 79;
    static final long CHDIR = 80;
    static final long FCHDIR = 81;
    static final long RENAME = 82;
    static final long LINK = 86;
    static final long SYMLINK = 88;
    static final long GETRLIMIT = 97;
    static final long READLINK = 89;
    static final long CHMOD = 90;
    static final long FCHMOD = 91;
    static final long UMASK = 95;
    static final long GETDENTS64 = 217;
    static final long RENAMEAT = 264;
    static final long LINKAT = 265;
    static final long SYMLINKAT = 266;
    static final long READLINKAT = 267;
    static final long FCHMODAT = 268;
    static final long FACCESSAT = 269;
    static final long UTIMENSAT = 280;
    static final long RENAMEAT2 = 316;
    static final long FACCESSAT2 = 439;
    static final long RT_SIGPENDING = 127;
    static final long RT_SIGTIMEDWAIT = 128;
    static final long STATFS = 137;
    static final long FSTATFS = 138;
    static final long SETRLIMIT = 160;
    static final long GETTID = 186;
    static final long FADVISE64 = 221;
    static final long TGKILL = 234;
    static final long OPENAT = 257;
    static final long MKDIRAT = 258;
    static final long NEWFSTATAT = 262;
    static final long UNLINKAT = 263;
    static final long SPLICE = 275;
    static final long TEE = 276;
    static final long VMSPLICE = 278;
    static final long FALLOCATE = 285;
    static final long DUP3 = 292;
    static final long PIPE2 = 293;
    static final long PRLIMIT64 = 302;
    static final long SYNCFS = 306;
    static final long MEMFD_CREATE = 319;
    static final long COPY_FILE_RANGE = 326;
    static final long STATX = 332;
    static final long CLOSE_RANGE = 436;

    static final int EINTR = 4;
    static final int SIGPIPE = 13;
    /** The signal that interrupts a blocked call: SIGRTMIN + 6, which neither glibc nor the JVM uses. */
    static final int SIGWAKE = 40;

    static {
        Native.register(Libc.class, NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    /** glibc {@code long syscall(long number, ...)} with six arguments (unused ones are ignored by the kernel). */
    private static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /** glibc {@code int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)}. */
    private static native int sigaction(int sig, Pointer act, Pointer oldact);

    static long sys(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        long r = syscall(number, a1, a2, a3, a4, a5, a6);
        return r == -1 ? -Native.getLastError() : r;
    }

    static long sys(long number, long a1, long a2, long a3) {
        return sys(number, a1, a2, a3, 0, 0, 0);
    }

    static long sys(long number, long a1) {
        return sys(number, a1, 0, 0, 0, 0, 0);
    }

    static long address(Pointer p) {
        return Pointer.nativeValue(p);
    }

    /**
     * Installs a handler for {@link #SIGWAKE} without {@code SA_RESTART}, so that the signal makes
     * a sleeping call return {@code EINTR} ({@code kernel/signal.c}, {@code arch/x86/kernel/signal.c:
     * handle_signal()}). The handler is glibc's {@code getpid}, which is async-signal-safe and
     * ignores the signal number it is passed: the signal only has to be caught, not acted on.
     */
    static void installWakeHandler() {
        try (com.sun.jna.Memory act = new com.sun.jna.Memory(152)) {
            act.clear();
            // struct sigaction (glibc, x86-64): sa_handler @0, sa_mask @8 (128 bytes), sa_flags @136, sa_restorer @144.
            act.setPointer(0, Function.getFunction("c", "getpid"));
            act.setInt(136, 0);
            if (sigaction(SIGWAKE, act, Pointer.NULL) != 0) {
                throw new IllegalStateException("sigaction(" + SIGWAKE + ") failed: errno " + Native.getLastError());
            }
        }
    }
}
