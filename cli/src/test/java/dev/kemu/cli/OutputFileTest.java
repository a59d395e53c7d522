package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o FILE} writes into FILE what standard output would have shown, and nothing to standard output. */
class OutputFileTest {
    private static final String SEED = "../traces/derived/seed_cfr_same_page-6.18.strace";

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void run_outputFile_holdsWhatStdoutWouldShow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.strace");
        String[] plain = run("run", "--kernel", "5.2", SEED);
        String[] toFile = run("run", "--kernel", "5.2", "-o", file.toString(), SEED);
        assertEquals(plain[0], toFile[0]);
        assertEquals("", toFile[1]);
        assertEquals(plain[1], Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void compare_outputFile_colourAlwaysStillColours(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cmp.txt");
        String[] r = run("compare", "--color=always", "--kernels", "3.10+cfr,6.18", "-o", file.toString(), SEED);
        assertEquals("0", r[0]);
        assertEquals(true, Files.readString(file, StandardCharsets.UTF_8).contains("\033[31m"));
    }
}
