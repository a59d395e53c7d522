package dev.kemu.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.cli.Main;
import dev.kemu.host.HostSyscalls;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.TraceParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The traces recorded on Linux 6.18 replay on the host machine ({@code --kernel host}): the
 * machine kemu runs on gives the recorded results, except where a trace reads the recording
 * machine's own files. Skipped where the host backend cannot run (not Linux x86-64).
 */
@Timeout(60)
class HostTraceReplayTest {
    /** Traces whose results depend on the machine that recorded them, with the reason. */
    static final Map<String, String> MACHINE_DEPENDENT = Map.of(
            "real_cat_to_file.strace", "cat's dynamic loader reads /etc/ld.so.cache and libc.so.6 of the recording machine; "
                    + "the host reads its own (they match only on a machine with the same C library)");

    @BeforeAll
    static void onLinux() {
        assumeTrue(FuzzTraces.onLinuxX8664(), "the host backend runs only on Linux x86-64");
    }

    static Stream<Path> recorded() {
        return FuzzTraces.files("linux-6.18").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void recordedTrace_replaysOnTheHost_likeTheRecordingKernel(Path file) throws Exception {
        String name = file.getFileName().toString();
        assumeFalse(MACHINE_DEPENDENT.containsKey(name), () -> MACHINE_DEPENDENT.get(name));
        try (HostSyscalls host = HostSyscalls.open()) {
            TraceReport r = new Replayer(host, Replayer.Mode.FIRST_DIVERGENCE).replay(TraceParser.parse(file), name);

            assertNull(r.bug(), () -> "exception out of the host machine: " + r.reason());
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        }
    }

    @Test
    void runCommand_withKernelHost_reEmitsTheRecordedResults() throws Exception {
        Path file = FuzzTraces.files("linux-6.18").stream().filter(p -> p.endsWith("pipe_epipe_after_reader_close.strace"))
                .findFirst().orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"run", "--kernel", "host", file.toString()}, new PrintWriter(out), new PrintWriter(err));

        assertEquals(0, code, err::toString);
        Trace rerun = TraceParser.parse("rerun", out.toString());
        List<SyscallLine> expected = TraceParser.parse(file).calls();
        List<SyscallLine> got = rerun.calls();
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).result().errno(), got.get(i).result().errno(), got.get(i)::toString);
            assertEquals(expected.get(i).result().value(), got.get(i).result().value(), got.get(i)::toString);
        }
        long sigpipes = rerun.lines().stream().filter(l -> l instanceof SignalLine s && s.signal().equals("SIGPIPE")).count();
        assertEquals(3, sigpipes, "one --- SIGPIPE line per EPIPE");
        assertTrue(rerun.header("kernel").orElseThrow().matches("\\d+\\.\\d+(\\.\\d+)?"), "a version kemu can replay");
        assertTrue(out.toString().contains("# recorded: on the host kernel "));
    }
}
