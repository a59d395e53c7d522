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
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every result matched the record (known divergences, XFAIL, included)", "1:a FAIL, UNSUPPORTED or XPASS", "2:bad usage or an unreadable trace", "130:interrupted; what ran so far is summed up"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu replay traces/linux-6.18/*.strace", "  kemu replay --kernel 5.2 traces/derived/seed_cfr_same_page-6.18.strace", "  strace -f -xx -o /dev/stdout ./prog | kemu replay -", "  kemu replay --json traces/*/*.strace > results.json"},
        description = "Replay strace logs on an emulated kernel; exit 0 iff every result matches.")
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

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "strace logs, - for standard input; the files strace -ff wrote (PREFIX.PID, all of one PREFIX) are one log")
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
        if (host) {
            root.options.checkHost();
        } else {
            root.options.checkEmulated();
        }
        Kernels.Resolved forced = kernel == null || host ? null : machines.resolve(kernel, "--kernel");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        metrics.start();
        List<TraceReport> reports = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<String[]> unreadable = new ArrayList<>();
        List<LogArg> logs = LogArg.all(files);
        try (Progress progress = Progress.start("replay", logs.size())) {
            for (LogArg log : logs) {
                TraceReport r;
                String origin;
                try {
                    r = replayOne(log, host, forced);
                    origin = origin(r, log);
                } catch (InputException e) {
                    unreadable.add(new String[] {log.name(), e.getMessage()});
                    if (!json) {
                        out.flush();
                        err.println("kemu: " + e.getMessage());
                        err.flush();
                    }
                    progress.step();
                    continue;
                }
                reports.add(r);
                origins.add(origin);
                if (r.bug() != null && Debug.enabled) {
                    r.bug().printStackTrace(err);
                }
                if (!json) {
                    out.println(line(r, origin));
                    out.flush();
                }
                progress.step();
            }
        }
        long passed = reports.stream().filter(TraceReport::passed).count();
        long failed = reports.size() - passed;
        if (json) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                TraceReport r = reports.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trace", r.name());
                m.put("kernel", r.kernel());
                m.put("verdict", r.verdict().name());
                m.put("line", r.lineNo());
                if (origins.get(i) != null) {
                    m.put("origin", origins.get(i));
                }
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

    private TraceReport replayOne(LogArg arg, boolean host, Kernels.Resolved forced) {
        if (host) {
            Trace t = TraceFiles.load(arg);
            return machines.replayOnHost(t, arg.name(), Replayer.Mode.FIRST_DIVERGENCE, root.options).report();
        }
        // Streamed: the log is read twice, line by line, never held whole.
        dev.kemu.replay.LogSource log = TraceFiles.source(arg);
        Kernels.Resolved v = forced != null ? forced
                : machines.resolve(TraceFiles.headerKernel(log, arg), arg.display() + ": '# kernel:' header");
        dev.kemu.replay.TraceWorld world = TraceFiles.replaying(arg, () -> dev.kemu.replay.TraceWorld.of(log));
        Kernel k = machines.boot(v, root.options, world);
        try {
            return TraceFiles.replaying(arg, () -> new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes()
                    .replay(log, arg.name()));
        } finally {
            k.shutdown();
        }
    }

    /**
     * Where the replay of a set of {@code -ff} files stopped, in the file strace wrote ({@code log.31525:17}); null for
     * a log of one file, whose line numbers are its own.
     */
    private static String origin(TraceReport r, LogArg log) {
        return log.isSet() && r.lineNo() > 0 ? TraceFiles.replaying(log, () -> log.where(r.lineNo())) : null;
    }

    /** The report line: {@code PASS name: counts}, or the verdict, where it stopped and why. */
    static String line(TraceReport r, String origin) {
        if (r.verdict() == Verdict.PASS) {
            return "PASS " + r.name() + ": " + r.counts().describe();
        }
        return r.verdict().name() + " " + r.name() + ": line " + r.lineNo() + (origin == null ? "" : " (" + origin + ")")
                + ": " + r.reason();
    }
}
