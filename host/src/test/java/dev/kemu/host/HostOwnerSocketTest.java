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
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * chown, fchown, lchown, fchownat and the AF_UNIX socket, connect and bind on the host, and the
 * same call sequences on the emulated 6.18 (ramfs root) compared with the host's results.
 */
@Timeout(30)
class HostOwnerSocketTest extends HostMachineTest {
    private static boolean root(Syscalls m, Task task) {
        StatResult r = m.newfstatat(task, Fcntl.AT_FDCWD, ".", 0);
        return r.ret() == 0 && r.stat().uid() == 0;
    }

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

    @Test
    void chown_onTheHost_changesOwnersAndDropsSetuid() {
        assumeTrue(root(host, t), "changing owners needs root");
        int fd = (int) host.openat(t, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        assertTrue(fd >= 0);
        assertEquals(0, host.fchmod(t, fd, 04755));
        assertEquals(0, host.chown(t, "f", 1000, 2000));
        Kstat st = host.fstat(t, fd).stat();
        assertEquals(1000, st.uid());
        assertEquals(2000, st.gid());
        assertEquals(StatMode.S_IFREG | 0755, st.mode());
        assertEquals(0, host.fchown(t, fd, -1, 3000));
        assertEquals(3000, host.fstat(t, fd).stat().gid());
        assertEquals(Errno.EBADF.neg(), host.fchown(t, 99, 0, 0));
    }

    @Test
    void chown_outsideTheDirectory_isRefused() {
        assertEquals(Errno.EACCES.neg(), host.chown(t, "/etc/passwd", 0, 0));
        assertEquals(Errno.EACCES.neg(), host.lchown(t, "/tmp", -1, -1));
        int fd = (int) host.openat(t, Fcntl.AT_FDCWD, "/etc/hostname", Fcntl.O_RDONLY, 0);
        assumeTrue(fd >= 0, "no /etc/hostname");
        assertEquals(Errno.EACCES.neg(), host.fchown(t, fd, -1, -1));
        assertEquals(Errno.EACCES.neg(), host.fchownat(t, fd, "", -1, -1, Fcntl.AT_EMPTY_PATH));
    }

    @Test
    void socket_onTheHost_nscdProbeAndBoundName() {
        long fd = host.socket(t, Net.AF_UNIX, Net.SOCK_STREAM | Net.SOCK_CLOEXEC | Net.SOCK_NONBLOCK, 0);
        assertTrue(fd >= 0, () -> Errno.of(fd).name());
        assertEquals(StatMode.S_IFSOCK | 0777, host.fstat(t, (int) fd).stat().mode());
        assertEquals(Errno.ENOENT.neg(), host.connect(t, (int) fd, Sockaddr.unix("/var/run/nscd/socket/x/y"), 110));
        int b = (int) host.socket(t, Net.AF_UNIX, Net.SOCK_STREAM, 0);
        assertEquals(0, host.bind(t, b, Sockaddr.unix("bound"), 110));
        assertEquals(StatMode.S_IFSOCK, host.newfstatat(t, Fcntl.AT_FDCWD, "bound", 0).stat().mode() & StatMode.S_IFMT);
        assertEquals(Errno.ECONNREFUSED.neg(), host.connect(t, (int) fd, Sockaddr.unix("bound"), 110));
        assertEquals(0, host.close(t, (int) fd));
        assertEquals(Errno.EACCES.neg(), host.bind(t, b, Sockaddr.unix("/outside-the-sandbox-socket"), 110));
    }

    private static long mode(Syscalls m, Task task, String path) {
        StatResult r = m.newfstatat(task, Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW);
        return r.ret() < 0 ? r.ret() : r.stat().mode();
    }

    private static List<Long> ownerScenario(Syscalls m, Task task) {
        List<Long> out = new ArrayList<>();
        int f = (int) m.openat(task, Fcntl.AT_FDCWD, "f", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        out.add((long) f);
        out.add(m.fchmod(task, f, 06755));
        out.add(m.chown(task, "f", 7, 8));
        out.add(mode(m, task, "f"));
        out.add(m.fchmod(task, f, 02644));
        out.add(m.fchown(task, f, -1, -1));
        out.add(mode(m, task, "f"));
        out.add(m.fchmod(task, f, 04711));
        out.add(m.fchownat(task, Fcntl.AT_FDCWD, "f", -1, -1, 0));
        out.add(mode(m, task, "f"));
        out.add(m.mkdirat(task, Fcntl.AT_FDCWD, "d", 0755));
        out.add(m.chmod(task, "d", 02755));
        out.add(m.chown(task, "d", 1, 1));
        out.add(mode(m, task, "d"));
        out.add(m.symlinkat(task, "f", Fcntl.AT_FDCWD, "l"));
        out.add(m.lchown(task, "l", 5, 5));
        out.add(m.newfstatat(task, Fcntl.AT_FDCWD, "l", Fcntl.AT_SYMLINK_NOFOLLOW).stat().uid() * 1L);
        out.add(m.newfstatat(task, Fcntl.AT_FDCWD, "l", 0).stat().uid() * 1L);
        out.add(m.fchownat(task, Fcntl.AT_FDCWD, "f", 1, 1, 0x200));
        out.add(m.fchownat(task, Fcntl.AT_FDCWD, "", 1, 1, 0));
        out.add(m.fchownat(task, Fcntl.AT_FDCWD, "missing", 1, 1, 0));
        out.add(m.fchownat(task, Fcntl.AT_FDCWD, "f/x", 1, 1, 0));
        out.add(m.fchownat(task, 99, "f", 1, 1, 0));
        out.add(m.fchownat(task, f, "", 9, 9, Fcntl.AT_EMPTY_PATH));
        out.add(m.fstat(task, f).stat().uid() * 1L);
        out.add(m.fchown(task, 99, 1, 1));
        int p = (int) m.openat(task, Fcntl.AT_FDCWD, "f", Fcntl.O_PATH, 0);
        out.add(m.fchown(task, p, 1, 1));
        out.add(m.symlinkat(task, "loop", Fcntl.AT_FDCWD, "loop"));
        out.add(m.chown(task, "loop", 1, 1));
        return out;
    }

    private static List<Long> socketScenario(Syscalls m, Task task) {
        List<Long> out = new ArrayList<>();
        int s = (int) m.socket(task, Net.AF_UNIX, Net.SOCK_STREAM | Net.SOCK_CLOEXEC | Net.SOCK_NONBLOCK, 0);
        out.add((long) s);
        out.add(m.fcntl(task, s, Fcntl.F_GETFL, 0));
        out.add(m.fcntl(task, s, Fcntl.F_GETFD, 0));
        out.add(m.connect(task, s, Sockaddr.unix("missing/socket"), 110));
        out.add(m.connect(task, s, Sockaddr.unix("missing"), 111));
        out.add(m.connect(task, s, Sockaddr.unix("missing"), 2));
        out.add(m.connect(task, s, Sockaddr.unix("missing"), -1));
        out.add(m.connect(task, s, null, 110));
        out.add(m.connect(task, 99, Sockaddr.unix("missing"), 110));
        out.add(m.connect(task, s, new Sockaddr(Net.AF_INET, new byte[14]), 16));
        int f = (int) m.openat(task, Fcntl.AT_FDCWD, "file", Fcntl.O_RDWR | Fcntl.O_CREAT, 0644);
        out.add(m.connect(task, f, Sockaddr.unix("file"), 110));
        out.add(m.connect(task, f, null, 110));
        out.add(m.connect(task, s, Sockaddr.unix("file"), 110));
        out.add(m.connect(task, s, Sockaddr.unix("file/x"), 110));
        out.add(m.mknodat(task, Fcntl.AT_FDCWD, "nod", StatMode.S_IFSOCK | 0644, 0));
        out.add(m.connect(task, s, Sockaddr.unix("nod"), 110));
        out.add(m.connect(task, s, Sockaddr.unixAbstract("kemu-differential-" + ProcessHandle.current().pid()), 40));
        out.add(m.read(task, s, dev.kemu.vfs.UserBuffer.allocate(4), 4));
        out.add(m.write(task, s, dev.kemu.vfs.UserBuffer.allocate(4), 4));
        out.add(m.lseek(task, s, 0, Fcntl.SEEK_SET));
        int d = (int) m.socket(task, Net.AF_UNIX, Net.SOCK_DGRAM | Net.SOCK_NONBLOCK, 0);
        out.add(m.read(task, d, dev.kemu.vfs.UserBuffer.allocate(4), 4));
        out.add(m.write(task, d, dev.kemu.vfs.UserBuffer.allocate(4), 4));
        int q = (int) m.socket(task, Net.AF_UNIX, Net.SOCK_SEQPACKET, 0);
        out.add(m.read(task, q, dev.kemu.vfs.UserBuffer.allocate(4), 4));
        int b = (int) m.socket(task, Net.AF_UNIX, Net.SOCK_STREAM, 0);
        out.add(m.bind(task, b, Sockaddr.unix("bound"), 110));
        out.add(mode(m, task, "bound"));
        out.add(m.connect(task, s, Sockaddr.unix("bound"), 110));
        out.add(m.connect(task, d, Sockaddr.unix("bound"), 110));
        out.add(m.bind(task, q, Sockaddr.unix("bound"), 110));
        out.add(m.bind(task, b, Sockaddr.unix("second"), 110));
        out.add(mode(m, task, "second"));
        out.add(m.close(task, b));
        out.add(m.connect(task, s, Sockaddr.unix("bound"), 110));
        out.add(m.socket(task, Net.AF_UNIX, Net.SOCK_STREAM | 0x100, 0));
        out.add(m.socket(task, Net.AF_UNIX, 0, 0));
        out.add(m.socket(task, Net.AF_UNIX, 11, 0));
        out.add(m.socket(task, Net.AF_UNIX, Net.SOCK_STREAM, 2));
        out.add(m.socket(task, 46, Net.SOCK_STREAM, 0));
        out.add(m.socket(task, -1, Net.SOCK_STREAM, 0));
        out.add(m.close(task, s));
        return out;
    }

    @Test
    void ownerCalls_onHostAndEmulated_giveTheSameResults() throws Exception {
        assumeTrue(root(host, t), "changing owners needs root");
        Kernel k = emulated();
        assertEquals(ownerScenario(host, t), ownerScenario(k, k.newTask()));
    }

    @Test
    void socketCalls_onHostAndEmulated_giveTheSameResults() throws Exception {
        Kernel k = emulated();
        assertEquals(socketScenario(host, t), socketScenario(k, k.newTask()));
    }
}
