package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.replay.LogSource;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@code strace -ff -tt -q -xx -s 1048576 -o log bash -c 'cat a | cat > b'} wrote ({@code inputs/ff/},
 * recorded on ext4 in {@code /tmp/x}; {@code # kernel:}, {@code # fs:}, {@code # cwd:} and {@code # recorded:}
 * written at the top of the first, as {@code kemu record} writes them) are one log to every command: merged in time
 * order, each line with the pid of its file, reported once under the name of the set.
 */
class PerProcessLogCommandTest {
    private static final String FF = "src/test/resources/inputs/ff/";
    private static final List<String> SET = List.of(FF + "log.12880", FF + "log.12872", FF + "log.12877");
    private static final List<Integer> PIDS = List.of(12872, 12877, 12880);
    private static final Pattern STAMPED = Pattern.compile("^(\\d+) +(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{6}) ");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run kemu(List<String> files, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(files);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.US_ASCII);
    }

    private static long micros(Matcher m) {
        return ((Long.parseLong(m.group(2)) * 60 + Long.parseLong(m.group(3))) * 60 + Long.parseLong(m.group(4)))
                * 1_000_000 + Long.parseLong(m.group(5));
    }

    @Test
    void replay_filesOfOneFfLog_reportOneLineNamedAfterTheSet() throws IOException {
        Run r = kemu(SET, "replay");
        assertTrue(r.code() == 0 || r.code() == 1, r.out() + r.err());
        assertEquals("", r.err());
        String[] out = r.out().split("\n");
        assertEquals(2, out.length, r.out());
        assertTrue(out[0].matches("(PASS|FAIL|UNSUPPORTED) log\\.\\*: .*"), out[0]);
        assertTrue(out[1].equals("1 passed, 0 failed") || out[1].equals("0 passed, 1 failed"), out[1]);
        Matcher where = Pattern.compile(": line (\\d+) \\((" + Pattern.quote(FF) + "log\\.\\d+):(\\d+)\\): ").matcher(out[0]);
        if (!out[0].startsWith("PASS")) {
            assertTrue(where.find(), out[0]);
            // The merged line the report names is the line of the file it names, with the pid of that file.
            int merged = Integer.parseInt(where.group(1));
            Path file = Path.of(where.group(2));
            String fileLine = lines(file).get(Integer.parseInt(where.group(3)) - 1);
            String pid = file.getFileName().toString().substring(4);
            assertEquals(String.format("%-5s ", pid) + fileLine, mergedText().get(merged - 1));
        }
    }

    @Test
    void replay_json_namesTheSetAndTheFileLine() {
        Run r = kemu(SET, "replay", "--json");
        assertTrue(r.out().startsWith("{\"traces\":[{\"trace\":\"log.*\","), r.out());
        assertEquals(1, r.out().split("\"trace\":").length - 1, r.out());
        assertTrue(r.out().contains("\"verdict\":\"PASS\"")
                || r.out().matches("(?s).*\"origin\":\"" + Pattern.quote(FF) + "log\\.\\d+:\\d+\".*"), r.out());
    }

    /** The merged log's lines as text, read through the replayer's log source. */
    private static List<String> mergedText() {
        List<String> text = new ArrayList<>();
        try (LogSource.Pass pass = LogSource.merged(SET.stream().map(Path::of).toList()).open()) {
            pass.forEachRemaining(l -> text.add(TracePrinter.format(l)));
        }
        return text;
    }

    @Test
    void mergedSource_ofTheRecording_isEveryLineInTimeOrder_withThePidOfItsFile() throws IOException {
        LogSource log = LogSource.merged(SET.stream().map(Path::of).toList());
        assertEquals("log.*", log.name());
        assertEquals(Optional.of("6.18"), log.header("kernel"));
        Map<Integer, List<String>> byPid = new HashMap<>();
        long last = 0;
        int n = 0;
        int comments = 0;
        try (LogSource.Pass pass = log.open()) {
            while (pass.hasNext()) {
                TraceLine line = pass.next();
                assertEquals(++n, line.lineNo());
                String text = TracePrinter.format(line);
                if (text.startsWith("#")) {
                    comments++;
                    continue;
                }
                Matcher m = STAMPED.matcher(text);
                assertTrue(m.find(), text);
                int pid = Integer.parseInt(m.group(1));
                assertEquals(pid, line.pid());
                assertTrue(micros(m) >= last, "out of time order: " + text);
                last = micros(m);
                byPid.computeIfAbsent(pid, p -> new ArrayList<>()).add(text.substring(6));
            }
        }
        assertEquals(4, comments);
        assertEquals(PIDS, byPid.keySet().stream().sorted().toList());
        for (int pid : PIDS) {
            List<String> file = lines(Path.of(FF + "log." + pid));
            assertEquals(file.stream().filter(l -> !l.startsWith("#")).toList(), byPid.get(pid), "log." + pid);
        }
    }

    @Test
    void run_filesOfOneFfLog_reEmitsOneLog() {
        Run r = kemu(SET, "run", "--kernel", "6.18");
        assertTrue(r.code() == 0 || r.code() == 1, r.out() + r.err());
        List<String> out = List.of(r.out().split("\n"));
        assertEquals("# kernel: 6.18", out.get(0));
        assertEquals("# recorded: strace -ff -tt -q -xx -s 1048576 -o log bash -c 'cat a | cat > b'", out.get(3));
        assertTrue(out.get(4).startsWith("12872 18:13:51.084632 execve("), out.get(4));
        long last = 0;
        for (String line : out) {
            Matcher m = STAMPED.matcher(line.startsWith("# ") ? line.substring(2) : line);
            if (m.find()) {
                assertTrue(PIDS.contains(Integer.parseInt(m.group(1))), line);
                assertTrue(micros(m) >= last, "out of time order: " + line);
                last = micros(m);
            }
        }
        for (int pid : PIDS) {
            assertTrue(out.stream().anyMatch(l -> l.matches("(# )?" + pid + " +18:13:5\\d\\.\\d{6} .*")), "pid " + pid);
        }
    }

    @Test
    void replay_oneNumberedFile_isItsOwnLog_withThePidOfItsName() {
        Run r = kemu(List.of(FF + "log.12877"), "run", "--kernel", "6.18");
        assertTrue(r.out().startsWith("12877 18:13:51."), r.out());
        Run replay = kemu(List.of(FF + "log.12877"), "replay", "--kernel", "6.18");
        assertTrue(replay.out().matches("(?s)(PASS|FAIL|UNSUPPORTED) log\\.12877: .*"), replay.out());
    }

    @Test
    void replay_numberedFilesOfTwoPrefixes_areALogEach() throws IOException {
        Path a = dir.resolve("a.5");
        Path b = dir.resolve("b.6");
        Files.writeString(a, "# kernel: 6.18\nclose(-1) = -1 EBADF (Bad file descriptor)\n");
        Files.writeString(b, "# kernel: 6.18\nclose(-1) = -1 EBADF (Bad file descriptor)\n");
        Run r = kemu(List.of(a.toString(), b.toString()), "replay");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("PASS a.5: "), r.out());
        assertTrue(r.out().contains("\nPASS b.6: "), r.out());
        assertTrue(r.out().endsWith("2 passed, 0 failed\n"), r.out());
    }

    @Test
    void replay_setWithALineWithoutTimestamp_exits2NamingFileAndLine() throws IOException {
        Path a = dir.resolve("log.31523");
        Path b = dir.resolve("log.31525");
        Files.writeString(a, "# kernel: 6.18\n10:00:00.000001 close(-1) = -1 EBADF (Bad file descriptor)\n");
        Files.writeString(b, "10:00:00.000002 close(-1) = -1 EBADF (Bad file descriptor)\nclose(-1) = -1 EBADF"
                + " (Bad file descriptor)\n");
        Run r = kemu(List.of(a.toString(), b.toString()), "replay");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("kemu: " + b + ":2:1: no timestamp; the files of strace -ff are merged by time: record with -tt"
                + " or -ttt\n", r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("0 passed, 0 failed, 1 unreadable\n", r.out());
    }

    @Test
    void run_setRecordedWithSecondsOnly_exits2() throws IOException {
        Path a = dir.resolve("log.7");
        Path b = dir.resolve("log.8");
        Files.writeString(a, "10:00:00 close(-1) = -1 EBADF (Bad file descriptor)\n");
        Files.writeString(b, "10:00:00 close(-1) = -1 EBADF (Bad file descriptor)\n");
        Run r = kemu(List.of(a.toString(), b.toString()), "run", "--kernel", "6.18");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("kemu: " + a + ":1:1: -t timestamps have whole seconds, too coarse to order processes: record"
                + " with -tt or -ttt\n", r.err());
    }

    @Test
    void run_twoLogs_exits2() throws IOException {
        Run r = kemu(List.of(FF + "log.12877", "../traces/derived/dirtypipe-5.8.strace"), "run", "--kernel", "6.18");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("kemu: " + FF + "log.12877 ../traces/derived/dirtypipe-5.8.strace: expected one"
                + " log; several files are one log only when strace -ff wrote them"), r.err());
    }

    @Test
    void merged_unknownSyscall_namesTheFileLine() throws IOException {
        Path a = dir.resolve("log.3");
        Path b = dir.resolve("log.4");
        Files.writeString(a, "# kernel: 6.18\n10:00:00.000001 close(-1) = -1 EBADF (Bad file descriptor)\n");
        Files.writeString(b, "10:00:00.000002 close(-1) = -1 EBADF (Bad file descriptor)\n10:00:00.000003 frobnicate(1)"
                + " = 0\n");
        Run r = kemu(List.of(a.toString(), b.toString()), "run", "--kernel", "6.18");
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("kemu: " + b + ":2: unknown system call 'frobnicate': not an x86-64 Linux system call\n", r.err());
    }
}
