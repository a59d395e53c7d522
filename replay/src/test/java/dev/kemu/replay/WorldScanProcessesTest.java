package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.strace.TraceParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The first pass over logs of several processes ({@code strace -f}): each pid's descriptors and working directory,
 * as {@code kernel/fork.c:copy_process()} passes them on, so each file learns what its own process read.
 */
class WorldScanProcessesTest {
    static final String CHILD_TIDPTR = ", child_tidptr=0x7f0000000a10";
    static final String FORK = "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD"
            + CHILD_TIDPTR + ")";
    static final String THREAD = "clone(child_stack=0x7f0000100000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND"
            + "|CLONE_THREAD|CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[101],"
            + " tls=0x7f0000200000" + CHILD_TIDPTR + ")";

    static ExternalFiles scan(String log) {
        return ExternalFiles.scan(LogSource.of(TraceParser.parse("t.strace", log)), "/home/u");
    }

    /** What the scan learnt of {@code path}'s bytes: offset to text. */
    static Map<Long, String> data(ExternalFiles world, String path) {
        ExternalFiles.Known k = world.files().get(path);
        assertNotNull(k, path + " not learnt");
        Map<Long, String> m = new LinkedHashMap<>();
        k.data.forEach((off, bytes) -> m.put(off, new String(bytes, StandardCharsets.ISO_8859_1)));
        return m;
    }

    @Test
    void scan_twoProcessesWithDescriptorThreeOnDifferentFiles_eachFileLearnsItsOwnReads() {
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   %s = 101
                101   close(3) = 0
                101   openat(AT_FDCWD, "/data/b", O_RDONLY) = 3
                100   read(3, "aaaa", 4) = 4
                101   read(3, "bbbbbb", 6) = 6
                100   read(3, "AA", 4) = 2
                101   read(3, "BB", 4) = 2
                """.formatted(FORK));
        assertEquals(Map.of(0L, "aaaa", 4L, "AA"), data(world, "/data/a"));
        assertEquals(Map.of(0L, "bbbbbb", 6L, "BB"), data(world, "/data/b"));
    }

    @Test
    void scan_splitReadResumedAfterAnotherProcessOpensTheSameNumber_learntForTheReadersFile() {
        // cat f > b beside cat a > f: each child's fd 3 is its own file; the reader's call resumes after the other
        // child opened and read a.
        ExternalFiles world = scan("""
                100   %1$s = 101
                100   %1$s = 102
                102   openat(AT_FDCWD, "b", O_RDONLY) = 3
                102   read(3,  <unfinished ...>
                101   openat(AT_FDCWD, "a", O_RDONLY) = 3
                101   read(3, "1\\n2\\n", 131072) = 4
                101   read(3, "", 131072) = 0
                102   <... read resumed>"xyz", 131072) = 3
                101   close(3) = 0
                102   read(3, "", 131072) = 0
                """.formatted(FORK));
        assertEquals(Map.of(0L, "1\n2\n", 4L, ""), data(world, "/home/u/a"));
        assertEquals(Map.of(0L, "xyz", 3L, ""), data(world, "/home/u/b"));
    }

    @Test
    void scan_forkedChildReadsInheritedDescriptor_continuesAtTheSharedPosition() {
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   read(3, "0123", 4) = 4
                100   fork() = 101
                101   read(3, "4567", 4) = 4
                101   exit_group(0) = ?
                101   +++ exited with 0 +++
                100   read(3, "89", 4) = 2
                """);
        assertEquals(Map.of(0L, "0123", 4L, "4567", 8L, "89"), data(world, "/data/a"));
    }

    @Test
    void scan_childLinesBeforeItsSplitClone_readWithTheParentsDescriptors() {
        // 101 runs before its parent's clone returns; 101's own child 102 does too, on 101's fd 3 (another file
        // than the first process's fd 3).
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   read(3, "0123", 4) = 4
                100   clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD <unfinished ...>
                101   read(3, "4567", 4) = 4
                101   openat(AT_FDCWD, "/data/b", O_RDONLY) = 4
                101   dup2(4, 3) = 3
                101   read(3, "bb", 2) = 2
                101   vfork( <unfinished ...>
                102   read(3, "BB", 2) = 2
                102   exit_group(0) = ?
                102   +++ exited with 0 +++
                101   <... vfork resumed>) = 102
                100   <... clone resumed>%s) = 101
                100   read(3, "89", 4) = 2
                """.formatted(CHILD_TIDPTR));
        assertEquals(Map.of(0L, "0123", 4L, "4567", 8L, "89"), data(world, "/data/a"));
        assertEquals(Map.of(0L, "bb", 2L, "BB"), data(world, "/data/b"));
    }

    @Test
    void scan_cloneFilesChildOpens_parentSeesTheDescriptor() {
        ExternalFiles world = scan("""
                100   %s = 101
                101   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   read(3, "shared", 6) = 6
                """.formatted(THREAD));
        assertEquals(Map.of(0L, "shared"), data(world, "/data/a"));
    }

    @Test
    void scan_clone3WithCloneFiles_parentSeesTheDescriptor() {
        ExternalFiles world = scan("""
                100   clone3({flags=CLONE_VM|CLONE_FILES, exit_signal=SIGCHLD, stack=0x7f0000100000, stack_size=0x9000}, 88) = 101
                101   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   read(3, "shared", 6) = 6
                """);
        assertEquals(Map.of(0L, "shared"), data(world, "/data/a"));
    }

    @Test
    void scan_forkedChildOpens_parentsSameNumberStillItsOwnFile() {
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/b", O_RDONLY) = 4
                100   %s = 101
                101   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   dup2(4, 3) = 3
                100   read(3, "parent", 6) = 6
                101   read(3, "child", 5) = 5
                """.formatted(FORK));
        assertEquals(Map.of(0L, "child"), data(world, "/data/a"));
        assertEquals(Map.of(0L, "parent"), data(world, "/data/b"));
    }

    @Test
    void scan_execveInCloneFilesChild_dropsCloseOnExecFromItsOwnTableOnly() {
        // posix_spawn's clone: the child shares the table until execve unshares it and closes fd 3 (O_CLOEXEC);
        // fd 4 is kept. The parent still has fd 3.
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY|O_CLOEXEC) = 3
                100   openat(AT_FDCWD, "/data/b", O_RDONLY) = 4
                100   clone3({flags=CLONE_VM|CLONE_FILES|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f0000100000, stack_size=0x9000}, 88 <unfinished ...>
                101   execve("/bin/prog", ["prog"], 0x7ffd00000000 /* 1 var */) = 0
                101   openat(AT_FDCWD, "/data/c", O_RDONLY) = 3
                101   read(3, "cc", 2) = 2
                101   read(4, "bb", 2) = 2
                100   <... clone3 resumed>) = 101
                100   read(3, "aa", 2) = 2
                """);
        assertEquals(Map.of(0L, "aa"), data(world, "/data/a"));
        assertEquals(Map.of(0L, "bb"), data(world, "/data/b"));
        assertEquals(Map.of(0L, "cc"), data(world, "/data/c"));
    }

    @Test
    void scan_execveAfterFdCloexecSet_dropsTheDescriptorFromTheSharedTableCopy() {
        // F_SETFD marks fd 4 close-on-exec, dup3 makes fd 5 close-on-exec, F_DUPFD fd 6 not: after the child's
        // execve only fd 6 is there; its read of fd 4 and 5 are not the files the parent opened.
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 4
                100   fcntl(4, F_SETFD, FD_CLOEXEC) = 0
                100   dup3(4, 5, O_CLOEXEC) = 5
                100   fcntl(4, F_DUPFD, 6) = 6
                100   %s = 101
                101   execve("/bin/prog", ["prog"], 0x7ffd00000000 /* 1 var */) = 0
                101   read(4, "no", 2) = 2
                101   read(5, "NO", 2) = 2
                101   read(6, "yes", 3) = 3
                """.formatted(THREAD));
        assertEquals(Map.of(0L, "yes"), data(world, "/data/a"));
    }

    @Test
    void scan_unshareFilesInThread_itsOpenStaysItsOwn() {
        ExternalFiles world = scan("""
                100   %s = 101
                101   unshare(CLONE_FILES) = 0
                101   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   openat(AT_FDCWD, "/data/b", O_RDONLY) = 4
                101   read(3, "a", 1) = 1
                100   dup2(4, 3) = 3
                100   read(3, "b", 1) = 1
                101   read(3, "A", 1) = 1
                """.formatted(THREAD));
        assertEquals(Map.of(0L, "a", 1L, "A"), data(world, "/data/a"));
        assertEquals(Map.of(0L, "b"), data(world, "/data/b"));
    }

    @Test
    void scan_chdirInForkedChild_parentResolvesInItsOwnDirectory() {
        ExternalFiles world = scan("""
                100   fork() = 101
                101   chdir("/tmp/other") = 0
                101   openat(AT_FDCWD, "f", O_RDONLY) = 3
                100   openat(AT_FDCWD, "f", O_RDONLY) = 3
                100   read(3, "home", 4) = 4
                101   read(3, "tmp", 3) = 3
                """);
        assertEquals(Map.of(0L, "home"), data(world, "/home/u/f"));
        assertEquals(Map.of(0L, "tmp"), data(world, "/tmp/other/f"));
    }

    @Test
    void scan_fchdirInCloneFsChild_parentResolvesInTheNewDirectory() {
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/tmp/other", O_RDONLY|O_DIRECTORY) = 3
                100   clone(child_stack=NULL, flags=CLONE_FS|SIGCHLD) = 101
                101   fchdir(3) = 0
                100   openat(AT_FDCWD, "f", O_RDONLY) = 4
                100   read(4, "tmp", 3) = 3
                """);
        assertEquals(Map.of(0L, "tmp"), data(world, "/tmp/other/f"));
        assertNull(world.files().get("/home/u/f"));
    }

    @Test
    void scan_processWhoseCloneNeverComes_takesTheFirstProcessesState() {
        // The log began while 200 ran; at the end it gets a copy of 100's descriptors (same description).
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                200   read(3, "cd", 2) = 2
                100   read(3, "ab", 2) = 2
                """);
        assertEquals(Map.of(0L, "ab", 2L, "cd"), data(world, "/data/a"));
    }

    @Test
    void scan_exitedProcess_descriptionsItSharedStayWithTheOthers() {
        ExternalFiles world = scan("""
                100   %s = 101
                101   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                101   read(3, "ab", 2) = 2
                101   exit(0) = ?
                101   +++ exited with 0 +++
                100   read(3, "cd", 2) = 2
                """.formatted(THREAD));
        assertEquals(Map.of(0L, "ab", 2L, "cd"), data(world, "/data/a"));
    }

    @Test
    void scan_pidUsedAgainAfterExit_newProcessTakesItsParentsState() {
        ExternalFiles world = scan("""
                100   openat(AT_FDCWD, "/data/a", O_RDONLY) = 3
                100   fork() = 101
                101   close(3) = 0
                101   openat(AT_FDCWD, "/data/b", O_RDONLY) = 3
                101   exit_group(0) = ?
                101   +++ exited with 0 +++
                100   fork() = 101
                101   read(3, "a", 1) = 1
                """);
        assertEquals(Map.of(0L, "a"), data(world, "/data/a"));
        assertTrue(data(world, "/data/b").isEmpty());
    }

    @Test
    void scan_oneProcessWithoutPids_learnsAsBefore() {
        ExternalFiles world = scan("""
                openat(AT_FDCWD, "f", O_RDONLY|O_CLOEXEC) = 3
                read(3, "abc", 3) = 3
                dup(3) = 4
                read(4, "de", 2) = 2
                lseek(3, 10, SEEK_SET) = 10
                read(4, "z", 1) = 1
                """);
        assertEquals(Map.of(0L, "abc", 3L, "de", 10L, "z"), data(world, "/home/u/f"));
        assertFalse(world.files().get("/home/u/f").frozen);
    }

    /** The tests written against LTP's old library, which does not read the kernel config (traces/ltp/README.md). */
    static final java.util.Set<String> OLD_LIBRARY = java.util.Set.of("pipe04.strace", "pipe05.strace", "pipe09.strace");

    static List<Path> ltpLogs() throws IOException, URISyntaxException {
        Path dir = Path.of(WorldScanProcessesTest.class.getClassLoader().getResource("traces/ltp/README.md").toURI())
                .getParent();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".strace")).sorted().toList();
        }
    }

    /**
     * The recorded LTP programs fork (the library runs each test in a child) and, but for three written against the
     * old library, read the kernel config first: the scan of each log learns the whole config, and every file's bytes agree where two reads overlap and stay
     * within the size a stat showed.
     */
    @Test
    void scan_ltpLogs_learnConsistentFilesAndTheWholeKernelConfig() throws Exception {
        List<Path> logs = ltpLogs();
        assertTrue(logs.size() >= 50, "LTP logs: " + logs.size());
        for (Path log : logs) {
            ExternalFiles world = ExternalFiles.scan(LogSource.of(log), "/var/tmp/kemu-ltp/ltp/testcases/bin");
            ExternalFiles.Known kconfig = world.files().get("/var/tmp/kemu-ltp/kconfig");
            if (OLD_LIBRARY.contains(log.getFileName().toString())) {
                assertNull(kconfig, log + ": kconfig");
            } else {
                assertNotNull(kconfig, log + ": kconfig");
                assertTrue(kconfig.size > 0, log + ": kconfig size");
                assertEquals(kconfig.size, covered(kconfig), log + ": kconfig bytes read from 0 without a gap");
            }
            for (ExternalFiles.Known k : world.files().values()) {
                assertConsistent(log, k);
            }
        }
    }

    /** How many bytes from offset 0 the reads cover without a gap. */
    static long covered(ExternalFiles.Known k) {
        long end = 0;
        for (Map.Entry<Long, byte[]> d : k.data.entrySet()) {
            if (d.getKey() > end) {
                break;
            }
            end = Math.max(end, d.getKey() + d.getValue().length);
        }
        return end;
    }

    static void assertConsistent(Path log, ExternalFiles.Known k) {
        if (k.size >= 0 && !k.frozen) {
            assertTrue(k.end() <= k.size, () -> log + ": " + k.path + " read to " + k.end() + " past its size " + k.size);
        }
        Map.Entry<Long, byte[]> prev = null;
        for (Map.Entry<Long, byte[]> d : k.data.entrySet()) {
            if (prev != null && prev.getKey() + prev.getValue().length > d.getKey()) {
                int from = (int) (d.getKey() - prev.getKey());
                int len = Math.min(prev.getValue().length - from, d.getValue().length);
                byte[] a = Arrays.copyOfRange(prev.getValue(), from, from + len);
                byte[] b = Arrays.copyOf(d.getValue(), len);
                long at = d.getKey();
                assertTrue(Arrays.equals(a, b), () -> log + ": " + k.path + " read differently at " + at);
            }
            prev = d;
        }
    }
}
