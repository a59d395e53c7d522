package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
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
 * {@code kemu run} on a log larger than the heap: the trace is re-emitted while it replays, never held whole. A log
 * of 64 MB (pipe writes and reads of 100 bytes in {@code -xx} quoting) runs in a child JVM under {@code -Xmx48m};
 * every result is the record's, so the output is the log again, line for line: each call with its recorded result.
 */
class StreamingRunTest {

    private static void writeLog(Path file, long pairs) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            hex.append(String.format("\\x%02x", (i * 7 + 65) & 0xff));
        }
        String pair = "write(4, \"" + hex + "\", 100) = 100\nread(3, \"" + hex + "\", 100) = 100\n";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("# kernel: 6.18\npipe2([3, 4], 0) = 0\n");
            for (long i = 0; i < pairs; i++) {
                w.write(pair);
            }
            w.write("close(4) = 0\nread(3, \"\", 100) = 0\nclose(3) = 0\n");
        }
    }

    @Test
    void run_logLargerThanTheHeap_reEmitsEveryLineInAChildJvm(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("big.strace");
        Path out = dir.resolve("out.strace");
        writeLog(log, (64L << 20) / 850);
        assertTrue(Files.size(log) > 60_000_000L, "the log is larger than the heap");

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx48m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of("run", "--kernel", "6.18", "-o", out.toString(), log.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("console").toFile()).start();
        try {
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            String console = Files.readString(dir.resolve("console"));
            assertTrue(ended, "the child run ended in time: " + console);
            assertEquals(0, p.exitValue(), console);
        } finally {
            p.destroyForcibly();
        }
        long lines = 0;
        try (BufferedReader want = Files.newBufferedReader(log); BufferedReader got = Files.newBufferedReader(out)) {
            for (String w = want.readLine(); w != null; w = want.readLine()) {
                lines++;
                String g = got.readLine();
                // The same call with the same result, printed in run's layout (results aligned, readable quoting).
                assertEquals(w.replaceAll("\\(.*", ""), g.replaceAll("\\(.*", ""),
                        "line " + lines + ": " + g);
                assertEquals(w.startsWith("#") ? w : w.substring(w.lastIndexOf(" = ")), g.startsWith("#") ? g
                        : g.substring(g.lastIndexOf(" = ")), "line " + lines + ": " + g);
            }
            assertEquals(null, got.readLine(), "nothing after the log's last line");
        }
        assertTrue(lines > 150_000, "every line compared: " + lines);
    }
}
