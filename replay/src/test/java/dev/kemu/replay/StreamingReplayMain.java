package dev.kemu.replay;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import java.nio.file.Path;

/**
 * Replays one log file, streamed, and prints {@code VERDICT CALLS}: what {@link StreamingReplayTest} runs in a JVM
 * whose heap is smaller than the log.
 */
final class StreamingReplayMain {
    private StreamingReplayMain() {
    }

    public static void main(String[] args) throws Exception {
        Kernel k = Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        try {
            LogSource log = LogSource.of(Path.of(args[0]));
            TraceWorld.of(log);
            TraceReport r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(log, "big");
            System.out.println(r.verdict() + " " + r.counts().calls() + (r.passed() ? "" : " " + r.lineNo() + ": " + r.reason()));
        } finally {
            k.shutdown();
        }
    }
}
