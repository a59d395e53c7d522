package dev.kemu.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --html FILE}: one self-contained page (inline CSS, script and SVG, nothing fetched) that shows a
 * scenario call by call: for each kernel, the pipes as rings of slots with arrows to the pages they reference, the
 * pages' bytes with what the call changed marked, the files before and after, the call's result and its function
 * graph folded beside the picture. With several kernels ({@code compare}) they stand side by side at each call,
 * a result or a file byte that differs from the first kernel's marked. Each call is a {@code section#call-L}
 * (L its trace line: a permalink); the script shows one at a time, steps with the arrow keys and the buttons, and
 * jumps with a list; without the script, and when printed, every step shows one after another.
 */
final class HtmlPage {
    /** One kernel's run: its version, a one-line verdict, and a view per call. */
    record Run(String kernel, String verdict, List<CallView> views) {
        Run {
            views = List.copyOf(views);
        }
    }

    private final MachineSvg svg;

    HtmlPage() {
        this(false);
    }

    /** @param misdrawn the planted fault of {@link MachineSvg#MachineSvg(boolean)} */
    HtmlPage(boolean misdrawn) {
        this.svg = new MachineSvg(misdrawn);
    }

    /** The whole document for {@code trace} run on {@code runs} (one run for trace and run, several for compare). */
    String render(String trace, String scenario, List<Run> runs) {
        Map<Integer, List<CallView>> byLine = new LinkedHashMap<>();
        for (int k = 0; k < runs.size(); k++) {
            for (CallView v : runs.get(k).views()) {
                List<CallView> row = byLine.computeIfAbsent(v.line(), l -> new ArrayList<>());
                while (row.size() < k) {
                    row.add(null);
                }
                if (row.size() == k) {
                    row.add(v);
                }
            }
        }
        String kernels = String.join(", ", runs.stream().map(Run::kernel).toList());
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<title>kemu: ").append(Html.escape(trace)).append(" on Linux ").append(Html.escape(kernels))
                .append("</title><style>").append(Html.resource("html/page.css")).append("</style></head><body>\n");
        sb.append("<header><h1>").append(Html.escape(trace)).append(" on Linux ").append(Html.escape(kernels)).append("</h1>");
        if (scenario != null && !scenario.isBlank()) {
            sb.append("<p class=\"scenario\">").append(Html.escape(scenario)).append("</p>");
        }
        for (Run r : runs) {
            sb.append("<p class=\"verdict\">Linux ").append(Html.escape(r.kernel())).append(": ").append(Html.escape(r.verdict()))
                    .append("</p>");
        }
        sb.append("</header><nav aria-label=\"Calls\" class=\"controls\"><button type=\"button\" id=\"prev\" aria-keyshortcuts=\"ArrowLeft\">◀ Previous</button> ")
                .append("<label for=\"jump\">Call</label> <select id=\"jump\">");
        int n = 0;
        for (Map.Entry<Integer, List<CallView>> e : byLine.entrySet()) {
            n++;
            CallView first = firstOf(e.getValue());
            sb.append("<option value=\"call-").append(e.getKey()).append("\">").append(n).append(". line ").append(e.getKey())
                    .append(": ").append(Html.escape(shortCall(first.call()))).append("</option>");
        }
        sb.append("</select> <button type=\"button\" id=\"next\" aria-keyshortcuts=\"ArrowRight\">Next ▶</button> ")
                .append("<button type=\"button\" id=\"all\" aria-pressed=\"false\">Every step (print view)</button> ")
                .append("<span id=\"where\" role=\"status\" aria-live=\"polite\"></span></nav>")
                .append("<p class=\"legend\">Keys: ← and → step, Home and End go to the first and last call. ")
                .append("Slots: <b>used</b> (plain) or <b>free</b> (hatched), “+offset length”, ops, flags (MERGE = CAN_MERGE, PKT = PACKET, GIFT), ")
                .append("▲ marks tail and head; an arrow runs from each used slot to its page, a dashed one from a slot of the private pipe of sendfile or copy_file_range to the page it held during the call. Pages: file (solid border), anonymous (dashed), user page from vmsplice (dotted). ")
                .append("Bytes the call changed are <mark class=\"c\">marked</mark>")
                .append(runs.size() > 1 ? "; bytes that differ from the first kernel's are <mark class=\"d\">marked</mark>" : "")
                .append(".</p>\n<main>\n");
        n = 0;
        for (Map.Entry<Integer, List<CallView>> e : byLine.entrySet()) {
            n++;
            step(sb, n, byLine.size(), e.getKey(), e.getValue(), runs);
        }
        sb.append("</main>\n<script>").append(Html.resource("html/page.js")).append("</script>\n</body></html>\n");
        return sb.toString();
    }

    private void step(StringBuilder sb, int n, int total, int line, List<CallView> row, List<Run> runs) {
        CallView first = firstOf(row);
        String id = "call-" + line;
        sb.append("<section class=\"step\" id=\"").append(id).append("\" data-line=\"").append(line)
                .append("\" data-summary=\"").append(Html.escape("line " + line + ": " + shortCall(first.call())))
                .append("\" aria-labelledby=\"").append(id).append("-h\"><h2 id=\"").append(id).append("-h\">Call ").append(n)
                .append(" of ").append(total).append(" · line ").append(line)
                .append(first.pid() > 0 ? " · pid " + first.pid() : "").append("</h2><div class=\"kernels\">");
        CallView base = row.get(0);
        for (int k = 0; k < runs.size(); k++) {
            CallView v = k < row.size() ? row.get(k) : null;
            sb.append("<div class=\"kernel\" data-kernel=\"").append(Html.escape(runs.get(k).kernel())).append("\">");
            if (runs.size() > 1) {
                sb.append("<h3>Linux ").append(Html.escape(runs.get(k).kernel())).append("</h3>");
            }
            if (v == null) {
                sb.append("<p>Not run on this kernel (the replay stopped before this line).</p></div>");
                continue;
            }
            kernel(sb, v, k == 0 || base == null ? null : base, runs.get(0).kernel(), id + "-k" + k, runs.size() == 1);
            sb.append("</div>");
        }
        sb.append("</div></section>\n");
    }

    private void kernel(StringBuilder sb, CallView v, CallView base, String baseKernel, String id, boolean graphOpen) {
        boolean differs = base != null && !base.result().equals(v.result());
        sb.append("<p class=\"call\"><code>").append(Html.escape(abbreviate(v.call()))).append("</code></p>")
                .append("<p class=\"result").append(differs ? " differs" : "").append("\" data-result=\"")
                .append(Html.escape(v.result())).append("\">Result: <strong>= ").append(Html.escape(v.result())).append("</strong>");
        if (differs) {
            sb.append(" <span class=\"tag\">≠ differs from Linux ").append(Html.escape(baseKernel)).append(" (= ")
                    .append(Html.escape(base.result())).append(")</span>");
        }
        if (v.difference() != null) {
            sb.append(" <span class=\"tag\">≠ the record: ").append(Html.escape(v.difference())).append("</span>");
        }
        sb.append("</p>");
        List<String> inside = inside(v.graph());
        if (!inside.isEmpty()) {
            sb.append("<div class=\"inside\"><h4>Inside the call</h4><ul>");
            for (String note : inside) {
                sb.append("<li>").append(Html.escape(note)).append("</li>");
            }
            sb.append("</ul></div>");
        }
        sb.append("<div class=\"cols\"><div class=\"picture\">");
        if (v.pipes().isEmpty() && v.pages().isEmpty()) {
            sb.append("<p class=\"none\">No pipe and no page yet.</p>");
        } else {
            sb.append(svg.draw(v, id));
        }
        if (!v.pages().isEmpty()) {
            sb.append("<h4>Pages</h4><ul class=\"pages\">");
            for (CallView.PageView pg : v.pages()) {
                sb.append("<li class=\"page-bytes\" data-page=\"").append(pg.label()).append("\"><strong>").append(pg.label())
                        .append("</strong> ").append(Html.escape(pg.identity())).append(pg.bytes().changedCount() == 0 ? ""
                                : " · " + pg.bytes().changedCount() + " bytes changed").append(HexStrip.html(pg.bytes(), null))
                        .append("</li>");
            }
            sb.append("</ul>");
        }
        if (!v.files().isEmpty()) {
            sb.append("<h4>Files</h4><ul class=\"files\">");
            for (CallView.FileView f : v.files()) {
                boolean[] other = base == null ? null : differsFrom(f, base);
                int changed = f.after().changedCount();
                sb.append("<li class=\"file\" data-file=\"").append(Html.escape(f.name())).append("\" data-size=\"").append(f.size())
                        .append("\"><strong>").append(Html.escape(f.name())).append("</strong>, ").append(f.size()).append(" bytes")
                        .append(f.before() == null ? " (first seen here)" : changed == 0 ? ", unchanged by this call"
                                : ", " + changed + " bytes changed by this call");
                if (other != null) {
                    int d = new CallView.Bytes(0, f.after().bytes(), other).changedCount();
                    sb.append(d == 0 ? "" : " <span class=\"tag\">≠ " + d + " bytes differ from Linux " + Html.escape(baseKernel) + "</span>");
                }
                if (f.before() != null && changed > 0) {
                    sb.append("<div class=\"before\"><span class=\"ba\">before</span>").append(HexStrip.html(f.before(), null))
                            .append("</div>");
                }
                sb.append("<div class=\"after\"><span class=\"ba\">").append(f.before() != null && changed > 0 ? "after" : "now")
                        .append("</span>").append(HexStrip.html(f.after(), other)).append("</div></li>");
            }
            sb.append("</ul>");
        }
        sb.append("</div><details class=\"graph\"").append(graphOpen && !v.graph().isEmpty() ? " open" : "")
                .append("><summary>Function graph (").append(v.graph().size()).append(" lines)</summary><pre>");
        for (String g : v.graph()) {
            sb.append(Html.escape(g)).append('\n');
        }
        sb.append("</pre></details></div>");
    }

    /**
     * The function graph's notes that say what happened to slots, pages and bytes (which slot got which page, a copy
     * skipped or smeared, a merge), without the locks and return values; at most {@link #NOTES}.
     */
    static List<String> inside(List<String> graph) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = NOTE.matcher("");
        for (String g : graph) {
            m.reset(g);
            while (m.find() && out.size() < NOTES) {
                String note = m.group(1).trim();
                if (!note.startsWith("=") && !note.startsWith("mutex_lock") && !note.startsWith("pipe_double_lock")) {
                    out.add(note);
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern NOTE = java.util.regex.Pattern.compile("/\\*(.*?)\\*/");
    static final int NOTES = 12;

    /** Per byte of {@code f}'s bytes, whether the same file on the first kernel holds another byte there. */
    private static boolean[] differsFrom(CallView.FileView f, CallView base) {
        byte[] mine = f.after().bytes();
        boolean[] out = new boolean[mine.length];
        for (CallView.FileView g : base.files()) {
            if (g.name().equals(f.name())) {
                byte[] theirs = g.after().bytes();
                for (int i = 0; i < mine.length; i++) {
                    out[i] = i >= theirs.length || theirs[i] != mine[i];
                }
                return out;
            }
        }
        return out;
    }

    private static CallView firstOf(List<CallView> row) {
        for (CallView v : row) {
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException("a line without a call");
    }

    /** The call without its result, cut to 60 characters. */
    static String shortCall(String call) {
        int eq = call.lastIndexOf(" = ");
        String s = eq > 0 ? call.substring(0, eq).stripTrailing() : call;
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A call line cut to 200 characters (long data strings stay readable). */
    static String abbreviate(String s) {
        int eq = s.lastIndexOf(" = ");
        return s.length() > 200 && eq > 150 ? s.substring(0, 150) + "..." + s.substring(eq) : s;
    }
}
