package dev.kemu.fs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Xattr;
import org.junit.jupiter.api.Test;

/** procfs has no attribute handlers and no ACLs: what Linux answers for /proc/self/status. */
class ProcXattrTest {
    @Test
    void getxattr_procFile_eopnotsuppAndEmptyList() throws Exception {
        Machine m = new Machine();
        String status = "/proc/self/status";
        assertEquals(Errno.EOPNOTSUPP.neg(), m.getxattr(status, "user.x", 16).ret());
        assertEquals(Errno.EOPNOTSUPP.neg(), m.getxattr(status, "security.selinux", 16).ret());
        assertEquals(Errno.EOPNOTSUPP.neg(), m.getxattr(status, Xattr.POSIX_ACL_ACCESS, 16).ret());
        assertEquals(Errno.EOPNOTSUPP.neg(), m.setxattr(status, "user.x", new byte[] {1}, 0));
        assertEquals(0, m.listxattr(status, 0).ret());
        assertEquals(Errno.EOPNOTSUPP.neg(), m.getxattr("/proc/self", "trusted.x", 16).ret());
    }
}
