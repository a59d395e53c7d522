package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.Rlimits;
import dev.kemu.vfs.Statx;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file-state calls through {@link Kernel}: which versions have them, and the version-dependent checks. */
class FileStateSyscallsTest {
    private static Kernel boot(int major, int minor) throws Exception {
        Kernels k = Kernels.of(List.of(new KernelsTest.FakeProvider("k", major, minor)), FileSystemTypes.of(new RamfsType()));
        return k.boot(major + "." + minor, BootOptions.standard().withRoot("ramfs", null));
    }

    @Test
    void callsAddedAfterAVersion_areEnosysBeforeIt() throws Exception {
        Kernel k = boot(4, 10);
        Task t = k.newTask();
        assertEquals(Errno.ENOSYS.neg(), k.statx(t, Fcntl.AT_FDCWD, ".", 0, 0).ret());
        assertEquals(Errno.ENOSYS.neg(), k.closeRange(t, 3, 3, 0));
        assertEquals(3, k.memfdCreate(t, "m", 0), "memfd_create is in 3.17");
        Kernel old = boot(3, 10);
        assertEquals(Errno.ENOSYS.neg(), old.memfdCreate(old.newTask(), "m", 0));
        Kernel v59 = boot(5, 9);
        Task t59 = v59.newTask();
        assertEquals(0, v59.closeRange(t59, 3, 3, 0));
        assertEquals(Errno.EINVAL.neg(), v59.closeRange(t59, 3, 3, 4), "CLOSE_RANGE_CLOEXEC is 5.11");
        assertEquals(0, boot(5, 11).closeRange(t59, 3, 3, 4));
    }

    @Test
    void statx_reportsMntIdFrom58() throws Exception {
        Kernel k57 = boot(5, 7);
        assertEquals(Statx.STATX_BASIC_STATS, k57.statx(k57.newTask(), Fcntl.AT_FDCWD, ".", 0, 0xfff).statx().mask());
        Kernel k = boot(6, 18);
        assertEquals(Statx.STATX_BASIC_STATS | Statx.STATX_MNT_ID, k.statx(k.newTask(), Fcntl.AT_FDCWD, ".", 0, 0xfff).statx().mask());
    }

    @Test
    void memfd_execFlags_areEinvalBefore63() throws Exception {
        Kernel k = boot(6, 1);
        assertEquals(Errno.EINVAL.neg(), k.memfdCreate(k.newTask(), "m", 0x8));
        Kernel k63 = boot(6, 3);
        assertEquals(3, k63.memfdCreate(k63.newTask(), "m", 0x8));
    }

    @Test
    void fallocate_modeChecks_followTheVersion() throws Exception {
        int collapseKeep = 0x08 | 0x01;
        Kernel k66 = boot(6, 6);
        Task t = k66.newTask();
        int fd = (int) k66.open(t, "f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.EINVAL.neg(), k66.fallocate(t, fd, collapseKeep, 0, 4096));
        Kernel k = boot(6, 18);
        Task t2 = k.newTask();
        int fd2 = (int) k.open(t2, "f", Fcntl.O_CREAT | Fcntl.O_RDWR, 0644);
        assertEquals(Errno.EOPNOTSUPP.neg(), k.fallocate(t2, fd2, collapseKeep, 0, 4096));
    }

    @Test
    void rlimitNofile_lowered_makesPipeEmfile_andPipeWithoutArrayIsEfault() throws Exception {
        Kernel k = boot(6, 18);
        Task t = k.newTask();
        assertEquals(0, k.setrlimit(t, Rlimits.RLIMIT_NOFILE, new Rlimit(4, 4096)));
        assertEquals(Errno.EMFILE.neg(), k.pipe(t, new int[2]), "3 is free, 4 is past the limit");
        assertEquals(Errno.EMFILE.neg(), k.pipe(t, null), "EMFILE comes before EFAULT");
        assertEquals(0, k.setrlimit(t, Rlimits.RLIMIT_NOFILE, new Rlimit(5, 4096)));
        assertEquals(Errno.EFAULT.neg(), k.pipe2(t, null, 0));
        assertEquals(3, k.dup(t, 0), "the failed pipe left nothing open");
        assertEquals(new Rlimit(5, 4096), k.getrlimit(t, Rlimits.RLIMIT_NOFILE).old());
        assertTrue(k.prlimit64(t, 0, Rlimits.RLIMIT_NOFILE, new Rlimit(5, 5000)).ret() == Errno.EPERM.neg());
    }
}
