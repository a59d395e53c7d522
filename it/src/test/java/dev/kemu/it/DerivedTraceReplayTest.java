package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expected results for older kernels, derived from their sources (each trace names its
 * kernel in {@code # kernel:} and explains itself in {@code # derivation:}), replay on the
 * kernel they name.
 */
class DerivedTraceReplayTest {
    static Stream<Path> derived() {
        return Traces.files("derived").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("derived")
    void derivedTrace_replaysOnItsKernel_asDerived(Path file) throws Exception {
        var trace = Traces.parse(file);
        String version = trace.header("kernel").orElseThrow();
        assertTrue(trace.header("derivation").isPresent(), "a derived trace explains itself");
        TraceReport r = RecordedTraceReplayTest.replay(file, version);
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        assertEquals(Verdict.PASS, r.verdict(), () -> file.getFileName() + " on " + version + ": line " + r.lineNo() + ": " + r.reason());
    }
}
