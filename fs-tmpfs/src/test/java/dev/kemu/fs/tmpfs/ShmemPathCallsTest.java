package dev.kemu.fs.tmpfs;

import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.testing.PathCallsContract;
import dev.kemu.vfs.testing.TestMachine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The path calls on tmpfs ({@code shmem_rename2}, {@code shmem_link}, {@code shmem_symlink},
 * {@code offset_readdir}): names listed by offset, sizes in {@code BOGO_DIRENT_SIZE} units, and
 * RENAME_WHITEOUT supported.
 */
class ShmemPathCallsTest extends PathCallsContract {
    @Override
    protected TestMachine newMachine() throws Exception {
        return new Machine();
    }

    @Override
    protected String dir() {
        return "/tmp";
    }

    @Test
    void getdents64_tmpfs_listsNewestFirstAndARenamedNameMovesToTheHead() {
        m.touch("a");
        m.touch("b");
        m.touch("c");
        assertEquals(List.of(".", "..", "c", "b", "a"), list("."));
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "d")));
        assertEquals(List.of(".", "..", "d", "c", "b"), list("."));
    }

    /** What a 6.18 host printed for this sequence: d_off 1, 6, 5, 4, 2147483647. */
    @Test
    void getdents64_tmpfs_offsetsAreTheNextNamesOffsetThenEndOfDirectory() {
        m.touch("a");
        m.touch("b");
        m.touch("c");
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "d")));
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 4096);
        assertEquals(List.of(1L, 6L, 5L, 4L, 2147483647L), g.entries().stream().map(Dirent64::off).toList());
    }

    @Test
    void getdents64_tmpfs_resumesAtTheNameThatDidNotFit() {
        m.touch("a");
        m.touch("b");
        m.touch("c");
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        assertEquals(List.of(".", "..", "c"), m.getdents(fd, 72).entries().stream().map(Dirent64::name).toList());
        assertEquals(0, m.unlink("b"));
        assertEquals(List.of("a"), m.getdents(fd, 4096).entries().stream().map(Dirent64::name).toList(),
                "the walk restarts at the largest offset not above the position");
    }

    @Test
    void renameat2_whiteout_leavesACharacterDevice() {
        m.touch("a");
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "a", AT_FDCWD, "b", 4)));
        assertEquals(StatMode.S_IFCHR, m.lstatResult("a").stat().mode());
        assertEquals(StatMode.S_IFREG | 0644, m.stat("b").mode());
    }

    @Test
    void rename_link_symlink_keepBogoDirentSizes() {
        m.touch("a");
        assertEquals(60, m.stat(".").size());
        assertEquals(0, call(() -> m.sys.link(m.task, "a", "b")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "a", "c")));
        assertEquals(100, m.stat(".").size());
        assertEquals(0, m.mkdir("d", 0755));
        assertEquals(0, call(() -> m.sys.rename(m.task, "c", "d/c")));
        assertEquals(100, m.stat(".").size());
        assertEquals(60, m.stat("d").size());
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "b")), "same inode: nothing happens");
        assertEquals(100, m.stat(".").size());
    }
}
