package dev.kemu.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The attribute calls' checks and their order, on ramfs (no attribute handlers, no ACLs). */
class XattrCallsTest {
    private Sys s;

    @BeforeEach
    void setUp() {
        s = new Sys();
        assertEquals(0, s.run(() -> s.calls.mkdir(s.task, "/d", 0755)));
        assertEquals(0, s.run(() -> s.calls.close(s.task, (int) s.open("/f", Fcntl.O_CREAT | Fcntl.O_WRONLY, 0644))));
        assertEquals(0, s.run(() -> s.calls.symlink(s.task, "f", "/l")));
    }

    private long set(String path, String name, byte[] v, int flags) {
        return s.run(() -> s.calls.setxattr(s.task, path, name, UserBuffer.of(v), v.length, flags));
    }

    private long lset(String path, String name, byte[] v) {
        return s.run(() -> s.calls.lsetxattr(s.task, path, name, UserBuffer.of(v), v.length, 0));
    }

    private long get(String path, String name, int size) {
        return s.run(() -> s.calls.getxattr(s.task, path, name, UserBuffer.allocate(Math.max(1, size)), size));
    }

    private long lget(String path, String name) {
        return s.run(() -> s.calls.lgetxattr(s.task, path, name, UserBuffer.allocate(16), 16));
    }

    private static byte[] b(String v) {
        return v.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String name(int bytes) {
        return "user." + "n".repeat(bytes - 5);
    }

    @Test
    void getxattr_ramfsSecuritySelinux_eopnotsupp() {
        assertEquals(Errno.EOPNOTSUPP.neg(), get("/f", "security.selinux", 255));
        assertEquals(Errno.EOPNOTSUPP.neg(), get("/f", "user.x", 255));
        assertEquals(Errno.EOPNOTSUPP.neg(), get("/f", Xattr.POSIX_ACL_ACCESS, 255));
    }

    @Test
    void setxattr_ramfs_eopnotsupp() {
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/f", "user.x", b("1"), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/d", "trusted.x", b("1"), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/f", "user.", b("1"), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), s.run(() -> s.calls.removexattr(s.task, "/f", "user.x")));
    }

    @Test
    void listxattr_ramfs_emptyList() {
        assertEquals(0, s.run(() -> s.calls.listxattr(s.task, "/f", UserBuffer.allocate(64), 64)));
        assertEquals(0, s.run(() -> s.calls.listxattr(s.task, "/f", null, 0)));
    }

    @Test
    void setxattr_badFlags_einvalBeforeTheName() {
        assertEquals(Errno.EINVAL.neg(), set("/f", "", b("1"), 4));
    }

    @Test
    void setxattr_nameLength_erangeOver255() {
        assertEquals(Errno.ERANGE.neg(), set("/f", "", b("1"), 0));
        assertEquals(Errno.ERANGE.neg(), set("/f", name(256), b("1"), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/f", name(255), b("1"), 0));
        assertEquals(Errno.ERANGE.neg(), get("/f", name(256), 0));
        assertEquals(Errno.ERANGE.neg(), get("/f", "", 0));
    }

    @Test
    void setxattr_nameAndValueCheckedBeforeTheLookup() {
        assertEquals(Errno.ERANGE.neg(), set("/missing", "", b("1"), 0));
        assertEquals(Errno.E2BIG.neg(), set("/missing", "user.x", new byte[Xattr.XATTR_SIZE_MAX + 1], 0));
        assertEquals(Errno.ENOENT.neg(), set("/missing", "user.x", new byte[Xattr.XATTR_SIZE_MAX], 0));
        assertEquals(Errno.ERANGE.neg(), get("/missing", "", 0));
        assertEquals(Errno.ENOENT.neg(), get("/missing", "user.x", 0));
    }

    @Test
    void setxattr_faultingNameOrValue_efault() {
        assertEquals(Errno.EFAULT.neg(), s.run(() -> s.calls.setxattr(s.task, "/f", null, UserBuffer.of(b("1")), 1, 0)));
        assertEquals(Errno.EFAULT.neg(), s.run(() -> s.calls.setxattr(s.task, "/f", "user.x", null, 4, 0)));
        assertEquals(Errno.EFAULT.neg(), s.run(() -> s.calls.setxattr(s.task, null, "user.x", UserBuffer.of(b("1")), 1, 0)));
    }

    @Test
    void lsetxattr_userOnSymlink_epermAndEnodataToRead() {
        assertEquals(Errno.EPERM.neg(), lset("/l", "user.x", b("1")));
        assertEquals(Errno.ENODATA.neg(), lget("/l", "user.x"));
        assertEquals(Errno.EOPNOTSUPP.neg(), lget("/l", "trusted.x"));
    }

    @Test
    void setxattr_trustedWithoutCapSysAdmin_epermAndEnodataToRead() {
        s.task.dropCapability(Capability.CAP_SYS_ADMIN);
        assertEquals(Errno.EPERM.neg(), set("/f", "trusted.x", b("1"), 0));
        assertEquals(Errno.ENODATA.neg(), get("/f", "trusted.x", 16));
        assertEquals(Errno.EPERM.neg(), set("/f", "security.x", b("1"), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), get("/f", "security.x", 16));
    }

    @Test
    void fgetxattr_badOrPathDescriptor_ebadfAfterTheName() {
        assertEquals(Errno.ERANGE.neg(), s.run(() -> s.calls.fgetxattr(s.task, 99, "", UserBuffer.allocate(1), 1)));
        assertEquals(Errno.EINVAL.neg(), s.run(() -> s.calls.fsetxattr(s.task, 99, "user.x", UserBuffer.of(b("1")), 1, 8)));
        assertEquals(Errno.ERANGE.neg(), s.run(() -> s.calls.fremovexattr(s.task, 99, "")));
        assertEquals(Errno.EBADF.neg(), s.run(() -> s.calls.fgetxattr(s.task, 99, "user.x", UserBuffer.allocate(1), 1)));
        assertEquals(Errno.EBADF.neg(), s.run(() -> s.calls.flistxattr(s.task, 99, null, 0)));
        int fd = (int) s.open("/f", Fcntl.O_PATH, 0);
        assertEquals(Errno.EBADF.neg(), s.run(() -> s.calls.fgetxattr(s.task, fd, "user.x", UserBuffer.allocate(1), 1)));
        assertEquals(Errno.EBADF.neg(), s.run(() -> s.calls.flistxattr(s.task, fd, UserBuffer.allocate(1), 1)));
        assertEquals(Errno.EBADF.neg(), s.run(() -> s.calls.fremovexattr(s.task, fd, "user.x")));
        int rd = (int) s.open("/f", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.ERANGE.neg(), s.run(() -> s.calls.fgetxattr(s.task, rd, "", UserBuffer.allocate(1), 1)));
        assertEquals(Errno.EOPNOTSUPP.neg(), s.run(() -> s.calls.fgetxattr(s.task, rd, "user.x", UserBuffer.allocate(1), 1)));
    }

    @Test
    void setxattr_aclHeaderChecked_beforeAclSupport() {
        assertEquals(Errno.EINVAL.neg(), set("/f", Xattr.POSIX_ACL_ACCESS, new byte[] {2, 0, 0}, 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/f", Xattr.POSIX_ACL_ACCESS, new byte[] {1, 0, 0, 0}, 0));
        assertEquals(Errno.EINVAL.neg(), set("/f", Xattr.POSIX_ACL_ACCESS, new byte[] {2, 0, 0, 0, 1}, 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), set("/f", Xattr.POSIX_ACL_ACCESS, new byte[] {2, 0, 0, 0}, 0));
    }
}
