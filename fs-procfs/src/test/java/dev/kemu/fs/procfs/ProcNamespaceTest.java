package dev.kemu.fs.procfs;

import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.spi.MountException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Names in procfs: rename, link and symlink refused as Linux refuses them (no such name is
 * ENOENT from lookup itself, another mount EXDEV, the same inode nothing), and listing.
 */
class ProcNamespaceTest {
    private Machine m;

    @BeforeEach
    void setUp() throws MountException {
        m = new Machine();
    }

    @Test
    void rename_inProc_isRefused() {
        assertEquals(Errno.ENOENT.neg(), m.call(() -> m.sys.rename(m.task, "/proc/version", "/proc/renamed")));
        assertEquals(Errno.EXDEV.neg(), m.call(() -> m.sys.rename(m.task, "/proc/version", "/work/version")));
        assertEquals(0, m.call(() -> m.sys.rename(m.task, "/proc/version", "/proc/version")), "the same inode");
        assertEquals(Errno.ENOTDIR.neg(), m.call(() -> m.sys.rename(m.task, "/proc/sys", "/proc/version")));
        assertEquals(Errno.ENOENT.neg(), m.call(() -> m.sys.renameat2(m.task, AT_FDCWD, "/proc/version", AT_FDCWD,
                "/proc/sys/x", 2)));
    }

    @Test
    void linkAndSymlink_inProc_returnEnoent() {
        assertEquals(Errno.ENOENT.neg(), m.call(() -> m.sys.symlink(m.task, "x", "/proc/new")));
        assertEquals(Errno.ENOENT.neg(), m.call(() -> m.sys.link(m.task, "/proc/version", "/proc/new")));
        m.touch("/work/f");
        assertEquals(Errno.ENOENT.neg(), m.call(() -> m.sys.link(m.task, "/work/f", "/proc/new")));
    }

    @Test
    void getdents64_procRoot_listsTheTableThenSelf() {
        int fd = m.openOk("/proc", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 4096);
        assertEquals(List.of(".", "..", "sys", "version", "self"), g.entries().stream().map(Dirent64::name).toList());
        assertEquals(10, g.entries().get(4).type(), "self is a symbolic link in Linux");
        assertEquals(List.of(".", "..", "pipe-max-size", "pipe-user-pages-hard", "pipe-user-pages-soft"), m.getdents(m.openOk("/proc/sys/fs", O_RDONLY | O_DIRECTORY, 0), 4096)
                .entries().stream().map(Dirent64::name).toList());
    }
}
