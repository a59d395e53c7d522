package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.UserBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribute calls through {@link Kernel} on a ramfs root: no handlers, as Linux's ramfs. */
class XattrSyscallsTest {
    private static final List<String> CALLS = List.of("setxattr", "lsetxattr", "fsetxattr", "getxattr", "lgetxattr",
            "fgetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr", "lremovexattr", "fremovexattr");

    @Test
    void table_hasEveryAttributeCall_from310() {
        for (String c : CALLS) {
            assertTrue(SyscallTable.forVersion(KernelVersion.parse("3.10")).has(c), c);
        }
    }

    @Test
    void getxattr_ramfsRoot_eopnotsuppAndEmptyList() {
        Booted b = new Booted();
        int fd = b.open("/f", Fcntl.O_CREAT | Fcntl.O_RDWR);
        UserBuffer buf = UserBuffer.allocate(255);
        assertEquals(Errno.EOPNOTSUPP.neg(), b.k.lgetxattr(b.t, "/f", "security.selinux", buf, 255));
        assertEquals(Errno.EOPNOTSUPP.neg(), b.k.getxattr(b.t, "/f", "system.posix_acl_access", buf, 255));
        assertEquals(Errno.EOPNOTSUPP.neg(), b.k.fsetxattr(b.t, fd, "user.a", UserBuffer.of(new byte[] {1}), 1, 0));
        assertEquals(0, b.k.listxattr(b.t, "/f", null, 0));
        assertEquals(0, b.k.flistxattr(b.t, fd, buf, 255));
        assertEquals(Errno.ENOENT.neg(), b.k.removexattr(b.t, "/missing", "user.a"));
        assertEquals(Errno.EBADF.neg(), b.k.fgetxattr(b.t, 99, "user.a", buf, 255));
        assertEquals(Errno.EFAULT.neg(), b.k.setxattr(b.t, "/f", null, null, 0, 0));
    }
}
