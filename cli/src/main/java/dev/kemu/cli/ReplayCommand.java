package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Trace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kemu replay [--kernel V] FILE...}: runs each trace on a fresh machine and compares every
 * result with the record. One line per trace ({@code PASS}, {@code FAIL} with the first
 * divergence, {@code UNSUPPORTED} with the reason), then {@code N passed, M failed}.
 */
@Command(name = "replay", description = "Replay strace logs on an emulated kernel; exit 0 iff every result matches.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "V", description = "kernel version (default: each trace's '# kernel:' header)")
    String kernel;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Mixin
    RootMixin root;

    @Mixin
    MetricsOptions metrics;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "strace logs")
    List<String> files;

    private final Machines machines;

    @Inject
    ReplayCommand(Machines machines) {
        this.machines = machines;
    }

    @Override
    public Integer call() {
        // Check the options before running anything; a file that cannot be read fails that file, not the batch.
        boolean host = kernel != null && Machines.isHost(kernel);
        Kernels.Resolved forced = kernel == null || host ? null : machines.resolve(kernel, "--kernel");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        metrics.start();
        List<TraceReport> reports = new ArrayList<>();
        List<String[]> unreadable = new ArrayList<>();
        try (Progress progress = Progress.start("replay", files.size())) {
            for (String file : files) {
                TraceReport r;
                try {
                    r = replayOne(file, host, forced);
                } catch (InputException e) {
                    unreadable.add(new String[] {TraceFiles.name(file), e.getMessage()});
                    if (!json) {
                        out.flush();
                        err.println("kemu: " + e.getMessage());
                        err.flush();
                    }
                    progress.step();
                    continue;
                }
                reports.add(r);
                if (r.bug() != null && Debug.enabled) {
                    r.bug().printStackTrace(err);
                }
                if (!json) {
                    out.println(line(r));
                    out.flush();
                }
                progress.step();
            }
        }
        long passed = reports.stream().filter(TraceReport::passed).count();
        long failed = reports.size() - passed;
        if (json) {
            List<Object> items = new ArrayList<>();
            for (TraceReport r : reports) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trace", r.name());
                m.put("kernel", r.kernel());
                m.put("verdict", r.verdict().name());
                m.put("line", r.lineNo());
                m.put("reason", r.reason());
                m.put("calls", r.counts().calls());
                m.put("compared", r.counts().compared());
                m.put("outside", r.counts().outside());
                m.put("cut", r.counts().cut());
                items.add(m);
            }
            for (String[] u : unreadable) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trace", u[0]);
                m.put("verdict", "UNREADABLE");
                m.put("reason", u[1]);
                items.add(m);
            }
            Map<String, Object> rootObj = new LinkedHashMap<>();
            rootObj.put("traces", items);
            rootObj.put("passed", passed);
            rootObj.put("failed", failed);
            rootObj.put("unreadable", unreadable.size());
            out.println(Json.write(rootObj));
        } else {
            out.println(passed + " passed, " + failed + " failed" + (unreadable.isEmpty() ? "" : ", " + unreadable.size() + " unreadable"));
        }
        out.flush();
        metrics.finish(json ? err : out);
        if (!unreadable.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.DIVERGENCE;
    }

    private TraceReport replayOne(String file, boolean host, Kernels.Resolved forced) {
        if (host) {
            Trace t = TraceFiles.load(file);
            return machines.replayOnHost(t, TraceFiles.name(file), Replayer.Mode.FIRST_DIVERGENCE, root.options).report();
        }
        // Streamed: the log is read twice, line by line, never held whole.
        dev.kemu.replay.LogSource log = TraceFiles.source(file);
        Kernels.Resolved v = forced != null ? forced : machines.resolve(TraceFiles.headerKernel(log, file), file + ": '# kernel:' header");
        dev.kemu.replay.TraceWorld world = TraceFiles.replaying(file, () -> dev.kemu.replay.TraceWorld.of(log));
        Kernel k = machines.boot(v, root.options, world);
        try {
            return TraceFiles.replaying(file, () -> new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes()
                    .replay(log, TraceFiles.name(file)));
        } finally {
            k.shutdown();
        }
    }

    static String line(TraceReport r) {
        if (r.verdict() == Verdict.PASS) {
            return "PASS " + r.name() + ": " + r.counts().describe();
        }
        return r.verdict().name() + " " + r.name() + ": line " + r.lineNo() + ": " + r.reason();
    }
}
