package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** chown and the AF_UNIX probes through {@link Kernel}: present in every version, with the version-dependent checks. */
class OwnerSocketSyscallsTest {
    private static Kernel boot(int major, int minor) throws Exception {
        Kernels k = Kernels.of(List.of(new KernelsTest.FakeProvider("k", major, minor)), FileSystemTypes.of(new RamfsType()));
        return k.boot(major + "." + minor, BootOptions.standard().withRoot("ramfs", null));
    }

    @Test
    void ownerAndSocketCalls_existIn310() throws Exception {
        Kernel k = boot(3, 10);
        Task t = k.newTask();
        int fd = (int) k.open(t, "f", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0755);
        assertEquals(0, k.fchmod(t, fd, 04755));
        assertEquals(0, k.fchown(t, fd, 1, 2));
        assertEquals(0, k.chown(t, "f", -1, 3));
        assertEquals(0, k.lchown(t, "f", 4, -1));
        assertEquals(0, k.fchownat(t, Fcntl.AT_FDCWD, "f", -1, -1, 0));
        Kstat st = k.fstat(t, fd).stat();
        assertEquals(4, st.uid());
        assertEquals(3, st.gid());
        assertEquals(StatMode.S_IFREG | 0755, st.mode(), "S_ISUID dropped");
        long s = k.socket(t, Net.AF_UNIX, Net.SOCK_STREAM, 0);
        assertEquals(fd + 1, s);
        assertEquals(0, k.bind(t, (int) s, Sockaddr.unix("sock"), 110));
        long c = k.socket(t, Net.AF_UNIX, Net.SOCK_STREAM, 0);
        assertEquals(Errno.ECONNREFUSED.neg(), k.connect(t, (int) c, Sockaddr.unix("sock"), 110));
    }

    @Test
    void socket_familiesPastTheVersionsAfMax_areEafnosupport() throws Exception {
        Kernel k310 = boot(3, 10);
        assertEquals(Errno.EAFNOSUPPORT.neg(), k310.socket(k310.newTask(), 41, Net.SOCK_STREAM, 0), "AF_KCM is 4.6");
        assertEquals(Net.NOT_MODELLED, k310.socket(k310.newTask(), 40, Net.SOCK_STREAM, 0), "AF_VSOCK is in 3.10");
        Kernel k46 = boot(4, 6);
        assertEquals(Net.NOT_MODELLED, k46.socket(k46.newTask(), 41, Net.SOCK_STREAM, 0));
        Kernel k510 = boot(5, 10);
        assertEquals(Errno.EAFNOSUPPORT.neg(), k510.socket(k510.newTask(), 45, Net.SOCK_STREAM, 0), "AF_MCTP is 5.15");
        Kernel k = boot(6, 18);
        assertEquals(Net.NOT_MODELLED, k.socket(k.newTask(), 45, Net.SOCK_STREAM, 0));
        assertEquals(Errno.EAFNOSUPPORT.neg(), k.socket(k.newTask(), 46, Net.SOCK_STREAM, 0));
        assertEquals(Net.NOT_MODELLED, k.socket(k.newTask(), Net.AF_INET6, Net.SOCK_DGRAM | Net.SOCK_CLOEXEC, 0));
    }

    @Test
    void connect_nonSocketWithUnreadableAddress_enotsockBefore55_efaultFrom55() throws Exception {
        for (int[] v : new int[][] {{5, 4}, {5, 5}}) {
            Kernel k = boot(v[0], v[1]);
            Task t = k.newTask();
            int fd = (int) k.open(t, "f", Fcntl.O_CREAT | Fcntl.O_RDONLY, 0644);
            long expected = v[1] == 4 ? Errno.ENOTSOCK.neg() : Errno.EFAULT.neg();
            assertEquals(expected, k.connect(t, fd, null, 110), v[0] + "." + v[1]);
        }
    }

    /** What every coreutils program asks glibc's nscd before it looks users up. */
    @Test
    void nscdProbe_socketConnectClose_asRecorded() throws Exception {
        Kernel k = boot(6, 18);
        Task t = k.newTask();
        long fd = k.socket(t, Net.AF_UNIX, Net.SOCK_STREAM | Net.SOCK_CLOEXEC | Net.SOCK_NONBLOCK, 0);
        assertEquals(3, fd, "after stdin, stdout and stderr");
        assertEquals(Errno.ENOENT.neg(), k.connect(t, 3, Sockaddr.unix("/var/run/nscd/socket"), 110));
        assertEquals(0, k.close(t, 3));
    }
}
