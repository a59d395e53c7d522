package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Trace;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real programs recorded unfiltered on this machine's kernel replay on the kernel they were recorded on, as the
 * log stands: {@code traces/real/} (recorded with {@code kemu record}: every process, every byte, a header) and
 * {@code traces/real/flags/} ({@code cp a b} under plain {@code strace} with each set of flags users pass, no
 * header: replayed on 6.18 as {@code --kernel 6.18} would) and {@code traces/real/plain/} (other programs under plain
 * {@code strace}, one flag set each). Every call is either compared or counted as outside the model; none is
 * skipped.
 */
class RealProgramReplayTest {
    private static final Kernels KERNELS = Kernels.discover();

    static Stream<Path> recorded() {
        return Traces.files("real").stream();
    }

    static Stream<Path> plainStrace() {
        return Traces.files("real/flags").stream();
    }

    static Stream<Path> otherProgramsPlainStrace() {
        return Traces.files("real/plain").stream();
    }

    static TraceReport replay(Path file, String fallbackKernel) throws Exception {
        Trace t = Traces.parse(file);
        String version = t.header("kernel").orElse(fallbackKernel);
        BootOptions opts = TraceWorld.of(t).layout(BootOptions.standard(), null, type -> KERNELS.fsTypes().get(type) != null);
        Kernel k = KERNELS.boot(version, opts);
        try {
            return new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(t, file.getFileName().toString());
        } finally {
            k.shutdown();
        }
    }

    static void assertReplays(TraceReport r) {
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        assertEquals(Verdict.PASS, r.verdict(), () -> r.name() + ": line " + r.lineNo() + ": " + r.reason());
        TraceReport.Counts c = r.counts();
        assertEquals(c.calls(), c.compared() + c.outside(), c::describe);
        assertTrue(c.compared() > c.outside(), () -> "most calls of a program that copies files are compared: " + c.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void realProgram_replaysOnTheKernelItWasRecordedOn(Path file) throws Exception {
        assertReplays(replay(file, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainStrace")
    void cpRecordedWithPlainStrace_replaysOn618_whateverTheFlags(Path file) throws Exception {
        assertReplays(replay(file, "6.18"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherProgramsPlainStrace")
    void programRecordedWithPlainStrace_replaysOn618(Path file) throws Exception {
        assertReplays(replay(file, "6.18"));
    }
}
