package dev.kemu.kernel.spi;

import java.util.Set;

/**
 * Which system calls a kernel has ({@code arch/x86/entry/syscalls/syscall_64.tbl} of the
 * version). A call the kernel does not have returns ENOSYS before any argument is looked at.
 */
public interface SyscallTable {
    /** Every call the model implements. */
    Set<String> MODELLED = Set.of("open", "openat", "creat", "close", "read", "write", "pread64", "pwrite64",
            "readv", "writev", "lseek", "ftruncate", "fstat", "newfstatat", "mkdir", "mkdirat", "unlink",
            "unlinkat", "rmdir", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2", "splice", "tee", "vmsplice",
            "sendfile", "copy_file_range",
            "statfs", "fstatfs", "statx", "fsync", "fdatasync", "syncfs", "fallocate", "close_range", "prlimit64",
            "getrlimit", "setrlimit", "fadvise64", "ioctl", "memfd_create");

    /**
     * The mainline release that added a modelled call later than 3.10, by name
     * ({@code syscall_64.tbl} history): an upstream version before it answers ENOSYS.
     */
    java.util.Map<String, String> INTRODUCED = java.util.Map.of("memfd_create", "3.17", "statx", "4.11",
            "close_range", "5.9");

    /** True when the kernel has {@code syscall}. */
    default boolean has(String syscall) {
        return MODELLED.contains(syscall);
    }

    /**
     * True when a kernel of {@code version} with this table has {@code syscall}: the table has it
     * and the version is not older than the call ({@link #INTRODUCED}).
     */
    default boolean has(String syscall, dev.kemu.kernel.KernelVersion version) {
        String since = INTRODUCED.get(syscall);
        return has(syscall) && (since == null || version.atLeast(since));
    }

    /** Every modelled call exists (4.5 and later). */
    SyscallTable ALL = new SyscallTable() {
    };
}
