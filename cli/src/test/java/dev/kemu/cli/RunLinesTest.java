package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.strace.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code kemu run} prints as it replays ({@link RunLines}): for every recorded 6.18 trace and every derived trace
 * (several tasks, split calls, signals, calls the replay could not run), the output is what the rendering of the
 * whole log held in memory gives ({@link RunCommand#render}, which {@code run --kernel host} still uses).
 */
class RunLinesTest {
    private static final Kernels KERNELS = Kernels.discover();

    @Test
    void run_streamed_printsWhatTheWholeLogRendersTo() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (String dir : List.of("../traces/linux-6.18", "../traces/derived")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".strace")).sorted().forEach(logs::add);
            }
        }
        assertTrue(logs.size() > 30, "traces found: " + logs.size());
        for (Path log : logs) {
            Trace trace = TraceFiles.load(new LogArg(List.of(log.toString())));
            String version = trace.header("kernel").orElseThrow().trim();
            Machines machines = new Machines(KERNELS);
            Kernels.Resolved v = machines.resolve(version, null);
            Kernel k = machines.boot(v, new RootOptions(), TraceWorld.of(trace));
            TraceReport r = new Replayer(k, Replayer.Mode.WHOLE_TRACE).replay(trace, log.getFileName().toString());
            k.shutdown();
            String want = String.join("\n", RunCommand.render(trace, r, v.version().toString(), dev.kemu.strace.Quoting.DEFAULT));

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"run", "--kernel", version, log.toString()}, new PrintWriter(out),
                    new PrintWriter(err));
            assertEquals(want, out.toString().stripTrailing(), log + ": " + err);
            assertEquals(RunCommand.differs(r) ? ExitCodes.DIVERGENCE : ExitCodes.OK, code, log + ": " + err);
        }
    }
}
