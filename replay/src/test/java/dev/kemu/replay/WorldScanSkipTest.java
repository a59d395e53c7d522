package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.strace.TraceFormatException;
import dev.kemu.strace.TraceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files pass reads a log file without parsing the reads and writes it has no use for ({@link WorldScan#mayNeed}):
 * those on descriptors no process holds on a file it follows. A malformed line shows whether a line was parsed.
 */
class WorldScanSkipTest {
    /** A read on the pipe's descriptor that the parser would reject (the string is never closed). */
    private static final String MALFORMED_PIPE_READ = "read(3, \"never closed, 4) = 4\n";

    private static ExternalFiles scanFile(Path dir, String log) throws IOException {
        Path f = dir.resolve("t.strace");
        Files.writeString(f, log);
        return ExternalFiles.scan(LogSource.of(f), "/home/u");
    }

    @Test
    void scan_readsOnAPipeAndOnAFile_skipsThePipesAndLearnsTheFile(@TempDir Path dir) throws IOException {
        ExternalFiles world = scanFile(dir, "# kernel: 6.18\n"
                + "pipe2([3, 4], 0) = 0\n"
                + "write(4, \"abcd\", 4) = 4\n"
                + MALFORMED_PIPE_READ
                + "openat(AT_FDCWD, \"/data/a\", O_RDONLY) = 5\n"
                + MALFORMED_PIPE_READ
                + "read(5, \"hello\", 5) = 5\n"
                + "read(5, \"!\", 5) = 1\n");
        assertEquals(Map.of(0L, "hello", 5L, "!"), WorldScanProcessesTest.data(world, "/data/a"));
    }

    @Test
    void scan_afterASplitCall_parsesEveryLine(@TempDir Path dir) {
        assertThrows(TraceFormatException.class, () -> scanFile(dir, "# kernel: 6.18\n"
                + "100 pipe2([3, 4], 0) = 0\n"
                + "100 read(3, <unfinished ...>\n"
                + "101 write(4, \"ab\", 2) = 2\n"
                + "100 <... read resumed>\"ab\", 4) = 2\n"
                + "100 " + MALFORMED_PIPE_READ));
    }

    @Test
    void mayNeed_aReadOnADescriptorHeldOnAFollowedFile_isWanted() {
        WorldScan scan = new WorldScan(new ExternalFiles("/home/u"), "/home/u");
        TraceParser.parse("t.strace", """
                pipe2([3, 4], 0) = 0
                openat(AT_FDCWD, "/data/a", O_RDONLY) = 5
                dup2(5, 7) = 7
                """).lines().forEach(scan::accept);
        assertFalse(scan.mayNeed("read(3, \"ab\", 2) = 2"));
        assertFalse(scan.mayNeed("[pid 12] 10:00:00.000001 write(4, \"ab\", 2) = 2"));
        assertTrue(scan.mayNeed("read(5, \"ab\", 2) = 2"));
        assertTrue(scan.mayNeed("read(7</data/a>, \"ab\", 2) = 2"));
        assertTrue(scan.mayNeed("pwrite64(5, \"ab\", 2, 0) = 2"));
        assertTrue(scan.mayNeed("close(3) = 0"));
    }
}
