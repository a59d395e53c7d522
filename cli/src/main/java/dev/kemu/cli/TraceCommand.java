package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.TracePrinter;
import java.io.PrintWriter;
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
 * {@code kemu trace --kernel V FILE [--lines A-B]}: what the emulated kernel did inside each call,
 * laid out like ftrace's function_graph and named after that version's functions: which pipe
 * slot got which page, which lock was taken, which copy was skipped or smeared, which check
 * returned the errno.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trace ran", "1:the trace could not run", "2:bad usage or an unreadable trace"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu trace --kernel 3.10+cfr --lines 10 traces/derived/seed_cfr_same_page-6.18.strace", "  kemu trace --kernel 6.18 --lines 9- log.strace", "  kemu trace --json --kernel 5.2 --lines 9-11 log.strace", "  kemu trace --kernel 3.10+cfr --html out.html traces/derived/seed_cfr_same_page-6.18.strace"},
        description = "Show what the kernel did inside each call, ftrace function_graph style.")
final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "V", required = true, description = "kernel version (required)")
    String kernel;

    @Option(names = "--lines", paramLabel = "A-B", description = "only the calls on these trace lines (A-B, A- for A to the end, or one line A; default: every line)")
    String lines;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write one self-contained HTML page that shows the pipe slots and the pages they reference, call by call")
    java.nio.file.Path html;

    @Mixin
    RootMixin root;

    @Mixin
    Quote quote;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "an strace log (- for standard input), or the files strace -ff wrote for one (PREFIX.PID, all of one PREFIX)")
    List<String> files;

    private final Machines machines;

    @Inject
    TraceCommand(Machines machines) {
        this.machines = machines;
    }

    /** The lines {@code --lines} picks: {@code A-B}, {@code A-} (A to the end) or {@code A}, with 0 < A <= B. */
    static int[] range(String lines) {
        if (lines == null) {
            return new int[] {1, Integer.MAX_VALUE};
        }
        String[] parts = lines.split("-", -1);
        try {
            int a = Integer.parseInt(parts[0].trim());
            int b = parts.length == 1 ? a : parts.length == 2 && parts[1].isBlank() ? Integer.MAX_VALUE
                    : parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
            if (a > 0 && a <= b) {
                return new int[] {a, b};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputException("--lines: expected A-B with 0 < A <= B, A- (from A to the end) or one line number A > 0, got '"
                + lines + "'");
    }

    @Override
    public Integer call() {
        int[] r = range(lines);
        PrintWriter out = output.writer(spec);
        Kernels.Resolved v = machines.resolve(kernel, "--kernel");
        LogArg log = LogArg.one(files);
        // Streamed: each call's graph is printed as the call ends and then dropped, never the whole log held.
        dev.kemu.replay.LogSource source = TraceFiles.source(log);
        dev.kemu.replay.TraceWorld world = TraceFiles.replaying(log, () -> dev.kemu.replay.TraceWorld.of(source));
        Kernel k = machines.boot(v, root.options, world);
        String release = k.release();
        int[] shown = {0};
        boolean[] headed = {false};
        Runnable header = () -> {
            if (headed[0]) {
                return;
            }
            headed[0] = true;
            if (json) {
                out.print("{\"trace\":" + Json.write(log.name()) + ",\"kernel\":" + Json.write(release) + ",\"calls\":[");
            } else {
                out.printf("# kemu function_graph: Linux %s, %s%n", release, log.name());
            }
        };
        java.util.function.Consumer<CallOutcome> print = o -> {
            header.run();
            if (o.lineNo() < r[0] || o.lineNo() > r[1]) {
                return;
            }
            if (json) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("line", o.lineNo());
                c.put("call", TracePrinter.format(Quote.apply(o.actual(), quote.quoting())));
                c.put("result", JsonResults.result(o.actual().result()));
                c.put("graph", JsonResults.graph(o.graph()));
                out.print((shown[0] == 0 ? "" : ",") + Json.write(c));
            } else {
                out.println();
                int pid = o.recorded().pid();
                out.printf(pid > 0 ? "# line %d, pid %d%n" : "# line %d%n", o.lineNo(), pid);
                out.println(abbreviate(TracePrinter.format(Quote.apply(o.actual(), quote.quoting()))));
                for (String g : o.graph()) {
                    out.println("  " + notes(g));
                }
            }
            shown[0]++;
        };
        TraceReport report;
        CallViews views = html == null ? null : new CallViews();
        try {
            Replayer replayer = new Replayer(k, Replayer.Mode.WHOLE_TRACE).traced().withoutOutcomes().onOutcome(print);
            if (views != null) {
                replayer.onEachCall(views);
            }
            report = TraceFiles.replaying(log, () -> replayer.replay(source, log.name()));
        } finally {
            k.shutdown();
        }
        if (views != null) {
            HtmlOutput.write(html, log.name(), source.header("scenario").orElse(""), List.of(HtmlOutput.run(report, views)));
        }
        if (report.counts().calls() == 0 && report.passed()) {
            throw new InputException(log.display() + ": no system call in the log: nothing to replay");
        }
        header.run();
        if (json) {
            out.println("]}");
        } else if (shown[0] == 0) {
            out.println("# no call on lines " + (lines == null ? "" : lines));
        }
        out.flush();
        output.close();
        return TraceFiles.notRun(report, spec.commandLine().getErr()) ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /** A graph line with its notes ({@code /* ... *}{@code /}) coloured, as ftrace's viewers do. */
    static String notes(String g) {
        if (!Style.on()) {
            return g;
        }
        return java.util.regex.Pattern.compile("/\\*.*?\\*/").matcher(g).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(Style.yellow(m.group())));
    }

    /** A syscall line cut to 160 characters (long data strings stay readable). */
    static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 120) + "..." + s.substring(s.lastIndexOf(" = ")) : s;
    }
}
