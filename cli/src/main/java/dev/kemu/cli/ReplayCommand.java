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
        // Check everything the user gave before running anything.
        boolean host = kernel != null && Machines.isHost(kernel);
        Kernels.Resolved forced = kernel == null || host ? null : machines.resolve(kernel, "--kernel");
        List<Trace> traces = new ArrayList<>();
        List<Kernels.Resolved> versions = new ArrayList<>();
        for (String f : files) {
            Trace t = TraceFiles.load(f);
            traces.add(t);
            versions.add(host ? null : forced != null ? forced : machines.resolve(TraceFiles.headerKernel(t, f), f + ": '# kernel:' header"));
        }
        PrintWriter out = spec.commandLine().getOut();
        metrics.start();
        List<TraceReport> reports = new ArrayList<>();
        try (Progress progress = Progress.start("replay", files.size())) {
            for (int i = 0; i < files.size(); i++) {
                TraceReport r;
                if (host) {
                    r = machines.replayOnHost(traces.get(i), TraceFiles.name(files.get(i)), Replayer.Mode.FIRST_DIVERGENCE,
                            root.options).report();
                } else {
                    Kernel k = machines.boot(versions.get(i), root.options);
                    r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(traces.get(i), TraceFiles.name(files.get(i)));
                    k.shutdown();
                }
                reports.add(r);
                if (r.bug() != null && Debug.enabled) {
                    r.bug().printStackTrace(spec.commandLine().getErr());
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
                m.put("calls", r.outcomes().size());
                items.add(m);
            }
            Map<String, Object> rootObj = new LinkedHashMap<>();
            rootObj.put("traces", items);
            rootObj.put("passed", passed);
            rootObj.put("failed", failed);
            out.println(Json.write(rootObj));
        } else {
            out.println(passed + " passed, " + failed + " failed");
        }
        out.flush();
        metrics.finish(json ? spec.commandLine().getErr() : out);
        return failed == 0 ? ExitCodes.OK : ExitCodes.DIVERGENCE;
    }

    static String line(TraceReport r) {
        if (r.verdict() == Verdict.PASS) {
            return "PASS " + r.name();
        }
        return r.verdict().name() + " " + r.name() + ": line " + r.lineNo() + ": " + r.reason();
    }
}
