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
    void getdents64_tmpfs_listsByCreationAndARenamedNameMovesLast() {
        m.touch("a");
        m.touch("b");
        m.touch("c");
        assertEquals(List.of(".", "..", "a", "b", "c"), list("."));
        assertEquals(0, call(() -> m.sys.rename(m.task, "a", "d")));
        assertEquals(List.of(".", "..", "b", "c", "d"), list("."));
    }

    @Test
    void getdents64_tmpfs_offsetsAreNextOffsets() {
        m.touch("a");
        m.touch("b");
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 4096);
        assertEquals(List.of(1L, 2L, 3L, 4L), g.entries().stream().map(Dirent64::off).toList());
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
