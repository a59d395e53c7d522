package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.SideBySide;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Str;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TracePrinter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kemu compare --kernels V1,V2,... FILE}: runs the trace on each kernel and shows only the
 * calls whose results differ, one column per kernel; for reads, the byte range that differs with
 * a short hexdump per kernel. Differences are the answer, not a failure: exit 0.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trace ran on every kernel (differences are the answer, not a failure)", "1:the trace could not run on a kernel", "2:bad usage or an unreadable trace"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu compare --kernels 3.10+cfr,5.2,6.18 traces/derived/seed_cfr_same_page-6.18.strace", "  kemu compare --all --kernels 5.8,6.18 traces/derived/dirtypipe-5.8.strace", "  kemu compare --json --kernels 4.9,6.18 log.strace"},
        description = "Run one trace on several kernels and show where their results differ.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernels", paramLabel = "V", required = true, split = ",", splitSynopsisLabel = ",",
            description = "the kernels to compare, at least two (required)")
    List<String> kernels;

    @Option(names = "--all", description = "show every call, not only those that differ")
    boolean all;

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
    /** The log the files make. */
    private LogArg log;

    @Inject
    CompareCommand(Machines machines) {
        this.machines = machines;
    }

    /** One call's outcome on every kernel. */
    record Row(int line, SyscallLine recorded, List<SyscallLine> actual) {
        boolean differs() {
            for (SyscallLine a : actual) {
                if (!result(a).equals(result(actual.get(0))) || !Objects.equals(data(a), data(actual.get(0)))) {
                    return true;
                }
            }
            return false;
        }
    }

    static String result(SyscallLine l) {
        return TracePrinter.formatResult(l.result());
    }

    /** The bytes a read-like call returned (its first string argument after the call), or null. */
    static String data(SyscallLine l) {
        byte[] b = dataBytes(l);
        return b == null ? null : java.util.HexFormat.of().formatHex(b);
    }

    static byte[] dataBytes(SyscallLine l) {
        if (!(l.name().equals("read") || l.name().equals("pread64")) || l.args().size() < 2) {
            return null;
        }
        Arg a = l.args().get(1);
        return a instanceof Str ? ((Str) a).bytes() : null;
    }

    @Override
    public Integer call() {
        if (kernels.size() < 2) {
            throw new InputException("--kernels: give at least two kernel versions, separated by commas");
        }
        List<Kernels.Resolved> versions = new ArrayList<>();
        for (String k : kernels) {
            versions.add(machines.resolve(k, "--kernels"));
        }
        PrintWriter out = output.writer(spec);
        log = LogArg.one(files);
        // Streamed: one pass over the log, every kernel side by side; only the rows shown are kept.
        dev.kemu.replay.LogSource source = TraceFiles.source(log);
        dev.kemu.replay.TraceWorld world = TraceFiles.replaying(log, () -> dev.kemu.replay.TraceWorld.of(source));
        List<Kernel> machinesUp = new ArrayList<>();
        Rows rows = new Rows(all);
        List<TraceReport> reports;
        List<CallViews> views = new ArrayList<>();
        try {
            List<Replayer> replayers = new ArrayList<>();
            for (Kernels.Resolved v : versions) {
                Kernel k = machines.boot(v, root.options, world);
                machinesUp.add(k);
                Replayer replayer = new Replayer(k, Replayer.Mode.WHOLE_TRACE);
                if (html != null) {
                    CallViews v2 = new CallViews();
                    views.add(v2);
                    replayer.traced().onEachCall(v2);
                }
                replayers.add(replayer);
            }
            reports = TraceFiles.replaying(log, () -> SideBySide.replay(replayers, source, log.name(), rows::add));
        } finally {
            machinesUp.forEach(Kernel::shutdown);
        }
        if (html != null) {
            List<HtmlPage.Run> pictures = new ArrayList<>();
            for (int i = 0; i < reports.size(); i++) {
                pictures.add(HtmlOutput.run(reports.get(i), views.get(i)));
            }
            HtmlOutput.write(html, log.name(), source.header("scenario").orElse(""), pictures);
        }
        if (reports.get(0).counts().calls() == 0 && reports.get(0).passed()) {
            throw new InputException(log.display() + ": no system call in the log: nothing to replay");
        }
        if (json) {
            out.println(Json.write(toJson(rows)));
        } else {
            print(out, rows);
        }
        out.flush();
        output.close();
        boolean notRun = false;
        for (TraceReport r : reports) {
            notRun |= TraceFiles.notRun(r, spec.commandLine().getErr());
        }
        return notRun ? ExitCodes.DIVERGENCE : ExitCodes.OK;
    }

    /**
     * The rows as they come from the replay: counted, and kept only when shown (the calls that differ, or every call
     * with {@code --all}).
     */
    static final class Rows {
        private final boolean all;
        final List<Row> shown = new ArrayList<>();
        long total;
        long differing;

        Rows(boolean all) {
            this.all = all;
        }

        void add(List<CallOutcome> outcomes) {
            List<SyscallLine> actual = new ArrayList<>(outcomes.size());
            for (CallOutcome o : outcomes) {
                actual.add(o.actual());
            }
            Row r = new Row(outcomes.get(0).lineNo(), outcomes.get(0).recorded(), actual);
            total++;
            boolean differs = r.differs();
            if (differs) {
                differing++;
            }
            if (differs || all) {
                shown.add(r);
            }
        }
    }

    private void print(PrintWriter out, Rows rows) {
        out.printf("compare %s on %s%n%n", log.name(), String.join(", ", kernels));
        List<Row> shown = rows.shown;
        // Each column as wide as its widest cell, two spaces apart.
        int callWidth = "call".length();
        for (Row r : shown) {
            callWidth = Math.max(callWidth, shortCall(r.recorded(), quote.quoting()).length());
        }
        int[] widths = new int[kernels.size()];
        for (int k = 0; k < kernels.size(); k++) {
            widths[k] = kernels.get(k).length();
            for (Row r : shown) {
                widths[k] = Math.max(widths[k], cell(r.actual().get(k)).length());
            }
        }
        StringBuilder header = new StringBuilder(String.format("%5s  %-" + callWidth + "s", "line", "call"));
        for (int k = 0; k < kernels.size(); k++) {
            header.append("  ").append(String.format("%-" + widths[k] + "s", kernels.get(k)));
        }
        out.println(Style.bold(header.toString().stripTrailing()));
        for (Row r : shown) {
            boolean differs = r.differs();
            StringBuilder line = new StringBuilder(String.format("%5d  %-" + callWidth + "s", r.line(), shortCall(r.recorded(), quote.quoting())));
            String first = cell(r.actual().get(0));
            for (int k = 0; k < kernels.size(); k++) {
                String c = cell(r.actual().get(k));
                String padded = k == kernels.size() - 1 ? c : String.format("%-" + widths[k] + "s", c);
                line.append("  ").append(differs && (k > 0 && !c.equals(first) || k == 0) ? Style.red(padded) : padded);
            }
            out.println(Style.on() ? line.toString() : line.toString().stripTrailing());
            if (differs) {
                dataDifference(out, r);
            }
        }
        out.printf("%n%d kernels, %d of %d calls differ%n", kernels.size(), rows.differing, rows.total);
        if (shown.isEmpty()) {
            out.println("(every call gave the same result on every kernel)");
        }
    }

    /** A result as a column shows it: {@code = -1 EINVAL}. */
    private static String cell(SyscallLine a) {
        return "= " + shortResult(result(a));
    }

    /** For reads whose bytes differ: the range and 16 bytes from its start, per kernel. */
    private void dataDifference(PrintWriter out, Row r) {
        List<byte[]> data = new ArrayList<>();
        for (SyscallLine a : r.actual()) {
            data.add(dataBytes(a));
        }
        if (data.stream().anyMatch(Objects::isNull)) {
            return;
        }
        int max = data.stream().mapToInt(b -> b.length).max().orElse(0);
        int first = -1;
        int last = -1;
        for (int i = 0; i < max; i++) {
            int ref = byteAt(data.get(0), i);
            for (byte[] b : data) {
                if (byteAt(b, i) != ref) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                    break;
                }
            }
        }
        if (first < 0) {
            return;
        }
        out.printf("       bytes %d..%d differ:%n", first, last);
        for (int k = 0; k < kernels.size(); k++) {
            out.printf("         %-10s %s%n", kernels.get(k), hexdump(data.get(k), first));
        }
    }

    /** The byte at {@code i}, or -1 past the end. */
    private static int byteAt(byte[] b, int i) {
        return i < b.length ? b[i] & 0xff : -1;
    }

    static String hexdump(byte[] b, int at) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + 16); i++) {
            hex.append(String.format("%02x ", b[i] & 0xff));
            char c = (char) (b[i] & 0xff);
            text.append(c >= 0x20 && c < 0x7f ? c : '.');
        }
        if (at >= b.length) {
            return String.format("%6d: (no data: %d bytes returned)", at, b.length);
        }
        return String.format("%6d: %-48s %s", at, hex, text);
    }

    private static String shortCall(SyscallLine l, dev.kemu.strace.Quoting q) {
        String s = TracePrinter.format(Quote.apply(l, q).withResult(dev.kemu.strace.Result.unknown()));
        int eq = s.lastIndexOf(" = ");
        s = (eq > 0 ? s.substring(0, eq) : s).stripTrailing();
        return s.length() > 44 ? s.substring(0, 41) + "..." : s;
    }

    private static String shortResult(String r) {
        int paren = r.indexOf(" (");
        return paren > 0 ? r.substring(0, paren) : r;
    }

    private Map<String, Object> toJson(Rows rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", log.name());
        m.put("kernels", kernels);
        List<Object> calls = new ArrayList<>();
        for (Row r : rows.shown) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("line", r.line());
            c.put("syscall", r.recorded().name());
            c.put("differs", r.differs());
            Map<String, Object> results = new LinkedHashMap<>();
            for (int k = 0; k < kernels.size(); k++) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("result", JsonResults.result(r.actual().get(k).result()));
                one.put("data", data(r.actual().get(k)));
                results.put(kernels.get(k), one);
            }
            c.put("results", results);
            calls.add(c);
        }
        m.put("calls", calls);
        m.put("differing", rows.differing);
        m.put("total", rows.total);
        return m;
    }
}
