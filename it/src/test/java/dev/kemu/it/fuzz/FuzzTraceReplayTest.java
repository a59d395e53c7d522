package dev.kemu.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.host.HostSyscalls;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression traces {@code kemu fuzz} found ({@code traces/fuzz}, the host kernel's results
 * as the record) replay on the kernel their {@code # kernel:} header names. Those the emulator
 * still gets wrong say so in a {@code # divergence: ... differs at line N: ...} header (their
 * {@code # diagnosis:} says why): each must still fail, at that line (when one starts passing,
 * its header becomes {@code # fixed divergence:}); every other one must pass.
 */
@Timeout(60)
class FuzzTraceReplayTest {
    private static final Pattern DIVERGENCE = Pattern.compile("^# divergence: .*? differs at line (\\d+):");

    /** The line a {@code # divergence:} header says the replay stops at, or -1 when the log has none. */
    static int divergenceLine(Path file) throws java.io.IOException {
        try (Stream<String> lines = java.nio.file.Files.lines(file)) {
            return lines.takeWhile(l -> l.startsWith("#")).map(DIVERGENCE::matcher).filter(Matcher::find)
                    .mapToInt(m -> Integer.parseInt(m.group(1))).findFirst().orElse(-1);
        }
    }

    static Stream<Path> fuzzTraces() {
        return FuzzTraces.files("fuzz").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzTraces")
    void fuzzTrace_replaysOnItsKernel_orIsAKnownFailure(Path file) throws Exception {
        String name = file.getFileName().toString();
        Trace trace = TraceParser.parse(file);
        String version = trace.header("kernel").orElseThrow(() -> new AssertionError(name + " has no # kernel: header"));
        TraceReport r = new Replayer(Kernels.discover().boot(version, BootOptions.standard()), Replayer.Mode.FIRST_DIVERGENCE)
                .replay(trace, name);

        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        int known = divergenceLine(file);
        if (known >= 0) {
            assertEquals(Verdict.FAIL, r.verdict(), () -> name + " now passes on " + version
                    + ": its header should say '# fixed divergence:'");
            assertEquals(known, r.lineNo(), () -> name + " now fails elsewhere: " + r.reason());
        } else {
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzTraces")
    void fuzzTrace_replaysOnTheHost_asRecorded(Path file) throws Exception {
        assumeTrue(FuzzTraces.onLinuxX8664(), "the host backend runs only on Linux x86-64");
        Trace trace = TraceParser.parse(file);
        try (HostSyscalls host = HostSyscalls.open()) {
            assumeTrue(host.filesystemType().equals(trace.header("fs").orElse("ext4")),
                    "recorded on " + trace.header("fs").orElse("ext4") + ", the host directory is on " + host.filesystemType());
            TraceReport r = new Replayer(host, Replayer.Mode.FIRST_DIVERGENCE).replay(trace, file.getFileName().toString());

            assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
        }
    }

    @Test
    void divergenceHeaders_areRead() throws Exception {
        long known = fuzzTraces().filter(p -> {
            try {
                return divergenceLine(p) > 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();
        assertTrue(known > 0, "no '# divergence:' header found in traces/fuzz");
    }
}
