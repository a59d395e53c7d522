package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log larger than the heap replays: the replayer streams it, holding what the emulated machine holds and not the
 * log. The log (pipe writes and reads of 100 bytes in {@code -xx} quoting, the format of hex dumps) is made here and
 * replayed in a child JVM with a small heap: 64 MB under {@code -Xmx48m} by default, 1 GB under {@code -Xmx256m}
 * with {@code -Dkemu.bigLog=true}.
 */
class StreamingReplayTest {

    /** Writes a log of {@code pairs} write/read pairs of {@code size} bytes on one pipe; returns its call count. */
    static long writeLog(Path file, long pairs, int size) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < size; i++) {
            hex.append(String.format("\\x%02x", (i * 7 + 65) & 0xff));
        }
        String pair = "write(4, \"" + hex + "\", " + size + ") = " + size + "\n"
                + "read(3, \"" + hex + "\", " + size + ") = " + size + "\n";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("# kernel: 6.18\npipe2([3, 4], 0) = 0\n");
            for (long i = 0; i < pairs; i++) {
                w.write(pair);
            }
            w.write("close(4) = 0\nclose(3) = 0\n");
        }
        return 2 * pairs + 3;
    }

    @Test
    void replay_logLargerThanTheHeap_passesInAChildJvm(@TempDir Path dir) throws Exception {
        boolean big = Boolean.getBoolean("kemu.bigLog");
        long bytes = big ? 1L << 30 : 64L << 20;
        String heap = big ? "-Xmx256m" : "-Xmx48m";
        Path log = dir.resolve("big.strace");
        long calls = writeLog(log, bytes / 850, 100);
        assertTrue(Files.size(log) > (big ? 1_000_000_000L : 60_000_000L), "the log is larger than the heap");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(heap);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(StreamingReplayMain.class.getName());
        cmd.add(log.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try {
            boolean ended = p.waitFor(big ? 30 : 5, TimeUnit.MINUTES);
            if (!ended) {
                p.destroyForcibly();
            }
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ended, "the child replay ended in time: " + out);
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), out);
        assertEquals("PASS " + calls, out.strip(), out);
    }
}
