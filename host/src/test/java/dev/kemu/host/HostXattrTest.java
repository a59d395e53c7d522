package dev.kemu.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link XattrHostCalls} against the machine's own kernel (6.13 or later: the path forms use the *xattrat calls). */
@Timeout(30)
class HostXattrTest {
    private HostSyscalls host;
    private Task t;

    @BeforeAll
    static void onLinuxX8664() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
    }

    @BeforeEach
    void open() throws Exception {
        host = HostSyscalls.open(null, 500);
        t = host.newTask();
        String[] v = HostSyscalls.hostRelease().split("[.-]");
        assumeTrue(Integer.parseInt(v[0]) > 6 || Integer.parseInt(v[0]) == 6 && Integer.parseInt(v[1]) >= 13,
                "the *xattrat calls are 6.13 and later");
        assumeTrue(host.filesystemType().equals("ext4") || host.filesystemType().equals("tmpfs"),
                "a filesystem with user attributes");
    }

    @AfterEach
    void close() {
        host.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void setGetListRemove_relativeToTheTasksDirectory() {
        assertEquals(0, host.mkdir(t, "d", 0755));
        assertEquals(0, host.chdir(t, "d"));
        assertEquals(0, host.close(t, (int) host.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644)));
        assertEquals(0, host.setxattr(t, "f", "user.mime", UserBuffer.of(b("text/plain")), 10, 0));
        assertEquals(Errno.EEXIST.neg(), host.setxattr(t, "f", "user.mime", UserBuffer.of(b("x")), 1, 1));
        assertEquals(10, host.getxattr(t, "f", "user.mime", null, 0));
        UserBuffer out = UserBuffer.allocate(16);
        assertEquals(10, host.getxattr(t, "f", "user.mime", out, 16));
        assertArrayEquals(b("text/plain"), out.read(0, 10));
        assertEquals(Errno.ERANGE.neg(), host.getxattr(t, "f", "user.mime", out, 9));
        assertEquals(Errno.ENODATA.neg(), host.getxattr(t, "f", "security.selinux", out, 16));
        assertEquals("user.mime\0".length(), host.listxattr(t, "f", null, 0));
        UserBuffer list = UserBuffer.allocate(32);
        assertEquals(10, host.listxattr(t, "f", list, 32));
        assertArrayEquals(b("user.mime\0"), list.read(0, 10));
        assertEquals(0, host.removexattr(t, "f", "user.mime"));
        assertEquals(Errno.ENODATA.neg(), host.removexattr(t, "f", "user.mime"));
    }

    @Test
    void symlinkAndDescriptorForms_answerAsLinux() {
        assertEquals(0, host.close(t, (int) host.open(t, "f", Fcntl.O_WRONLY | Fcntl.O_CREAT, 0644)));
        assertEquals(0, host.symlink(t, "f", "l"));
        assertEquals(Errno.EPERM.neg(), host.lsetxattr(t, "l", "user.x", UserBuffer.of(b("1")), 1, 0));
        assertEquals(Errno.ENODATA.neg(), host.lgetxattr(t, "l", "user.x", UserBuffer.allocate(4), 4));
        assertEquals(0, host.setxattr(t, "l", "user.x", UserBuffer.of(b("1")), 1, 0));
        int fd = (int) host.open(t, "f", Fcntl.O_RDONLY, 0);
        UserBuffer out = UserBuffer.allocate(4);
        assertEquals(1, host.fgetxattr(t, fd, "user.x", out, 4));
        assertEquals(0, host.fsetxattr(t, fd, "user.y", UserBuffer.of(b("22")), 2, 0));
        assertEquals("user.x\0user.y\0".length(), host.flistxattr(t, fd, null, 0));
        assertEquals(0, host.fremovexattr(t, fd, "user.y"));
        assertEquals(Errno.EBADF.neg(), host.fgetxattr(t, 99, "user.x", out, 4));
        assertEquals(0, host.llistxattr(t, "l", null, 0));
        assertEquals(Errno.EPERM.neg(), host.lremovexattr(t, "l", "user.x"));
        assertEquals(Errno.EFAULT.neg(), host.setxattr(t, "f", "user.z", null, 4, 0));
        assertEquals(Errno.ERANGE.neg(), host.getxattr(t, "missing", "", out, 4));
    }
}
