package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kemu record} runs a real program under the machine's strace (which CI installs) and writes a log that
 * {@code kemu replay} takes as it is; it never overwrites a file without being asked.
 */
class RecordCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run kemu(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void record_realProgram_writesHeader_andTheLogReplaysOnThisKernel() throws Exception {
        Path input = dir.resolve("in.txt");
        Files.writeString(input, "one\ntwo\nthree\n");
        Path copy = dir.resolve("copy.txt");
        Path log = dir.resolve("cp.strace");
        Run r = kemu("record", "-o", log.toString(), "--", "cp", input.toString(), copy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("one\ntwo\nthree\n", Files.readString(copy));
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertTrue(lines.get(0).matches("# kernel: \\d+\\.\\d+(\\.\\d+)?"), lines.get(0));
        assertTrue(lines.get(1).startsWith("# fs: "), lines.get(1));
        assertEquals("# cwd: " + Path.of("").toAbsolutePath(), lines.get(2));
        assertTrue(lines.get(3).startsWith("# recorded: kemu record -- cp "), lines.get(3));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\d+ +execve\\(.*")), "strace -f puts the pid on each line");

        Run replay = kemu("replay", log.toString());
        assertEquals(0, replay.code(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("PASS cp.strace: "), replay.out());
        assertTrue(replay.out().contains(" compared, "), replay.out());
    }

    @Test
    void record_existingOutput_isRefusedAndKept() throws Exception {
        Path log = dir.resolve("mine.strace");
        Files.writeString(log, "precious\n");
        Run r = kemu("record", "-o", log.toString(), "--", "true");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exists") && r.err().contains("--force"), r.err());
        assertEquals("precious\n", Files.readString(log));

        Run forced = kemu("record", "--force", "-o", log.toString(), "--", "true");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(log).startsWith("# kernel: "));
    }

    @Test
    void record_exitsWithTheProgramsStatus_andKeepsItsLog() throws Exception {
        Path log = dir.resolve("false.strace");
        Run r = kemu("record", "-o", log.toString(), "--", "false");
        assertEquals(1, r.code());
        assertTrue(Files.readString(log).contains("exit_group(1)"));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(log), s.toList(), "no temporary file is left beside the log");
        }
    }

    @Test
    void record_missingProgramOrStrace_isOneClearMessage() {
        Run r = kemu("record", "--strace", dir.resolve("no-strace").toString(), "-o", dir.resolve("x.strace").toString(),
                "--", "true");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("kemu: cannot run "), r.err());
        assertTrue(r.err().lines().count() == 1, r.err());
    }
}
