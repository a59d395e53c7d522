package dev.kemu.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileIoctl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.Rlimits;
import dev.kemu.vfs.Statfs;
import dev.kemu.vfs.Statx;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.ramfs.RamfsType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The file-state calls on the host, and the same call sequences on the emulated 6.18 (ramfs
 * root) compared with the host's results where the filesystem does not decide them.
 */
@Timeout(30)
class FileStateHostTest extends HostMachineTest {
    /** The emulated 6.18 on a ramfs root. */
    private static Kernel emulated() throws Exception {
        KernelProvider p = new KernelProvider() {
            @Override
            public String id() {
                return "test-6.18";
            }

            @Override
            public String description() {
                return "6.18 defaults";
            }

            @Override
            public List<KernelVariant> variants() {
                return List.of(new KernelVariant("6.18", "defaults"));
            }

            @Override
            public boolean covers(KernelVersion v) {
                return v.major() == 6 && v.minor() == 18;
            }

            @Override
            public Module module(KernelVersion v) {
                return new AbstractModule() {
                };
            }
        };
        return Kernels.of(List.of(p), FileSystemTypes.of(new RamfsType())).boot("6.18", BootOptions.standard().withRoot("ramfs", null));
    }

    private static int getInt(UserBuffer b) {
        return ByteBuffer.wrap(b.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void fsync_fileIsZero_pipeIsEinval_fdatasyncAndSyncfsWork() {
        int fd = (int) host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        int[] p = new int[2];
        assertEquals(0, host.pipe(t, p));
        assertEquals(0, host.fsync(t, fd));
        assertEquals(0, host.fdatasync(t, fd));
        assertEquals(0, host.syncfs(t, fd));
        assertEquals(Errno.EINVAL.neg(), host.fsync(t, p[1]));
        assertEquals(Errno.EBADF.neg(), host.fsync(t, 40));
    }

    @Test
    void fallocate_growsTheFile_andPipeIsEspipe() {
        int fd = (int) host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        long r = host.fallocate(t, fd, 0, 0, 8192);
        assumeTrue(r != Errno.EOPNOTSUPP.neg(), "the sandbox's filesystem has no fallocate");
        assertEquals(0, r);
        assertEquals(8192, host.fstat(t, fd).stat().size());
        assertEquals(16, host.fstat(t, fd).stat().blocks());
        int[] p = new int[2];
        assertEquals(0, host.pipe(t, p));
        assertEquals(Errno.ESPIPE.neg(), host.fallocate(t, p[1], 0, 0, 10));
    }

    @Test
    void statfsAndStatx_describeTheSandbox() {
        Statfs s = host.statfs(t, ".").statfs();
        assertTrue(s.type() == Statfs.EXT4_SUPER_MAGIC || s.type() == Statfs.TMPFS_MAGIC || s.bsize() > 0);
        assertTrue((s.flags() & Statfs.ST_VALID) != 0);
        assertEquals(Errno.ENOENT.neg(), host.statfs(t, "missing").ret());
        assertEquals(Errno.EFAULT.neg(), host.statfs(t, null).ret());
        int fd = (int) host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        host.write(t, fd, UserBuffer.of("hello".getBytes()), 5);
        Statx x = host.statx(t, Fcntl.AT_FDCWD, "f", 0, Statx.STATX_BASIC_STATS).statx();
        assertEquals(5, x.size());
        assertEquals(Statx.STATX_BASIC_STATS, x.mask() & Statx.STATX_BASIC_STATS);
        assertEquals(x.ino(), host.statx(t, fd, "", Fcntl.AT_EMPTY_PATH, 0).statx().ino());
        assertEquals(Statfs.PIPEFS_MAGIC, pipeStatfs());
    }

    private long pipeStatfs() {
        int[] p = new int[2];
        host.pipe(t, p);
        return host.fstatfs(t, p[0]).statfs().type();
    }

    @Test
    void memfd_isARegularFileInTheTracesTable() {
        long fd = host.memfdCreate(t, "buf", 1);
        assertEquals(3, fd);
        assertEquals(5, host.write(t, 3, UserBuffer.of("hello".getBytes()), 5));
        assertEquals(5, host.fstat(t, 3).stat().size());
        assertEquals(Fcntl.FD_CLOEXEC, host.fcntl(t, 3, Fcntl.F_GETFD, 0));
    }

    @Test
    void ioctl_fionreadOnAPipe_andFicloneTranslatesTheSource() {
        int[] p = new int[2];
        assertEquals(0, host.pipe(t, p));
        host.write(t, p[1], UserBuffer.of("abcdefg".getBytes()), 7);
        UserBuffer out = UserBuffer.allocate(4);
        assertEquals(0, host.ioctl(t, p[0], FileIoctl.FIONREAD, 0, out));
        assertEquals(7, getInt(out));
        int f = (int) host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        assertEquals(Errno.EXDEV.neg(), host.ioctl(t, f, FileIoctl.FICLONE, p[0], null));
        assertEquals(Errno.EBADF.neg(), host.ioctl(t, f, FileIoctl.FICLONE, 50, null));
    }

    /** One scenario run on a machine: the result of every call, in order. */
    private static List<Long> scenario(Syscalls m, Task task) {
        List<Long> out = new ArrayList<>();
        int[] p = new int[2];
        out.add(m.pipe(task, null));
        out.add(m.pipe2(task, null, Fcntl.O_CLOEXEC));
        out.add(m.pipe2(task, p, 0));
        out.add((long) p[0]);
        int f = (int) m.openat(task, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        out.add((long) f);
        out.add(m.fallocate(task, 77, 0, 0, 10));
        out.add(m.fallocate(task, f, 0, -1, 10));
        out.add(m.fallocate(task, f, 0x100, 0, 10));
        out.add(m.fallocate(task, f, 0x02, 0, 10));
        out.add(m.fallocate(task, f, 0x08 | 0x01, 0, 4096));
        out.add(m.fallocate(task, p[0], 0, 0, 10));
        out.add(m.fallocate(task, p[1], 0, 0, 10));
        out.add(m.fallocate(task, f, 0, Long.MAX_VALUE, 10));
        out.add(m.fadvise64(task, p[0], 0, 0, 0));
        out.add(m.fadvise64(task, f, 0, -1, 0));
        out.add(m.fadvise64(task, f, 0, 0, 9));
        out.add(m.fadvise64(task, f, 0, 0, 4));
        out.add(m.fsync(task, p[0]));
        out.add(m.fdatasync(task, 99));
        out.add(m.statx(task, Fcntl.AT_FDCWD, "f", 0, Statx.STATX__RESERVED).ret());
        out.add(m.statx(task, Fcntl.AT_FDCWD, "f", Fcntl.AT_STATX_SYNC_TYPE, 0).ret());
        out.add(m.statx(task, Fcntl.AT_FDCWD, "f", 0x1, 0).ret());
        out.add(m.statx(task, 99, "", Fcntl.AT_EMPTY_PATH, 0).ret());
        out.add(m.memfdCreate(task, "n".repeat(250), 0));
        out.add(m.memfdCreate(task, "x", 0x100));
        out.add(m.memfdCreate(task, "x", 0x18));
        out.add(m.ioctl(task, f, 0x5401, 0, UserBuffer.allocate(64)));
        out.add(m.ioctl(task, f, FileIoctl.FIONREAD, 0, null));
        out.add(m.ioctl(task, p[0], 0x5401, 0, UserBuffer.allocate(64)));
        out.add(m.closeRange(task, 5, 4, 0));
        out.add(m.closeRange(task, 0, 1, 0x80));
        out.add(m.closeRange(task, 20, 30, 0));
        out.add(m.closeRange(task, p[1], p[1], 4));
        out.add(m.fcntl(task, p[1], Fcntl.F_GETFD, 0));
        out.add(m.closeRange(task, p[1], -1, 0));
        out.add(m.fcntl(task, p[0], Fcntl.F_GETFD, 0));
        out.add(m.fcntl(task, p[1], Fcntl.F_GETFD, 0));
        out.add(m.getrlimit(task, 16).ret());
        out.add(m.prlimit64(task, 0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, 5)).ret());
        out.add(m.prlimit64(task, 0, Rlimits.RLIMIT_NOFILE, new Rlimit(10, Rlimits.NR_OPEN + 1)).ret());
        out.add(m.setrlimit(task, Rlimits.RLIMIT_NOFILE, null));
        out.add(m.setrlimit(task, Rlimits.RLIMIT_NOFILE, new Rlimit(p[0] + 1, 4096)));
        out.add(m.dup(task, 0));
        out.add(m.dup2(task, 0, p[0] + 1));
        out.add(m.fcntl(task, 0, Fcntl.F_DUPFD, p[0] + 1));
        out.add(m.openat(task, Fcntl.AT_FDCWD, "f", Fcntl.O_RDONLY, 0));
        return out;
    }

    @Test
    void sameCalls_onHostAndEmulated_giveTheSameResults() throws Exception {
        Kernel k = emulated();
        Task e = k.newTask();
        List<Long> emulated = scenario(k, e);
        List<Long> real = scenario(host, t);
        assertEquals(real, emulated);
    }
}
