package dev.kemu.fs.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.MountException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * chown and chmod in procfs as a 6.18 host answered them to root: {@code proc_sys_setattr}
 * refuses owners and modes in /proc/sys, {@code proc_setattr} refuses modes under /proc/PID and
 * the owners of the /proc/PID directory, {@code proc_notify_change} takes both elsewhere.
 */
class ProcOwnerTest {
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    private long chown(String path, int uid, int gid) {
        return m.call(() -> m.sys.chown(m.task, path, uid, gid));
    }

    private long chmod(String path, int mode) {
        return m.call(() -> m.sys.chmod(m.task, path, mode));
    }

    @Test
    void chown_procSys_returnsEpermUnlessBothUnchanged() {
        for (String p : new String[] {"/proc/sys", "/proc/sys/fs", "/proc/sys/fs/pipe-max-size", "/proc/sys/fs/pipe-user-pages-soft"}) {
            assertEquals(Errno.EPERM.neg(), chown(p, 0, 0), p);
            assertEquals(Errno.EPERM.neg(), chown(p, 5, -1), p);
            assertEquals(Errno.EPERM.neg(), chown(p, -1, 5), p);
            assertEquals(0, chown(p, -1, -1), p);
            assertEquals(Errno.EPERM.neg(), chmod(p, 0600), p);
        }
        assertEquals(0, m.stat("/proc/sys/fs/pipe-max-size").uid());
        assertEquals(StatMode.S_IFREG | 0644, m.stat("/proc/sys/fs/pipe-max-size").mode());
    }

    @Test
    void chown_procPidDirectory_returnsEpermButItsFilesChange() {
        assertEquals(Errno.EPERM.neg(), chown("/proc/self", 0, 0));
        assertEquals(0, chown("/proc/self", -1, -1));
        assertEquals(Errno.EPERM.neg(), chmod("/proc/self", 0500));
        assertEquals(0, chown("/proc/self/status", 5, 6));
        assertEquals(5, m.stat("/proc/self/status").uid());
        assertEquals(Errno.EPERM.neg(), chmod("/proc/self/status", 0400));
    }

    @Test
    void chown_procVersionAndRoot_change() {
        assertEquals(0, chown("/proc/version", 5, 5));
        assertEquals(5, m.stat("/proc/version").gid());
        assertEquals(0, chown("/proc", 0, 0));
    }
}
