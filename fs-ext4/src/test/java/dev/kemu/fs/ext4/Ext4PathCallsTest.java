package dev.kemu.fs.ext4;

import static dev.kemu.vfs.Fcntl.AT_FDCWD;
import static dev.kemu.vfs.Fcntl.O_DIRECTORY;
import static dev.kemu.vfs.Fcntl.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.fs.ext4.disklayout.Ext4DirHash;
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
    void getdents64_ext4_directoryOfTwoBlocks_listsInBlockOrderWithBytePositions() {
        assertEquals(0, m.mkdir("big", 0755));
        List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String n = String.format("a_longer_file_name_%03d", i);
            m.touch("big/" + n);
            made.add(n);
        }
        assertEquals(8192, m.stat("big").size(), "no longer one block: ext4_readdir reads it linearly");
        List<String> expected = new java.util.ArrayList<>(List.of(".", ".."));
        expected.addAll(made);
        assertEquals(expected, list("big"));
        int fd = m.openOk("big", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 64);
        assertEquals(List.of(12L, 24L), g.entries().stream().map(Dirent64::off).toList());
        assertEquals(0, m.unlink("big/a_longer_file_name_001"));
        m.touch("big/b");
        assertTrue(list("big").indexOf("b") == 3, "b takes the space a_longer_file_name_001 left");
    }

    /** {@code hash2pos}: the major hash halved in the upper 32 bits, the minor hash below. */
    private static long hash2pos(Ext4DirHash.Hash h) {
        return (h.major() >>> 1) << 32 | h.minor();
    }

    @Test
    void getdents64_ext4_oneBlockDirectory_listsInHashOrderDotsIncluded() {
        assertEquals(0, m.mkdir("d", 0755));
        List<String> names = List.of("alpha", "beta", "gamma", "delta", "epsilon");
        names.forEach(n -> m.touch("d/" + n));
        var es = Ext4SbInfo.of(m.mountedSb().root().inode()).es();
        List<String> all = new java.util.ArrayList<>(names);
        all.add(".");
        all.add("..");
        all.sort(java.util.Comparator.comparing(
                n -> Ext4DirHash.hash(n.getBytes(), es.defHashVersion(), es.hashSeed())));
        int fd = m.openOk("d", O_RDONLY | O_DIRECTORY, 0);
        Getdents g = m.getdents(fd, 4096);
        assertEquals(all, g.entries().stream().map(Dirent64::name).toList());
        for (int i = 0; i + 1 < all.size(); i++) {
            long next = hash2pos(Ext4DirHash.hash(all.get(i + 1).getBytes(), es.defHashVersion(), es.hashSeed()));
            assertEquals(next, g.entries().get(i).off(), all.get(i));
        }
        assertEquals(Long.MAX_VALUE, g.entries().get(all.size() - 1).off(), "EXT4_HTREE_EOF_64BIT");
        assertEquals(0, m.getdents(fd, 4096).ret());
        int again = m.openOk("d", O_RDONLY | O_DIRECTORY, 0);
        List<String> oneByOne = new java.util.ArrayList<>();
        for (Getdents one = m.getdents(again, 40); one.ret() > 0; one = m.getdents(again, 40)) {
            oneByOne.add(one.entries().get(0).name());
        }
        assertEquals(all, oneByOne, "each call resumes at the hash of the name that did not fit");
    }

    @Test
    void getdents64_ext4_hashOrder_isWhatE2fsprogsComputes() throws Exception {
        HostTools.assumeAvailable();
        m.vfs.shutdown();
        Path img = tmp.resolve("order.img");
        m = new TestMachine("ext4", img.toString(), "/mnt", Map.of("size", "16m"), "/mnt") {
        };
        List<String> names = List.of("one", "two", "three", "four", "five", "six");
        names.forEach(n -> m.touch(n));
        List<String> listed = list(".");
        m.vfs.shutdown();
        String seed = HostTools.run(HostTools.DUMPE2FS, "-h", img.toString()).text().lines()
                .filter(l -> l.startsWith("Directory Hash Seed:")).findFirst().orElseThrow().split(":\\s+")[1].trim();
        List<String> all = new java.util.ArrayList<>(names);
        all.addAll(List.of(".", "..", "lost+found"));
        java.util.Map<String, Long> major = new java.util.HashMap<>();
        java.util.Map<String, Long> minor = new java.util.HashMap<>();
        for (String n : all) {
            String out = HostTools.run(HostTools.DEBUGFS, "-R", "dx_hash -h half_md4 -s " + seed + " " + n, img.toString()).text();
            java.util.regex.Matcher mt = java.util.regex.Pattern.compile("is 0x([0-9a-f]+) \\(minor 0x([0-9a-f]+)\\)").matcher(out);
            assertTrue(mt.find(), out);
            major.put(n, Long.parseLong(mt.group(1), 16) & ~1L);
            minor.put(n, Long.parseLong(mt.group(2), 16));
        }
        all.sort(java.util.Comparator.comparing((String n) -> major.get(n)).thenComparing(n -> minor.get(n)));
        assertEquals(all, listed);
        m = TestMachine.mounted("ext4", "/mnt", Map.of("size", "16m"));
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
