package dev.kemu.fs.tmpfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.Xattr;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Extended attributes on tmpfs: {@code simple_xattr} semantics, ordering, ACLs, the 6.6 user handler. */
class ShmemXattrTest {
    private Machine m;

    @BeforeEach
    void setUp() throws Exception {
        m = new Machine();
        m.touch("/tmp/f");
        assertEquals(0, m.mkdir("/tmp/d", 0755));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void setxattr_thenGet_returnsValueAndLength() {
        assertEquals(0, m.setxattr("/tmp/f", "user.mime", b("text/plain"), 0));
        assertEquals(10, m.getxattr("/tmp/f", "user.mime", 0).ret());
        assertEquals("text/plain", m.getxattr("/tmp/f", "user.mime", 64).text());
        assertEquals(Errno.ERANGE.neg(), m.getxattr("/tmp/f", "user.mime", 9).ret());
    }

    @Test
    void getxattr_absent_enodata() {
        assertEquals(Errno.ENODATA.neg(), m.getxattr("/tmp/f", "security.selinux", 255).ret());
        assertEquals(Errno.ENODATA.neg(), m.getxattr("/tmp/f", "user.none", 255).ret());
        assertEquals(Errno.ENODATA.neg(), m.getxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, 255).ret());
    }

    @Test
    void setxattr_createAndReplaceFlags_eexistAndEnodata() {
        assertEquals(Errno.ENODATA.neg(), m.setxattr("/tmp/f", "user.a", b("1"), Xattr.XATTR_REPLACE));
        assertEquals(0, m.setxattr("/tmp/f", "user.a", b("1"), Xattr.XATTR_CREATE));
        assertEquals(Errno.EEXIST.neg(), m.setxattr("/tmp/f", "user.a", b("2"), Xattr.XATTR_CREATE));
        assertEquals(0, m.setxattr("/tmp/f", "user.a", b("22"), Xattr.XATTR_REPLACE));
        assertEquals("22", m.getxattr("/tmp/f", "user.a", 8).text());
    }

    @Test
    void setxattr_emptyValue_keepsAnEmptyAttribute() {
        assertEquals(0, m.setxattr("/tmp/f", "user.e", new byte[0], 0));
        assertEquals(0, m.getxattr("/tmp/f", "user.e", 8).ret());
        assertEquals(List.of("user.e"), m.xattrNames("/tmp/f"));
    }

    @Test
    void listxattr_namesInTreeOrder_aclsFirst() {
        assertEquals(0, m.setxattr("/tmp/f", "user.zeta", b("1"), 0));
        assertEquals(0, m.setxattr("/tmp/f", "trusted.t", b("1"), 0));
        assertEquals(0, m.setxattr("/tmp/f", "user.alpha", b("1"), 0));
        assertEquals(0, m.setxattr("/tmp/f", "security.s", b("1"), 0));
        assertEquals(0, m.setxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, acl(6, 4, 4, false), 0));
        assertEquals(List.of(Xattr.POSIX_ACL_ACCESS, "security.s", "trusted.t", "user.alpha", "user.zeta"), m.xattrNames("/tmp/f"));
        long len = m.listxattr("/tmp/f", 0).ret();
        assertEquals(Xattr.POSIX_ACL_ACCESS.length() + 1 + 11 + 10 + 11 + 10, len);
        assertEquals(Errno.ERANGE.neg(), m.listxattr("/tmp/f", (int) len - 1).ret());
    }

    @Test
    void listxattr_withoutCapSysAdmin_hidesTrusted() {
        assertEquals(0, m.setxattr("/tmp/f", "trusted.t", b("1"), 0));
        assertEquals(0, m.setxattr("/tmp/f", "user.u", b("1"), 0));
        m.task.dropCapability(dev.kemu.vfs.Capability.CAP_SYS_ADMIN);
        assertEquals(List.of("user.u"), m.xattrNames("/tmp/f"));
    }

    @Test
    void removexattr_presentThenAbsent_enodata() {
        assertEquals(0, m.setxattr("/tmp/d", "user.a", b("1"), 0));
        assertEquals(0, m.removexattr("/tmp/d", "user.a"));
        assertEquals(Errno.ENODATA.neg(), m.removexattr("/tmp/d", "user.a"));
        assertEquals(List.of(), m.xattrNames("/tmp/d"));
    }

    /** An ACL: user::u, [user:1000:rwx, mask] group::g, other::o. */
    static byte[] acl(int u, int g, int o, boolean minimal) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(minimal ? 28 : 44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bb.putInt(2);
        bb.putShort((short) 1).putShort((short) u).putInt(-1);
        if (!minimal) {
            bb.putShort((short) 2).putShort((short) 7).putInt(1000);
        }
        bb.putShort((short) 4).putShort((short) g).putInt(-1);
        if (!minimal) {
            bb.putShort((short) 0x10).putShort((short) 5).putInt(-1);
        }
        bb.putShort((short) 0x20).putShort((short) o).putInt(-1);
        return bb.array();
    }

    @Test
    void setxattr_minimalAccessAcl_setsModeOnly() {
        assertEquals(0, m.setxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, acl(7, 5, 0, true), 0));
        assertEquals(0750, m.stat("/tmp/f").mode() & 0777);
        assertEquals(Errno.ENODATA.neg(), m.getxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, 256).ret());
    }

    @Test
    void setxattr_extendedAccessAcl_storedAndModeFromMask() {
        byte[] acl = acl(6, 4, 0, false);
        assertEquals(0, m.setxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, acl, 0));
        assertEquals(0650, m.stat("/tmp/f").mode() & 0777);
        assertArrayEquals(acl, m.getxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, 256).data());
    }

    @Test
    void setxattr_invalidAcl_einval() {
        byte[] acl = acl(6, 4, 0, false);
        acl[6] = 8; // user_obj permissions outside rwx
        assertEquals(Errno.EINVAL.neg(), m.setxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, acl, 0));
        byte[] noMask = java.util.Arrays.copyOf(acl(6, 4, 0, false), 44);
        noMask[28] = 0x20; // the mask entry becomes a second other entry
        assertEquals(Errno.EINVAL.neg(), m.setxattr("/tmp/f", Xattr.POSIX_ACL_ACCESS, noMask, 0));
    }

    @Test
    void setxattr_defaultAclOnFile_eaccesButRemoveIsNoop() {
        assertEquals(Errno.EACCES.neg(), m.setxattr("/tmp/f", Xattr.POSIX_ACL_DEFAULT, acl(6, 4, 4, true), 0));
        assertEquals(0, m.removexattr("/tmp/f", Xattr.POSIX_ACL_DEFAULT));
        assertEquals(0, m.setxattr("/tmp/d", Xattr.POSIX_ACL_DEFAULT, acl(6, 4, 4, true), 0));
        assertEquals(List.of(Xattr.POSIX_ACL_DEFAULT), m.xattrNames("/tmp/d"));
    }

    @Test
    void lsetxattr_aclOnSymlink_eopnotsupp() {
        assertEquals(0, m.call(() -> m.sys.symlink(m.task, "f", "/tmp/l")));
        assertEquals(Errno.EOPNOTSUPP.neg(), m.lsetxattr("/tmp/l", Xattr.POSIX_ACL_ACCESS, acl(6, 4, 4, true), 0));
        assertEquals(Errno.EOPNOTSUPP.neg(), m.lgetxattr("/tmp/l", Xattr.POSIX_ACL_ACCESS, 64).ret());
        assertEquals(0, m.lsetxattr("/tmp/l", "trusted.t", b("1"), 0));
        assertEquals("1", m.lgetxattr("/tmp/l", "trusted.t", 8).text());
    }

    @Test
    void fsetxattr_onOpenFile_seenByPath() {
        int fd = m.openOk("/tmp/f", Fcntl.O_RDONLY, 0);
        byte[] v = b("abc");
        assertEquals(0, m.call(() -> m.sys.fsetxattr(m.task, fd, "user.f", UserBuffer.of(v), 3, 0)));
        UserBuffer out = UserBuffer.allocate(8);
        assertEquals(3, m.call(() -> m.sys.fgetxattr(m.task, fd, "user.f", out, 8)));
        assertEquals("user.f\0".length(), m.call(() -> m.sys.flistxattr(m.task, fd, null, 0)));
        assertEquals(0, m.call(() -> m.sys.fremovexattr(m.task, fd, "user.f")));
        assertEquals(0, m.close(fd));
    }

    @Test
    void setxattr_userBefore66_eopnotsupp() throws Exception {
        VfsSyscalls old = new VfsSyscalls(new VfsBehaviour() {
            @Override
            public boolean shmemUserXattr() {
                return false;
            }
        });
        byte[] v = b("1");
        assertEquals(Errno.EOPNOTSUPP.neg(), m.call(() -> old.setxattr(m.task, "/tmp/f", "user.a", UserBuffer.of(v), 1, 0)));
        assertEquals(0, m.call(() -> old.setxattr(m.task, "/tmp/f", "trusted.a", UserBuffer.of(v), 1, 0)));
    }
}
