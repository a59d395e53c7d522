package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link SyscallTable#forVersion}: a call answers ENOSYS on versions before the one that added
 * it (renameat2 3.15, copy_file_range 4.5, faccessat2 5.8), through {@link Kernel}, before any
 * argument is looked at.
 */
class SyscallTableTest {
    private static Kernel boot(int major, int minor) throws Exception {
        Kernels k = Kernels.of(List.of(new KernelsTest.FakeProvider("k", major, minor)), FileSystemTypes.of(new RamfsType()));
        return k.boot(major + "." + minor, BootOptions.standard().withRoot("ramfs", null));
    }

    @Test
    void forVersion_introductions_areTheMainlineReleases() {
        SyscallTable t314 = SyscallTable.forVersion(KernelVersion.of("3.14"));
        SyscallTable t315 = SyscallTable.forVersion(KernelVersion.of("3.15"));
        assertFalse(t314.has("renameat2"));
        assertTrue(t315.has("renameat2"));
        assertFalse(SyscallTable.forVersion(KernelVersion.of("4.4")).has("copy_file_range"));
        assertTrue(SyscallTable.forVersion(KernelVersion.of("4.5")).has("copy_file_range"));
        assertFalse(SyscallTable.forVersion(KernelVersion.of("5.7.19")).has("faccessat2"));
        assertTrue(SyscallTable.forVersion(KernelVersion.of("5.8")).has("faccessat2"));
        assertTrue(t314.has("getdents64") && t314.has("renameat") && t314.has("utimensat"));
        assertFalse(t315.has("no_such_call"));
    }

    @Test
    void forVersion_backported_addsTheCall() {
        assertTrue(SyscallTable.forVersion(KernelVersion.of("3.10"), Set.of("copy_file_range")).has("copy_file_range"));
    }

    @Test
    void renameat2_before315_returnsEnosysEvenWithBadFlags() throws Exception {
        Kernel k = boot(3, 14);
        Task t = k.newTask();
        assertEquals(Errno.ENOSYS.neg(), k.renameat2(t, Fcntl.AT_FDCWD, "a", Fcntl.AT_FDCWD, "b", -1));
        assertEquals(Errno.ENOENT.neg(), k.renameat(t, Fcntl.AT_FDCWD, "a", Fcntl.AT_FDCWD, "b"));
    }

    @Test
    void faccessat2_on57_returnsEnosysAndOn58Works() throws Exception {
        Kernel old = boot(5, 7);
        Task t = old.newTask();
        assertEquals(Errno.ENOSYS.neg(), old.faccessat2(t, Fcntl.AT_FDCWD, ".", 0, 0));
        assertEquals(0, old.faccessat(t, Fcntl.AT_FDCWD, ".", 0));
        Kernel k = boot(5, 8);
        assertEquals(0, k.faccessat2(k.newTask(), Fcntl.AT_FDCWD, ".", 0, 0x200));
    }

    @Test
    void kernel_pathCalls_runAsTheTask() throws Exception {
        Kernel k = boot(6, 18);
        Task t = k.newTask();
        assertEquals(k.workingDirectory(), k.getcwd(t, 4096).path());
        assertEquals(0, k.mkdir(t, "d", 0755));
        assertEquals(0, k.symlink(t, "d", "l"));
        UserBuffer buf = UserBuffer.allocate(16);
        assertEquals(1, k.readlink(t, "l", buf, 16));
        assertEquals(0, k.chdir(t, "l"));
        assertEquals(k.workingDirectory() + "/d", k.getcwd(t, 4096).path());
        int fd = (int) k.open(t, "..", Fcntl.O_RDONLY | Fcntl.O_DIRECTORY, 0);
        assertEquals(List.of(".", "..", "l", "d"), k.getdents64(t, fd, 4096).entries().stream().map(e -> e.name()).toList(),
                "ramfs lists the newest name first");
    }
}
