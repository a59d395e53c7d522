package dev.kemu.vfs.ramfs;

import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.testing.PathCallsContract;
import dev.kemu.vfs.testing.TestMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The path calls on ramfs ({@code simple_rename}, {@code dcache_readdir}). */
class RamfsPathCallsTest extends PathCallsContract {
    @Override
    protected TestMachine newMachine() throws Exception {
        return TestMachine.mounted("ramfs", "/mnt", Map.of());
    }

    @Override
    protected String dir() {
        return "/mnt";
    }

    @Test
    void getdents64_ramfs_listsNewestFirst() {
        m.touch("a");
        m.touch("b");
        m.touch("c");
        assertEquals(List.of(".", "..", "c", "b", "a"), list("."));
    }

    @Test
    void renameat2_whiteout_returnsEinval() {
        m.touch("a");
        assertEquals(Errno.EINVAL.neg(), call(() -> m.sys.renameat2(m.task, AT_FDCWD, "a", AT_FDCWD, "b", 4)));
    }
}
