package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.spi.SyscallTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The system call table: complete, consistent with the kernel's own table, and what the documentation shows. */
class SyscallCatalogTest {
    private static final Path DOC = Path.of("..", "docs", "SYSCALLS.md");

    @Test
    void catalog_holdsEveryX8664CallOnce_numberedAsTheKernelDoes() {
        List<SyscallCatalog.Entry> all = SyscallCatalog.entries();
        assertEquals(383, all.size(), "the calls of syscall_64.tbl in 6.18 (common and 64-bit entries)");
        Set<Integer> numbers = new HashSet<>();
        for (SyscallCatalog.Entry e : all) {
            assertTrue(numbers.add(e.number()), e.name() + " shares number " + e.number());
        }
        assertEquals(0, SyscallCatalog.lookup("read").orElseThrow().number());
        assertEquals(275, SyscallCatalog.lookup("splice").orElseThrow().number());
        assertEquals(326, SyscallCatalog.lookup("copy_file_range").orElseThrow().number());
        assertEquals(439, SyscallCatalog.lookup("faccessat2").orElseThrow().number());
    }

    @Test
    void modelledCall_isImplementedByTheKernel() {
        for (SyscallCatalog.Entry e : SyscallCatalog.entries()) {
            if (e.kind() == SyscallCatalog.Kind.MODELLED && !Set.of("execve", "exit", "exit_group", "stat", "lstat", "sync").contains(e.name())) {
                assertTrue(SyscallTable.MODELLED.contains(e.name()), e.name() + " is modelled in the table but not by the kernel");
            }
            if (e.kind() == SyscallCatalog.Kind.MODELLED) {
                assertFalse(e.since().isEmpty(), e.name() + " needs its first release");
            }
        }
    }

    @Test
    void callOutsideTheModel_touchesNothingTheModelOwns() {
        // What changes descriptors, files, directories, pipes, the cwd, the umask, limits or file mappings.
        Set<String> owned = Set.of("open", "openat", "close", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2", "read",
                "write", "chdir", "fchdir", "umask", "mmap", "munmap", "mprotect", "mremap", "prlimit64", "setrlimit",
                "ioctl", "execve", "exit_group", "rename", "unlink", "mkdir", "rmdir", "splice", "tee", "vmsplice");
        for (String name : owned) {
            assertEquals(SyscallCatalog.Kind.MODELLED, SyscallCatalog.kind(name), name);
        }
        for (SyscallCatalog.Entry e : SyscallCatalog.entries()) {
            if (e.kind() == SyscallCatalog.Kind.OUTSIDE) {
                assertFalse(e.group().isEmpty(), e.name() + " needs the group saying why it is outside the model");
            }
        }
    }

    @Test
    void unknownName_isNotALinuxCall() {
        assertFalse(SyscallCatalog.isLinuxSyscall("frobnicate"));
        assertTrue(SyscallCatalog.isLinuxSyscall("syscall_0x1c3"));
        assertEquals(SyscallCatalog.Kind.UNSUPPORTED, SyscallCatalog.kind("frobnicate"));
    }

    @Test
    void documentation_isTheTable() throws Exception {
        String expected = SyscallCatalog.markdown();
        if (Boolean.getBoolean("kemu.docs.update")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/SYSCALLS.md is generated from the table: run with -Dkemu.docs.update=true and read the diff");
    }
}
