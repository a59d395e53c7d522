package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.host.HostSyscalls;
import dev.kemu.host.Refusal;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Comment;
import dev.kemu.strace.ResumedLine;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.UnfinishedLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code kemu run --kernel V FILE}: the trace again, in strace syntax, with this kernel's
 * results: return values, errnos, the data reads returned, the signals raised. Comments are kept
 * ({@code # kernel:} names the kernel that ran it).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every result is the record's", "1:a result differs from the record (marked), or the trace could not run", "2:bad usage or an unreadable trace"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu run --kernel 3.10+cfr traces/derived/seed_cfr_same_page-6.18.strace", "  kemu run --kernel 4.9 -o out.strace log.strace", "  kemu run --kernel host log.strace", "  kemu run --json --kernel 5.2 log.strace"},
        description = "Re-emit a trace with an emulated kernel's results.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "V", required = true,
            description = "kernel version, or 'host' to run the calls on this machine's own kernel (required)")
    String kernel;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Mixin
    RootMixin root;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write one self-contained HTML page that shows the pipe slots and the pages they reference, call by call")
    java.nio.file.Path html;

    @Mixin
    Quote quote;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "an strace log (- for standard input), or the files strace -ff wrote for one (PREFIX.PID, all of one PREFIX)")
    List<String> files;

    private final Machines machines;

    @Inject
    RunCommand(Machines machines) {
        this.machines = machines;
    }

    @Override
    public Integer call() {
        if (Machines.isHost(kernel)) {
            return callOnHost();
        }
        Kernels.Resolved v = machines.resolve(kernel, "--kernel");
        LogArg log = LogArg.one(files);
        if (!json && html == null) {
            return streamed(v, log);
        }
        Trace trace = TraceFiles.load(log);
        PrintWriter out = output.writer(spec);
        Kernel k = machines.boot(v, root.options, dev.kemu.replay.TraceWorld.of(trace));
        metrics.start();
        CallViews views = html == null ? null : new CallViews();
        Replayer replayer = new Replayer(k, Replayer.Mode.WHOLE_TRACE);
        TraceReport r = (views == null ? replayer : replayer.traced().onEachCall(views)).replay(trace, log.name());
        k.shutdown();
        if (views != null) {
            HtmlOutput.write(html, log.name(), trace.header("scenario").orElse(""), List.of(HtmlOutput.run(r, views)));
        }
        if (json) {
            Map<String, Object> m = toJson(r);
            Map<String, Object> counters = metrics.stop();
            if (counters != null) {
                m.put("metrics", counters);
            }
            out.println(Json.write(m));
        } else {
            for (String line : render(trace, r, v.version().toString(), quote.quoting())) {
                out.println(line);
            }
            metrics.finish(out);
        }
        out.flush();
        output.close();
        return differs(r) ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /**
     * The trace re-emitted as it replays: the log read line by line twice before (its world, the recording machine's
     * files) and twice during the replay (the replay, and {@link RunLines} printing behind it), never held whole.
     */
    private Integer streamed(Kernels.Resolved v, LogArg log) {
        LogSource source = TraceFiles.source(log);
        dev.kemu.replay.TraceWorld world = TraceFiles.replaying(log, () -> dev.kemu.replay.TraceWorld.of(source));
        Kernel k = machines.boot(v, root.options, world);
        metrics.start();
        TraceReport r;
        boolean differs;
        try (RunLines lines = new RunLines(source.open(), () -> output.writer(spec), v.version().toString(), quote.quoting())) {
            r = TraceFiles.replaying(log, () -> new Replayer(k, Replayer.Mode.WHOLE_TRACE).withoutOutcomes()
                    .onOutcome(lines::outcome).onProgress(lines::progress).replay(source, log.name()));
            if (r.counts().calls() == 0 && r.passed()) {
                throw new InputException(log.display() + ": no system call in the log: nothing to replay");
            }
            TraceFiles.replaying(log, () -> {
                lines.finish(r);
                return null;
            });
            differs = lines.differs(r);
        } finally {
            k.shutdown();
        }
        PrintWriter out = output.writer(spec);
        metrics.finish(out);
        out.flush();
        output.close();
        return differs ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /**
     * {@code --kernel host}: the trace re-recorded on this machine's kernel, without strace. The
     * {@code # kernel:} header names the release as kemu models it (so the output replays on the
     * emulated kernel of that version), a comment says where it was recorded, and calls refused
     * because they would write outside the machine's directory are listed on standard error.
     */
    private Integer callOnHost() {
        LogArg log = LogArg.one(files);
        Trace trace = TraceFiles.load(log);
        Machines.HostReplay run = machines.replayOnHost(trace, log.name(), Replayer.Mode.WHOLE_TRACE, root.options);
        TraceReport r = run.report();
        String fsType = run.filesystem();
        List<Refusal> refusals = run.refusals();
        PrintWriter out = output.writer(spec);
        String release = HostSyscalls.hostRelease();
        if (json) {
            Map<String, Object> m = toJson(r);
            m.put("filesystem", fsType);
            List<Object> refused = new ArrayList<>();
            for (Refusal x : refusals) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("call", x.call());
                e.put("path", x.path());
                e.put("reason", x.reason());
                refused.add(e);
            }
            m.put("refused", refused);
            out.println(Json.write(m));
        } else {
            List<String> lines = render(trace, r, HostSyscalls.modelledRelease(), quote.quoting());
            int at = lines.indexOf("# kernel: " + HostSyscalls.modelledRelease());
            lines.add(at + 1, "# recorded: on the host kernel " + release + " (" + fsType + ") by kemu run --kernel host");
            lines.forEach(out::println);
        }
        out.flush();
        output.close();
        if (!refusals.isEmpty()) {
            // Mostly the replayer rebuilding files from outside the scenario directory: on the host, the machine's own are read.
            PrintWriter err = spec.commandLine().getErr();
            err.println("kemu: host: refused (EACCES) " + refusals.size() + " call(s) that would write outside the machine's directory: "
                    + String.join(", ", refusals.stream().map(x -> x.call() + " " + x.path()).toList()));
            err.flush();
        }
        return differs(r) ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /** The re-emitted trace, line by line. */
    static List<String> render(Trace trace, TraceReport r, String version, dev.kemu.strace.Quoting q) {
        Map<Integer, CallOutcome> byLine = new HashMap<>();
        r.outcomes().forEach(o -> byLine.put(o.lineNo(), o));
        // A call strace split between tasks: its outcome also stands at its resumed half.
        Map<Integer, CallOutcome> byEnd = new HashMap<>();
        r.outcomes().stream().filter(o -> o.recorded().endLineNo() > o.lineNo())
                .forEach(o -> byEnd.put(o.recorded().endLineNo(), o));
        List<String> out = new ArrayList<>();
        List<String> pendingSignals = new ArrayList<>();
        boolean stopped = false;
        for (TraceLine tl : trace.lines()) {
            if (tl instanceof Comment && ((Comment) tl).text().startsWith("# kernel:")) {
                out.add("# kernel: " + version);
            } else if (tl instanceof SyscallLine) {
                flushSignals(out, pendingSignals, null);
                CallOutcome o = byLine.get(tl.lineNo());
                if (o == null || stopped) {
                    if (!stopped && r.verdict() != Verdict.PASS) {
                        out.add("# kemu: not run from here: line " + r.lineNo() + ": " + r.reason());
                    }
                    stopped = true;
                    out.add("# " + TracePrinter.format(Quote.apply((SyscallLine) tl, q)));
                    continue;
                }
                if (!o.matches()) {
                    out.add(Style.red(MARK + "line " + o.lineNo() + " differs from the record: " + o.difference()));
                }
                SyscallLine actual = Quote.apply(o.actual(), q);
                out.add(blocked(o) ? unfinished(actual) : TracePrinter.format(actual));
                pendingSignals.addAll(o.signals());
            } else if (tl instanceof UnfinishedLine && !stopped && byLine.containsKey(tl.lineNo())) {
                // The call's inputs, as recorded; the model's results come with its resumed half.
                out.add(TracePrinter.format(tl));
            } else if (tl instanceof ResumedLine rl && !stopped && byEnd.containsKey(rl.lineNo())) {
                CallOutcome o = byEnd.get(rl.lineNo());
                out.add(resumedText(rl, o));
                pendingSignals.addAll(o.signals());
            } else if (tl instanceof SignalLine) {
                SignalLine sl = (SignalLine) tl;
                if (stopped) {
                    out.add("# " + sl.text());
                } else if (pendingSignals.remove(sl.signal())) {
                    out.add(sl.text());
                }
            } else if (!stopped || tl instanceof Comment) {
                out.add(TracePrinter.format(tl));
            }
        }
        flushSignals(out, pendingSignals, null);
        return out;
    }

    /** The comment that marks a line whose result differs from the record. */
    static final String MARK = "# kemu: ";

    /** A call that never returned on this kernel (the replay says it blocked), whatever the record shows. */
    static boolean blocked(CallOutcome o) {
        return !o.matches() && o.actual() == o.recorded() && o.difference().startsWith("the call ");
    }

    /** A call that never returned, as strace leaves one: its arguments, then {@code <unfinished ...>}. */
    static String unfinished(SyscallLine call) {
        String text = TracePrinter.format(call.withResult(dev.kemu.strace.Result.unknown())).replaceFirst("\\)\\s*= \\?$", "");
        return text + " <unfinished ...>";
    }

    /** Whether any call's result differs from the record, or the trace could not run to its end. */
    static boolean differs(TraceReport r) {
        return r.verdict() == Verdict.UNSUPPORTED || r.bug() != null || r.outcomes().stream().anyMatch(o -> !o.matches());
    }

    /** The resumed half of a split call as printed with the model's results ({@code o}). */
    static String resumedText(ResumedLine rl, CallOutcome o) {
        ResumedLine half = resumedHalf(rl, o.actual());
        String text = TracePrinter.format(half);
        if (half != rl && rl.raw() != null && rl.raw().contains(" resumed>, ") && !half.args().isEmpty()) {
            // strace put the separator after "resumed>" when the first half ended with a whole argument.
            text = text.replaceFirst(" resumed>", " resumed>, ");
        }
        return text;
    }

    /** The resumed half of a split call with the model's results: the trailing arguments and the return value. */
    private static ResumedLine resumedHalf(ResumedLine recorded, SyscallLine actual) {
        List<dev.kemu.strace.Arg> all = actual.args();
        int n = Math.min(recorded.args().size(), all.size());
        List<dev.kemu.strace.Arg> tail = new ArrayList<>(all.subList(all.size() - n, all.size()));
        if (recorded.changesLast() && !tail.isEmpty() && tail.get(0) instanceof dev.kemu.strace.Changed c) {
            tail.set(0, c.after());
        }
        if (tail.equals(recorded.args()) && actual.result().equals(recorded.result())) {
            return recorded;
        }
        if (tail.size() != recorded.args().size()) {
            return new ResumedLine(recorded.lineNo(), recorded.name(), recorded.args(), actual.result(),
                    recorded.vanished(), recorded.changesLast(), recorded.stamp(), null);
        }
        return new ResumedLine(recorded.lineNo(), recorded.name(), tail, actual.result(), recorded.vanished(),
                recorded.changesLast(), recorded.stamp(), null);
    }

    private static void flushSignals(List<String> out, List<String> pending, String pid) {
        for (String s : pending) {
            out.add("--- " + s + " {si_signo=" + s + ", si_code=SI_USER, si_pid=" + (pid == null ? "1" : pid) + ", si_uid=0} ---");
        }
        pending.clear();
    }

    static Map<String, Object> toJson(TraceReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", r.name());
        m.put("kernel", r.kernel());
        m.put("verdict", r.verdict().name());
        if (!r.passed()) {
            m.put("line", r.lineNo());
            m.put("reason", r.reason());
        }
        List<Object> calls = new ArrayList<>();
        for (CallOutcome o : r.outcomes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("line", o.lineNo());
            c.put("syscall", o.recorded().name());
            c.put("recorded", JsonResults.result(o.recorded().result()));
            if (blocked(o)) {
                c.put("result", null);
                c.put("blocked", true);
            } else {
                c.put("result", JsonResults.result(o.actual().result()));
            }
            c.put("actual", blocked(o) ? unfinished(o.actual()) : TracePrinter.format(o.actual()));
            c.put("matches", o.matches());
            c.put("difference", o.difference());
            c.put("signals", o.signals());
            calls.add(c);
        }
        m.put("calls", calls);
        return m;
    }
}
