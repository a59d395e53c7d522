package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.replay.Verdict;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Programs that connect processes through pipes, recorded with {@code kemu record} ({@code traces/real/pipelines/}):
 * shell pipelines, a FIFO between two processes, two children teeing one pipe into two files, two threads on one
 * pipe. Each replays PASS, and on every run: the tasks run on their own threads, so a verdict that depended on how
 * they were scheduled would show here.
 */
class PipelineReplayTest {
    private static final Kernels KERNELS = Kernels.discover();
    private static final int RUNS = 20;

    static Stream<Path> pipelines() {
        return Traces.files("real/pipelines").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelines")
    void pipeline_replaysPass_onEveryRun(Path file) throws Exception {
        LogSource log = LogSource.of(file);
        BootOptions opts = TraceWorld.of(log).layout(BootOptions.standard(), null, type -> KERNELS.fsTypes().get(type) != null);
        for (int run = 1; run <= RUNS; run++) {
            Kernel k = KERNELS.boot(log.header("kernel").orElseThrow(), opts);
            TraceReport r;
            try {
                r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(log, file.getFileName().toString());
            } finally {
                k.shutdown();
            }
            int n = run;
            assertNull(r.bug(), () -> "emulator bug: " + r.reason());
            assertEquals(Verdict.PASS, r.verdict(), () -> "run " + n + ": " + r.name() + ": line " + r.lineNo() + ": " + r.reason());
        }
    }
}
