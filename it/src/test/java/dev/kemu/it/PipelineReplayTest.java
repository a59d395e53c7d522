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
        replaysPassOnEveryRun(LogSource.of(file), file.getFileName().toString());
    }

    /**
     * The same pipeline recorded with plain {@code strace -ff -tt -o log} (one file per process, calls printed whole
     * at their start): merged by time, it replays as the {@code -f} log does.
     */
    @org.junit.jupiter.api.Test
    void perProcessFiles_mergedByTime_replayPass_onEveryRun() throws Exception {
        java.util.List<Path> files;
        try (Stream<Path> s = java.nio.file.Files.list(Traces.dir("real/pipelines/ff"))) {
            files = s.filter(p -> p.getFileName().toString().startsWith("log.")).sorted().toList();
        }
        replaysPassOnEveryRun(LogSource.merged(files), "log.*");
    }

    private static void replaysPassOnEveryRun(LogSource log, String name) throws Exception {
        BootOptions opts = TraceWorld.of(log).layout(BootOptions.standard(), null, type -> KERNELS.fsTypes().get(type) != null);
        for (int run = 1; run <= RUNS; run++) {
            Kernel k = KERNELS.boot(log.header("kernel").orElseThrow(), opts);
            TraceReport r;
            try {
                r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(log, name);
            } finally {
                k.shutdown();
            }
            int n = run;
            assertNull(r.bug(), () -> "emulator bug: " + r.reason());
            assertEquals(Verdict.PASS, r.verdict(), () -> "run " + n + ": " + r.name() + ": line " + r.lineNo() + ": " + r.reason());
        }
    }
}
