package dev.kemu.strace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TraceRoundTripTest {

    @Test
    void traceFiles_areFoundOnTheClassPath() {
        List<Path> files = TraceFiles.all();
        assertTrue(files.size() >= 40, "found " + files.size() + " traces");
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("linux-6.18")));
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("derived")));
    }

    @TestFactory
    Stream<DynamicTest> print_parsedTraceFile_givesIdenticalText() {
        return TraceFiles.all().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            String raw = TraceFiles.text(p);
            // A log cut short in the middle of its last line prints back with that line ended.
            String text = raw.isEmpty() || raw.endsWith("\n") ? raw : raw + "\n";
            Trace trace = TraceParser.parse(p);
            assertEquals(p.getFileName().toString(), trace.source());
            assertEquals(text, TracePrinter.print(trace));
            assertEquals(text.split("\n", -1).length - 1, trace.lines().size());
        }));
    }

    @TestFactory
    Stream<DynamicTest> format_everyCallWithoutLineRaw_reproducesPaddingAndText() {
        return TraceFiles.all().stream().map(p -> DynamicTest.dynamicTest(name(p), () -> {
            for (SyscallLine call : TraceParser.parse(p).calls()) {
                assertEquals(call.raw(), TracePrinter.format(call.withoutRaw()), "line " + call.lineNo());
                assertEquals(call.raw(), TracePrinter.format(call.withResult(call.result().withoutRaw())),
                        "line " + call.lineNo());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> quote_everyRecordedString_reproducesStraceOutput() {
        // Only the traces strace recorded with -xx; traces/fuzz/ is written by kemu itself, traces/real/flags/ holds
        // every quoting strace has.
        return TraceFiles.all().stream().filter(p -> !java.util.Set.of("fuzz", "flags", "plain").contains(p.getParent().getFileName().toString())).map(p -> DynamicTest.dynamicTest(name(p), () -> {
            List<Str> strings = new ArrayList<>();
            for (SyscallLine call : TraceParser.parse(p).calls()) {
                call.args().forEach(a -> collect(a, strings));
            }
            for (Str s : strings) {
                assertEquals(Quoting.HEX_ALL, s.quoting(), s.raw());
                assertEquals(s.raw(), StraceString.quote(s.bytes(), s.length(), s.truncated(), s.quoting()));
                assertEquals(s.raw(), TracePrinter.formatArg(new Str(s.bytes(), s.truncated(), s.quoting(), null)));
            }
        }));
    }

    @Test
    void parse_pipeBasicWriteRead_hasExpectedLinesAndHeaders() {
        Trace t = TraceParser.parse(TraceFiles.path("linux-6.18/pipe_basic_write_read.strace"));
        assertEquals(23, t.lines().size());
        assertEquals(19, t.calls().size());
        assertEquals("6.18", t.header("kernel").orElseThrow());
        assertEquals("ext4", t.header("fs").orElseThrow());
        assertTrue(t.header("scenario").orElseThrow().startsWith("the pipe syscall, write then read"));
        assertTrue(t.header("nope").isEmpty());
        SyscallLine pipe = t.calls().get(0);
        assertEquals(5, pipe.lineNo());
        assertEquals("pipe", pipe.name());
        assertEquals(List.of(new Num(3, "3"), new Num(4, "4")), ((ListArg) pipe.arg(0)).items());
        SyscallLine last = t.calls().get(18);
        assertEquals("close", last.name());
        assertEquals(23, last.lineNo());
    }

    @Test
    void parse_sendfileErrors_countsCallsAndSignal() {
        Trace t = TraceParser.parse(TraceFiles.path("linux-6.18/sendfile_errors.strace"));
        assertEquals(40, t.calls().size());
        List<TraceLine> signals = t.lines().stream().filter(l -> l instanceof SignalLine).toList();
        assertEquals(1, signals.size());
        SignalLine sig = (SignalLine) signals.get(0);
        assertEquals("SIGPIPE", sig.signal());
        assertEquals(34, sig.lineNo());
        assertInstanceOf(Comment.class, t.lines().get(0));
    }

    @Test
    void parse_largeCopyTrace_decodesLongStrings() {
        Trace t = TraceParser.parse(TraceFiles.path("linux-6.18/cfr_large_1mib.strace"));
        assertEquals(37, t.calls().size());
        long written = t.calls().stream().filter(c -> c.name().equals("write"))
                .mapToLong(c -> ((Str) c.arg(1)).length()).sum();
        assertEquals(1048699, written);
        long results = t.calls().stream().filter(c -> c.name().equals("write"))
                .mapToLong(c -> c.result().value().getAsLong()).sum();
        assertEquals(written, results);
    }

    @Test
    void parse_derivedSendfileTrace_readsChangedOffsets() {
        Trace t = TraceParser.parse(TraceFiles.path("derived/seed_sendfile_same_page-3.10.strace"));
        assertEquals("3.10", t.header("kernel").orElseThrow());
        assertEquals(12, t.calls().size());
        Changed off = (Changed) t.calls().get(5).arg(2);
        assertEquals(new Num(0, "0"), ((ListArg) off.before()).get(0));
        assertEquals(new Num(100, "100"), ((ListArg) off.after()).get(0));
        assertEquals("[0] => [100]", off.raw());
    }

    private static void collect(Arg a, List<Str> out) {
        if (a instanceof Str s) {
            out.add(s);
        } else if (a instanceof ListArg l) {
            l.items().forEach(i -> collect(i, out));
        } else if (a instanceof StructArg st) {
            st.fields().forEach(f -> collect(f.value(), out));
        } else if (a instanceof Changed c) {
            collect(c.before(), out);
            collect(c.after(), out);
        }
    }

    private static String name(Path p) {
        return TraceFiles.root().relativize(p).toString();
    }
}
