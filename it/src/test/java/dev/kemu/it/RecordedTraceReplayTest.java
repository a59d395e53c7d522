package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trace recorded on the real Linux 6.18 kernel replays on the emulated 6.18 with the
 * standard machine (ext4 root): every result, errno and byte read matches the record. The few
 * traces that use calls the model does not have yet must say so (UNSUPPORTED), never crash.
 */
class RecordedTraceReplayTest {
    /** Traces that need calls still to be modelled; each must be reported UNSUPPORTED, not crash. */
    static final Set<String> NOT_YET_MODELLED = Set.of();

    static Stream<Path> recorded() {
        return Traces.files("linux-6.18").stream();
    }

    static TraceReport replay(Path file, String version) throws Exception {
        Kernel k = Kernels.discover().boot(version, BootOptions.standard());
        return new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(Traces.parse(file), file.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void recordedTrace_replaysOn618_likeTheRealKernel(Path file) throws Exception {
        TraceReport r = replay(file, "6.18");
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        String name = file.getFileName().toString();
        if (NOT_YET_MODELLED.contains(name)) {
            assertEquals(Verdict.UNSUPPORTED, r.verdict(), () -> name + " now gets " + r.verdict() + ": " + r.reason()
                    + " (if it passes, take it off NOT_YET_MODELLED)");
        } else {
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recorded")
    void recordedTrace_replaysOn310_withoutCrashing(Path file) throws Exception {
        // 3.10 differs from 6.18 in places; whatever the verdict, the emulator must not break.
        TraceReport r = replay(file, "3.10");
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
    }
}
