package dev.kemu.kernel.spi;

import dev.kemu.kernel.KernelVersion;
import java.util.Map;
import java.util.Set;

/**
 * Which system calls a kernel has ({@code arch/x86/entry/syscalls/syscall_64.tbl} of the
 * version). A call the kernel does not have returns ENOSYS before any argument is looked at.
 */
public interface SyscallTable {
    /** Every call the model implements. */
    Set<String> MODELLED = Set.of("open", "openat", "creat", "close", "read", "write", "pread64", "pwrite64",
            "readv", "writev", "lseek", "ftruncate", "fstat", "newfstatat", "mkdir", "mkdirat", "unlink",
            "unlinkat", "rmdir", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2", "splice", "tee", "vmsplice", "truncate",
            "sendfile", "copy_file_range",
            "chdir", "fchdir", "getcwd", "umask", "access", "faccessat", "faccessat2", "rename", "renameat",
            "renameat2", "link", "linkat", "symlink", "symlinkat", "readlink", "readlinkat", "getdents64", "chmod",
            "fchmod", "fchmodat", "utimensat",
            "setxattr", "lsetxattr", "fsetxattr", "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr",
            "flistxattr", "removexattr", "lremovexattr", "fremovexattr",
            "statfs", "fstatfs", "statx", "fsync", "fdatasync", "syncfs", "fallocate", "close_range", "prlimit64",
            "getrlimit", "setrlimit", "fadvise64", "ioctl", "memfd_create",
            "mknod", "mknodat", "mmap", "munmap", "mprotect", "mremap", "msync", "madvise", "brk",
            "chown", "fchown", "lchown", "fchownat", "socket", "connect", "bind",
            "socketpair", "getsockname", "getpeername", "sendto", "recvfrom", "sendmsg", "recvmsg", "poll", "ppoll", "select", "pselect6",
            "clone", "clone3", "fork", "vfork", "execve", "exit", "exit_group", "wait4", "waitid", "kill",
            "tgkill", "tkill", "setpgid", "getpgid", "getpgrp", "setsid", "getsid",
            "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setreuid", "setregid", "setresuid",
            "setresgid", "getresuid", "getresgid", "setfsuid", "setfsgid", "setgroups", "getgroups");


    /**
     * The mainline release that added each modelled call 3.10 does not have (the commits that
     * wired it into {@code syscall_64.tbl}); every other modelled call is in 3.10.
     */
    Map<String, String> INTRODUCED = Map.of("renameat2", "3.15", "copy_file_range", "4.5", "faccessat2", "5.8",
            "memfd_create", "3.17", "statx", "4.11", "close_range", "5.9", "clone3", "5.3");

    /** The table of mainline {@code version}: a call added after it answers ENOSYS. */
    static SyscallTable forVersion(KernelVersion version) {
        return forVersion(version, Set.of());
    }

    /** The table of {@code version} with {@code backported} calls added (a distribution kernel). */
    static SyscallTable forVersion(KernelVersion version, Set<String> backported) {
        Set<String> extra = Set.copyOf(backported);
        return new SyscallTable() {
            @Override
            public boolean has(String syscall) {
                String since = INTRODUCED.get(syscall);
                return SyscallTable.super.has(syscall) && (since == null || version.atLeast(since) || extra.contains(syscall));
            }
        };
    }

    /** True when the kernel has {@code syscall}. */
    default boolean has(String syscall) {
        return MODELLED.contains(syscall);
    }


    /** Every modelled call exists (4.5 and later). */
    SyscallTable ALL = new SyscallTable() {
    };
}
