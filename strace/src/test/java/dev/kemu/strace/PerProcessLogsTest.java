package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerProcessLogsTest {

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
        return p;
    }

    /** The merged log as the text strace -f would have written. */
    private static List<String> text(PerProcessLogs logs) {
        List<String> out = new ArrayList<>();
        try (MergedReader r = logs.open()) {
            for (TraceLine line : r) {
                out.add(TracePrinter.format(line));
            }
        }
        return out;
    }

    private static String refusal(List<Path> files) {
        return assertThrows(TraceFormatException.class, () -> text(PerProcessLogs.of(files))).getMessage();
    }

    @Test
    void pidOf_numberedName_givesTheNumber() {
        assertEquals(OptionalInt.of(31525), PerProcessLogs.pidOf(Path.of("/tmp/log.31525")));
        assertEquals(OptionalInt.of(7), PerProcessLogs.pidOf(Path.of("a.b.7")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of("log.strace")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of(".5")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of("log.")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of("log.0")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of("log.99999999999")));
        assertEquals(OptionalInt.empty(), PerProcessLogs.pidOf(Path.of("log.1x")));
    }

    @Test
    void isSet_sameprefixSeveralNumbers_isOneLog() {
        assertTrue(PerProcessLogs.isSet(List.of(Path.of("d/log.3"), Path.of("d/log.12"), Path.of("./d/log.5"))));
        assertFalse(PerProcessLogs.isSet(List.of(Path.of("d/log.3"))));
        assertFalse(PerProcessLogs.isSet(List.of(Path.of("d/log.3"), Path.of("e/log.4"))));
        assertFalse(PerProcessLogs.isSet(List.of(Path.of("log.3"), Path.of("run.4"))));
        assertFalse(PerProcessLogs.isSet(List.of(Path.of("log.3"), Path.of("log.strace"))));
        assertFalse(PerProcessLogs.isSet(List.of(Path.of("log.3"), Path.of("log.3"))));
    }

    @Test
    void merge_interleavedTimes_ordersByTime_withThePidOfEachFile() throws IOException {
        Path parent = file("log.100",
                "10:00:00.000001 pipe2([3, 4], 0) = 0",
                "10:00:00.000004 wait4(-1, NULL, 0, NULL) = 101",
                "10:00:00.000009 +++ exited with 0 +++");
        Path child = file("log.101",
                "10:00:00.000002 write(4, \"ab\", 2) = 2",
                "10:00:00.000003 close(4) = 0",
                "10:00:00.000005 +++ exited with 0 +++");
        PerProcessLogs logs = PerProcessLogs.of(List.of(child, parent));
        assertEquals("log.*", logs.name());
        assertEquals(List.of(parent, child), logs.files());
        assertEquals(List.of(
                "100   10:00:00.000001 pipe2([3, 4], 0) = 0",
                "101   10:00:00.000002 write(4, \"ab\", 2) = 2",
                "101   10:00:00.000003 close(4) = 0",
                "100   10:00:00.000004 wait4(-1, NULL, 0, NULL) = 101",
                "101   10:00:00.000005 +++ exited with 0 +++",
                "100   10:00:00.000009 +++ exited with 0 +++"), text(logs));
    }

    @Test
    void merge_lines_areNumberedAsOneLog_andParseAsStraceDashF() throws IOException {
        Path a = file("log.7", "1700000000.000001 close(0) = 0", "1700000000.000003 close(1) = 0");
        Path b = file("log.31525", "1700000000.000002 close(2) = 0");
        List<TraceLine> merged = new ArrayList<>();
        try (MergedReader r = PerProcessLogs.of(List.of(a, b)).open()) {
            r.forEach(merged::add);
        }
        assertEquals(List.of(1, 2, 3), merged.stream().map(TraceLine::lineNo).toList());
        assertEquals(List.of(7, 31525, 7), merged.stream().map(TraceLine::pid).toList());
        for (TraceLine line : merged) {
            TraceLine reparsed = LineParser.parse("x", line.lineNo(), TracePrinter.format(line), new QuotingStats());
            assertEquals(reparsed, line);
        }
    }

    @Test
    void merge_equalTimes_keepPidOrderThenLineOrder() throws IOException {
        Path b = file("log.20", "10:00:00.000001 close(20) = 0", "10:00:00.000001 close(21) = 0");
        Path a = file("log.3", "10:00:00.000001 close(30) = 0", "10:00:00.000001 close(31) = 0");
        Path c = file("log.100", "10:00:00.000000 close(100) = 0", "10:00:00.000001 close(101) = 0");
        List<String> text = text(PerProcessLogs.of(List.of(b, c, a)));
        assertEquals(List.of(
                "100   10:00:00.000000 close(100) = 0",
                "3     10:00:00.000001 close(30) = 0",
                "3     10:00:00.000001 close(31) = 0",
                "20    10:00:00.000001 close(20) = 0",
                "20    10:00:00.000001 close(21) = 0",
                "100   10:00:00.000001 close(101) = 0"), text);
    }

    @Test
    void merge_dumpRowsAndComments_followTheLineBeforeThem() throws IOException {
        Path a = file("log.1",
                "10:00:00.000001 write(1, \"hi\", 2) = 2",
                " | 00000  68 69                                             hi               |",
                "10:00:00.000004 close(1) = 0");
        Path b = file("log.2", "10:00:00.000001 close(5) = 0", "10:00:00.000002 close(6) = 0");
        assertEquals(List.of(
                "1     10:00:00.000001 write(1, \"hi\", 2) = 2",
                " | 00000  68 69                                             hi               |",
                "2     10:00:00.000001 close(5) = 0",
                "2     10:00:00.000002 close(6) = 0",
                "1     10:00:00.000004 close(1) = 0"), text(PerProcessLogs.of(List.of(a, b))));
    }

    @Test
    void merge_callReturningAfterAnotherProcessWrote_isSplitAsStraceDashFSplitsIt() throws IOException {
        Path reader = file("log.1",
                "10:00:00.000001 read(3, \"ab\", 2) = 2 <0.000010>",
                "10:00:00.000020 close(3) = 0 <0.000001>");
        Path writer = file("log.2", "10:00:00.000005 write(4, \"ab\", 2) = 2 <0.000001>");
        List<TraceLine> merged = new ArrayList<>();
        try (MergedReader r = PerProcessLogs.of(List.of(reader, writer)).open()) {
            r.forEach(merged::add);
        }
        assertEquals(List.of(
                "1     10:00:00.000001 read( <unfinished ...>",
                "2     10:00:00.000005 write(4, \"ab\", 2) = 2 <0.000001>",
                "1     10:00:00.000011 <... read resumed>3, \"ab\", 2) = 2 <0.000010>",
                "1     10:00:00.000020 close(3) = 0 <0.000001>"), merged.stream().map(TracePrinter::format).toList());
        List<TraceLine> joined = CallJoiner.join(merged);
        SyscallLine read = (SyscallLine) joined.get(0);
        SyscallLine recorded = (SyscallLine) TraceParser.parse(reader).lines().get(0);
        assertEquals(recorded.args(), read.args());
        assertEquals(recorded.result(), read.result());
        assertEquals(1, read.pid());
        assertEquals(recorded.stamp().time(), read.stamp().time());
        assertEquals(10, read.stamp().duration());
    }

    @Test
    void merge_callReturningBeforeOtherLines_staysWhole() throws IOException {
        Path a = file("log.1", "1700000000.000001 read(3, \"ab\", 2) = 2 <0.000004>");
        Path b = file("log.2", "1700000000.000005 close(4) = 0 <0.000001>");
        assertEquals(List.of("1     1700000000.000001 read(3, \"ab\", 2) = 2 <0.000004>",
                "2     1700000000.000005 close(4) = 0 <0.000001>"), text(PerProcessLogs.of(List.of(a, b))));
    }

    /**
     * {@code strace -ff -tt -T -q -xx -s 1048576 -o log bash -c 'cat a | cat > b'} (strace 6.1, Linux 6.18, ext4), in
     * {@code ff-tt-T/} on the test class path: bash waits for each child, which exits while bash is in wait4.
     */
    @Test
    void merge_realRecordingWithDurations_resumesEachWaitAfterTheExitItReports() throws Exception {
        Path dir = Path.of(getClass().getClassLoader().getResource("ff-tt-T/log.29792").toURI()).getParent();
        List<Path> files = List.of(dir.resolve("log.29794"), dir.resolve("log.29792"), dir.resolve("log.29793"));
        List<TraceLine> merged = new ArrayList<>();
        try (MergedReader r = PerProcessLogs.of(files).open()) {
            r.forEach(merged::add);
        }
        List<Integer> exited = new ArrayList<>();
        int waits = 0;
        for (TraceLine line : merged) {
            if (line instanceof ExitLine) {
                exited.add(line.pid());
            } else if (line instanceof ResumedLine r && r.name().equals("wait4")) {
                int child = (int) r.result().value().getAsLong();
                assertTrue(exited.contains(child), "wait4 resumed before " + child + " exited: line " + r.lineNo());
                waits++;
            }
        }
        assertEquals(2, waits);
        assertEquals(List.of(29793, 29794, 29792), exited);
        List<TraceLine> joined = CallJoiner.join(merged);
        for (Path f : files) {
            int pid = PerProcessLogs.pidOf(f).getAsInt();
            List<String> recorded = TraceParser.parse(f).lines().stream().map(PerProcessLogsTest::content).toList();
            List<String> own = joined.stream().filter(l -> l.pid() == pid).map(PerProcessLogsTest::content).toList();
            assertEquals(recorded, own, f.getFileName().toString());
        }
    }

    /** What a line says, whatever its pid and however it was split: time, call, arguments, result, duration. */
    private static String content(TraceLine l) {
        String time = l.timeMicros().orElse(-1) + " " + l.durationMicros().orElse(-1) + " ";
        if (l instanceof SyscallLine s) {
            return time + s.name() + "(" + String.join(", ", s.args().stream().map(TracePrinter::formatArg).toList())
                    + ") = " + TracePrinter.formatResult(s.result());
        }
        return time + TracePrinter.format(l).substring(l.stamp().prefix().length());
    }

    @Test
    void merge_lineWithoutTimestamp_isRefusedNamingFileAndLine() throws IOException {
        Path a = file("log.31523", "10:00:00.000001 close(0) = 0");
        Path b = file("log.31525", "10:00:00.000002 close(1) = 0", "close(2) = 0");
        assertEquals("log.31525:2:1: no timestamp; the files of strace -ff are merged by time: record with -tt or -ttt",
                refusal(List.of(a, b)));
    }

    @Test
    void of_filesWithoutTimestamps_areRefusedAtOnce() {
        List<Path> ff = RealLogs.ff();
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> PerProcessLogs.of(ff));
        assertEquals(ff.get(0).getFileName().toString(), e.source());
        assertEquals(1, e.lineNo());
    }

    @Test
    void merge_secondsOnlyTimestamps_areRefusedAsTooCoarse() throws IOException {
        Path a = file("log.5", "10:00:00 close(0) = 0");
        Path b = file("log.6", "10:00:00 close(1) = 0");
        assertEquals("log.5:1:1: -t timestamps have whole seconds, too coarse to order processes: record with -tt"
                + " or -ttt", refusal(List.of(a, b)));
    }

    @Test
    void merge_relativeTimestamps_areRefused() throws IOException {
        Path a = file("log.5", "     0.000000 close(0) = 0");
        Path b = file("log.6", "     0.000000 close(1) = 0");
        assertTrue(refusal(List.of(a, b)).startsWith("log.5:1:1: -r timestamps count from the process's previous"
                + " line and cannot order processes"));
    }

    @Test
    void merge_mixedClocks_areRefused() throws IOException {
        Path a = file("log.5", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "1700000000.000001 close(1) = 0");
        assertEquals("log.6:1:1: a -ttt timestamp in a log of -tt timestamps", refusal(List.of(a, b)));
    }

    @Test
    void merge_lineWithAPid_isRefused() throws IOException {
        Path a = file("log.5", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "10:00:00.000002 close(1) = 0", "7     10:00:00.000003 close(2) = 0");
        assertEquals("log.6:2:1: the line has a pid of its own (7); a file of strace -ff has none",
                refusal(List.of(a, b)));
    }

    @Test
    void merge_syntaxError_namesTheFileAndLineStraceWrote() throws IOException {
        Path a = file("log.5", "10:00:00.000001 close(0) = 0", "10:00:00.000003 close(1 = 0");
        Path b = file("log.6", "10:00:00.000002 close(2) = 0");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> text(PerProcessLogs.of(List.of(a, b))));
        assertEquals("log.5", e.source());
        assertEquals(2, e.lineNo());
    }

    @Test
    void merge_headers_areOneBlockAtTheTop() throws IOException {
        Path a = file("log.5", "# kernel: 6.18", "# cwd: /tmp/x", "", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "# kernel: 6.18", "# fs: ext4", "10:00:00.000002 close(1) = 0");
        PerProcessLogs logs = PerProcessLogs.of(List.of(b, a));
        assertEquals(Map.of("kernel", "6.18", "cwd", "/tmp/x", "fs", "ext4"), logs.headers());
        assertEquals(List.of("# kernel: 6.18", "# cwd: /tmp/x", "# fs: ext4", "5     10:00:00.000001 close(0) = 0",
                "6     10:00:00.000002 close(1) = 0"), text(logs));
    }

    @Test
    void of_headerWithDifferentValues_isRefused() throws IOException {
        Path a = file("log.5", "# kernel: 6.18", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "# fs: ext4", "# kernel: 5.10", "10:00:00.000002 close(1) = 0");
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> PerProcessLogs.of(List.of(a, b)));
        assertEquals("log.6:2:1: header '# kernel: 5.10' differs from log.5's '# kernel: 6.18'", e.getMessage());
    }

    @Test
    void origin_mergedLine_namesFileAndLine() throws IOException {
        Path a = file("log.31523", "# kernel: 6.18", "10:00:00.000001 close(0) = 0", "10:00:00.000005 close(1) = 0");
        Path b = file("log.31525", "10:00:00.000002 close(2) = 0", "10:00:00.000003 close(3) = 0");
        PerProcessLogs logs = PerProcessLogs.of(List.of(a, b));
        assertEquals(Optional.of(new LineOrigin("log.31523", 1)), logs.origin(1));
        assertEquals("log.31525:2", logs.origin(4).orElseThrow().toString());
        assertEquals(Optional.of(new LineOrigin("log.31523", 3)), logs.origin(5));
        assertEquals(Optional.empty(), logs.origin(6));
        try (MergedReader r = logs.open()) {
            r.next();
            r.next();
            assertEquals(new LineOrigin("log.31523", 2), r.origin());
            r.next();
            assertEquals(new LineOrigin("log.31525", 1), r.origin());
        }
    }

    @Test
    void merge_timeOfDayPastMidnight_countsIntoTheNextDay() throws IOException {
        Path parent = file("log.5", "23:59:59.999990 close(0) = 0", "00:00:00.000005 close(1) = 0");
        Path child = file("log.6", "00:00:00.000001 close(2) = 0");
        assertEquals(List.of(
                "5     23:59:59.999990 close(0) = 0",
                "6     00:00:00.000001 close(2) = 0",
                "5     00:00:00.000005 close(1) = 0"), text(PerProcessLogs.of(List.of(parent, child))));
    }

    @Test
    void open_twice_readsTheFilesAgain() throws IOException {
        Path a = file("log.5", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "10:00:00.000002 close(1) = 0");
        PerProcessLogs logs = PerProcessLogs.of(List.of(a, b));
        List<String> first = text(logs);
        Files.writeString(b, "10:00:00.000000 close(9) = 0\n");
        assertEquals(2, first.size());
        assertEquals(List.of("6     10:00:00.000000 close(9) = 0", "5     10:00:00.000001 close(0) = 0"), text(logs));
    }

    @Test
    void of_oneFile_keepsItsOrder_andTakesThePidOfItsName() throws IOException {
        Path a = file("trace.42", "# kernel: 6.18", "close(0) = 0", "     0.000010 close(1) = 0");
        PerProcessLogs logs = PerProcessLogs.of(List.of(a));
        assertEquals("trace.42", logs.name());
        assertEquals(List.of("# kernel: 6.18", "42    close(0) = 0", "42         0.000010 close(1) = 0"), text(logs));
    }

    @Test
    void toTrace_wholeMergedLog_isNamedAfterTheSet() throws IOException {
        Path a = file("log.5", "10:00:00.000001 close(0) = 0");
        Path b = file("log.6", "10:00:00.000002 close(1) = 0");
        Trace t = PerProcessLogs.of(List.of(a, b)).toTrace();
        assertEquals("log.*", t.source());
        assertEquals(List.of(5, 6), t.calls().stream().map(SyscallLine::pid).toList());
    }
}
