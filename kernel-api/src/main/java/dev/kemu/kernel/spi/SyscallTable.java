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
            "mknod", "mknodat", "mmap", "munmap", "mprotect", "mremap", "msync", "madvise", "brk");

    /** True when the kernel has {@code syscall}. */
    default boolean has(String syscall) {
        return MODELLED.contains(syscall);
    }

    /** Every modelled call exists (4.5 and later). */
    SyscallTable ALL = new SyscallTable() {
    };
}
