package dev.kemu.fs.ext4;

import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Dirent64;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.testing.PathCallsContract;
import dev.kemu.vfs.testing.TestMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The path calls on ext4 ({@code ext4_rename2}, {@code ext4_link}, {@code ext4_symlink},
 * {@code ext4_readdir}), each test ending with {@link Ext4Fsck} finding nothing; one workload is
 * also written to an image and checked with the real {@code e2fsck -fn}.
 */
class Ext4PathCallsTest extends PathCallsContract {
    @TempDir
    Path tmp;

    @Override
    protected TestMachine newMachine() throws Exception {
        return TestMachine.mounted("ext4", "/mnt", Map.of("size", "64m"));
    }

    @Override
    protected String dir() {
        return "/mnt";
    }

    @AfterEach
    void fsckClean() {
        if (m != null) {
            SuperBlock sb = m.mountedSb();
            assertEquals(List.of(), Ext4Fsck.check(sb));
            m.vfs.shutdown();
        }
    }

    @Test
    void symlink_shortBodyIsFastLongBodyTakesABlock() {
        assertEquals(0, call(() -> m.sys.symlink(m.task, "x".repeat(59), "fast")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "y".repeat(60), "slow")));
        assertEquals(0, m.lstatResult("fast").stat().blocks());
        assertEquals(8, m.lstatResult("slow").stat().blocks());
        assertEquals("x".repeat(59), m.readlink("fast", 100).text());
        assertEquals("y".repeat(60), m.readlink("slow", 100).text());
        assertEquals(dev.kemu.vfs.Errno.ENAMETOOLONG.neg(), call(() -> m.sys.symlink(m.task, "z".repeat(4096), "huge")));
    }

    @Test
    void getdents64_ext4_listsInBlockOrderWithBytePositions() {
        m.touch("a");
        m.touch("bb");
        m.touch("c");
        assertEquals(List.of(".", "..", "lost+found", "a", "bb", "c"), list("."));
        assertEquals(0, m.unlink("bb"));
        m.touch("d");
        assertEquals(List.of(".", "..", "lost+found", "a", "d", "c"), list("."), "d takes the space bb left");
        int fd = m.openOk(".", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 4096);
        assertEquals(List.of(12L, 24L, 44L, 56L, 68L, 4096L), g.entries().stream().map(Dirent64::off).toList());
    }

    @Test
    void rename_link_symlink_chmod_utimes_onImage_e2fsckClean() throws Exception {
        HostTools.assumeAvailable();
        m.vfs.shutdown();
        Path img = tmp.resolve("paths.img");
        m = new TestMachine("ext4", img.toString(), "/mnt", Map.of("size", "64m"), "/mnt") {
        };
        m.task.setUmask(022);
        assertEquals(0, m.mkdir("p", 0755));
        assertEquals(0, m.mkdir("q", 0755));
        assertEquals(0, m.mkdir("p/d", 0755));
        assertEquals(0, m.mkdir("p/e", 0755));
        assertEquals(0, m.mkdir("q/e", 0755));
        for (int i = 0; i < 50; i++) {
            m.touch("q/f" + i);
        }
        assertEquals(0, call(() -> m.sys.rename(m.task, "p/d", "q/d")));
        assertEquals(0, call(() -> m.sys.rename(m.task, "p/e", "q/e")), "replaces an empty directory");
        assertEquals(0, call(() -> m.sys.rename(m.task, "q/f1", "q/f2")), "replaces a file");
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "q/f3", AT_FDCWD, "q/d", 2)));
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "q/f3", AT_FDCWD, "p/moved", 0)));
        assertEquals(0, call(() -> m.sys.renameat2(m.task, AT_FDCWD, "q/f4", AT_FDCWD, "p/w", 4)));
        assertEquals(StatMode.S_IFCHR, m.lstatResult("q/f4").stat().mode());
        assertEquals(0, call(() -> m.sys.link(m.task, "q/f5", "p/hard")));
        assertEquals(0, call(() -> m.sys.link(m.task, "q/f5", "hard2")));
        assertEquals(0, m.unlink("q/f5"));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "short", "q/s")));
        assertEquals(0, call(() -> m.sys.symlink(m.task, "/mnt/" + "long/".repeat(30), "q/l")));
        assertEquals(0, call(() -> m.sys.chmod(m.task, "q/f6", 04711)));
        assertEquals(0, call(() -> m.sys.utimensat(m.task, AT_FDCWD, "q/f7", List.of(new Timespec(1000, 0), new Timespec(2000, 0)), 0)));
        assertEquals(2, m.stat("p/hard").nlink());
        assertEquals(List.of(), Ext4Fsck.check(m.mountedSb()));
        m.vfs.shutdown();
        HostTools.assertE2fsckClean(img);
        HostTools.Result stat = HostTools.run(HostTools.DEBUGFS, "-R", "stat /q/f6", img.toString());
        assertTrue(stat.text().contains("Mode:  04711"), stat.text());
        HostTools.Result link = HostTools.run(HostTools.DEBUGFS, "-R", "stat /q/s", img.toString());
        assertTrue(link.text().contains("Fast link dest: \"short\""), link.text());
        m = TestMachine.mounted("ext4", "/mnt", Map.of("size", "16m"));
    }
}
