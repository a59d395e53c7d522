package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.RealRecordings;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every log recorded on a real kernel booted under qemu ({@code oracle/}, kept in
 * {@code traces/linux-<uname -r>/}) replays PASS on the emulated kernel of that release. A log
 * whose difference kemu cannot express says so in a {@code # not replayed:} header line with
 * the reason, and is reported as skipped with that reason. 6.18's own folder is
 * {@link RecordedTraceReplayTest}'s.
 */
class RealKernelRecordingTest {
    private static final Kernels KERNELS = Kernels.discover();

    static Stream<Arguments> recordings() {
        return RealRecordings.under(Traces.dir("linux-6.18").getParent()).stream()
                .filter(log -> !log.name().startsWith("linux-6.18/"))
                .map(log -> Arguments.of(log.name(), log.release(), log));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void realKernelRecording_replaysOnItsOwnRelease(String name, String release, RealRecordings.Log log) throws Exception {
        String kernel = RealRecordings.header(log.file(), "kernel");
        assertTrue(kernel != null && kernel.startsWith(release), () -> name + ": # kernel: " + kernel + " is not " + release);
        String skip = log.notReplayed();
        if (skip != null) {
            assertFalse(skip.isBlank(), () -> name + ": '# not replayed:' needs its reason");
            Assumptions.abort(skip);
        }
        Kernel k = KERNELS.boot(release, BootOptions.standard());
        try {
            TraceReport r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(Traces.parse(log.file()), name);
            assertNull(r.bug(), () -> "emulator bug: " + r.reason());
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        } finally {
            k.shutdown();
        }
    }
}
