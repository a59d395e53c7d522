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

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "strace logs, - for standard input; the files strace -ff wrote (PREFIX.PID, all of one PREFIX) are one log")
    List<String> files;

    private final Machines machines;

    @Inject
    ReplayCommand(Machines machines) {
        this.machines = machines;
    }

    /**
     * One log's outcome.
     *
     * @param report the replay's report
     * @param origin where it stopped in the file strace wrote, for an {@code -ff} set; or null
     * @param verdict PASS, FAIL, UNSUPPORTED, XFAIL (a known divergence) or XPASS (a known divergence that passed)
     * @param known the known divergence, or null
     */
    record Outcome(TraceReport report, String origin, String verdict, KnownDivergence known) {
        /** Whether this outcome fails the run: an unexpected FAIL or UNSUPPORTED, or an XPASS. */
        boolean fails() {
            return !verdict.equals("PASS") && !verdict.equals("XFAIL");
        }

        static Outcome of(TraceReport r, String origin, KnownDivergence known) {
            String v = r.verdict().name();
            if (known != null && r.passed()) {
                v = "XPASS";
            } else if (known != null && known.covers(r.lineNo())) {
                v = "XFAIL";
            }
            return new Outcome(r, origin, v, known);
        }
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
        PrintWriter out = output.writer(spec);
        PrintWriter err = spec.commandLine().getErr();
        metrics.start();
        List<Outcome> outcomes = new ArrayList<>();
        List<String[]> unreadable = new ArrayList<>();
        List<LogArg> logs = LogArg.all(files);
        List<Outcome> soFar = java.util.Collections.synchronizedList(outcomes);
        Interrupt.onInterrupt(out, o -> o.println(interrupted(soFar, unreadable.size(), logs.size())));
        try (Progress progress = Progress.start("replay", logs.size())) {
            for (LogArg log : logs) {
                Outcome o;
                try {
                    TraceReport r = replayOne(log, host, forced);
                    if (r.counts().calls() == 0 && r.passed()) {
                        throw new InputException(log.display() + ": no system call in the log: nothing to replay");
                    }
                    o = Outcome.of(r, origin(r, log), KnownDivergence.of(log).orElse(null));
                } catch (InputException e) {
                    unreadable.add(new String[] {log.name(), e.getMessage()});
                    if (!json) {
                        progress.clear();
                        out.flush();
                        err.println("kemu: " + e.getMessage());
                        err.flush();
                    }
                    progress.step();
                    continue;
                }
                soFar.add(o);
                if (o.report().bug() != null && Debug.enabled) {
                    o.report().bug().printStackTrace(err);
                }
                if (!json) {
                    progress.clear();
                    out.println(line(o));
                    out.flush();
                }
                progress.step();
            }
        }
        Interrupt.done();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String v : new String[] {"PASS", "FAIL", "UNSUPPORTED", "XFAIL", "XPASS"}) {
            counts.put(v, outcomes.stream().filter(o -> o.verdict().equals(v)).count());
        }
        long passed = counts.get("PASS");
        long failed = counts.get("FAIL") + counts.get("UNSUPPORTED");
        if (json) {
            List<Object> items = new ArrayList<>();
            for (Outcome o : outcomes) {
                TraceReport r = o.report();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("trace", r.name());
                m.put("kernel", r.kernel());
                m.put("verdict", o.verdict());
                if (!r.passed()) {
                    m.put("line", r.lineNo());
                    if (o.origin() != null) {
                        m.put("origin", o.origin());
                    }
                    m.put("reason", r.reason());
                }
                if (o.known() != null) {
                    m.put("known", o.known().why());
                }
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
            rootObj.put("xfailed", counts.get("XFAIL"));
            rootObj.put("xpassed", counts.get("XPASS"));
            rootObj.put("unreadable", unreadable.size());
            Map<String, Object> counters = metrics.stop();
            if (counters != null) {
                rootObj.put("metrics", counters);
            }
            out.println(Json.write(rootObj));
        } else {
            out.println(summary(passed, failed, counts.get("XFAIL"), counts.get("XPASS"), unreadable.size()));
        }
        out.flush();
        if (!json) {
            metrics.finish(out);
        }
        output.close();
        if (!unreadable.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        return outcomes.stream().anyMatch(Outcome::fails) ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /** After Ctrl-C: {@code interrupted after 12 of 492 logs: 10 passed, 2 failed}. */
    static String interrupted(List<Outcome> outcomes, int unreadable, int logs) {
        List<Outcome> copy;
        synchronized (outcomes) {
            copy = List.copyOf(outcomes);
        }
        long passed = copy.stream().filter(o -> o.verdict().equals("PASS")).count();
        long failed = copy.stream().filter(o -> o.verdict().equals("FAIL") || o.verdict().equals("UNSUPPORTED")).count();
        return "interrupted after " + (copy.size() + unreadable) + " of " + logs + " logs: " + summary(passed, failed,
                copy.stream().filter(o -> o.verdict().equals("XFAIL")).count(), copy.stream().filter(o -> o.verdict().equals("XPASS")).count(),
                unreadable);
    }

    /** {@code 480 passed, 0 failed, 9 xfailed}: the last three only when not 0. */
    static String summary(long passed, long failed, long xfailed, long xpassed, long unreadable) {
        return passed + " passed, " + failed + " failed" + (xfailed == 0 ? "" : ", " + xfailed + " xfailed")
                + (xpassed == 0 ? "" : ", " + xpassed + " xpassed") + (unreadable == 0 ? "" : ", " + unreadable + " unreadable");
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
    static String line(Outcome o) {
        TraceReport r = o.report();
        return switch (o.verdict()) {
            case "PASS" -> Style.verdict("PASS") + " " + r.name() + ": " + r.counts().describe();
            case "XPASS" -> Style.verdict("XPASS") + " " + r.name() + ": " + r.counts().describe() + "; documented as a known divergence ("
                    + o.known().why() + "), but it passed: take that off";
            default -> Style.verdict(o.verdict()) + " " + r.name() + ": line " + r.lineNo() + (o.origin() == null ? "" : " (" + o.origin() + ")")
                    + ": " + r.reason() + (o.verdict().equals("XFAIL") ? (o.known().line() > 0 ? " (a known divergence, see its header)"
                            : " (known: " + o.known().why() + ")") : "");
        };
    }
}
