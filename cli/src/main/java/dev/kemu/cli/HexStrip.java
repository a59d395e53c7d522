package dev.kemu.cli;

/**
 * A run of bytes as a compact hex and ASCII strip in HTML, 16 bytes a row, the bytes a call changed in
 * {@code <mark class="c">} and bytes that differ from another kernel's in {@code <mark class="d">} (both shown by
 * weight and underline as well as colour). A run longer than {@link #WHOLE} bytes shows its first
 * {@link #LEAD} bytes and a window around each changed stretch, the rest as a gap saying how many bytes it hides.
 */
final class HexStrip {
    static final int WHOLE = 320;
    static final int LEAD = 32;
    static final int ROW = 16;
    private static final int CONTEXT = 8;
    private static final int MAX_WINDOW = 64;

    private HexStrip() {
    }

    /**
     * The strip's HTML: a {@code div.bytes} whose {@code data-changed} lists the changed offsets
     * ({@code 100-103,105-299}) and {@code data-differs} those that differ from the other kernel.
     *
     * @param b the bytes
     * @param differs per byte, true where another kernel's bytes differ; null for none
     */
    static String html(CallView.Bytes b, boolean[] differs) {
        byte[] d = b.bytes();
        boolean[] show = shown(b, differs);
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bytes\" data-from=\"").append(b.from()).append("\" data-count=\"").append(d.length)
                .append("\" data-changed=\"").append(b.changedRanges()).append('"');
        if (differs != null) {
            sb.append(" data-differs=\"").append(new CallView.Bytes(b.from(), d, differs).changedRanges()).append('"');
        }
        sb.append('>');
        if (d.length == 0) {
            sb.append("<div class=\"gap\">no bytes</div>");
        }
        int i = 0;
        while (i < d.length) {
            if (!show[i]) {
                int j = i;
                while (j < d.length && !show[j]) {
                    j++;
                }
                sb.append("<div class=\"gap\">… ").append(j - i).append(" bytes not shown (").append(b.from() + i)
                        .append('–').append(b.from() + j - 1).append(") …</div>");
                i = j;
                continue;
            }
            int end = Math.min(d.length, (i / ROW + 1) * ROW);
            int j = i;
            while (j < end && show[j]) {
                j++;
            }
            row(sb, b, differs, i, j);
            i = j;
        }
        return sb.append("</div>").toString();
    }

    private static void row(StringBuilder sb, CallView.Bytes b, boolean[] differs, int from, int to) {
        byte[] d = b.bytes();
        boolean[] c = b.changed();
        sb.append("<div class=\"row\"><span class=\"off\">").append(String.format("%04x", b.from() + from))
                .append("</span> <span class=\"hex\">");
        runs(sb, c, differs, from, to, k -> String.format("%02x", d[k] & 0xff), " ");
        sb.append("</span> <span class=\"asc\">");
        runs(sb, c, differs, from, to, k -> {
            int v = d[k] & 0xff;
            return v >= 0x20 && v < 0x7f ? Html.escape(String.valueOf((char) v)) : "·";
        }, "");
        sb.append("</span></div>");
    }

    private static void runs(StringBuilder sb, boolean[] c, boolean[] differs, int from, int to,
            java.util.function.IntFunction<String> cell, String sep) {
        int k = from;
        while (k < to) {
            int kind = kind(c, differs, k);
            int j = k;
            StringBuilder run = new StringBuilder();
            while (j < to && kind(c, differs, j) == kind) {
                run.append(j == k ? "" : sep).append(cell.apply(j));
                j++;
            }
            if (k > from) {
                sb.append(sep);
            }
            if (kind == 0) {
                sb.append(run);
            } else {
                sb.append("<mark class=\"").append(kind == 1 ? "c" : kind == 2 ? "d" : "c d").append("\">").append(run)
                        .append("</mark>");
            }
            k = j;
        }
    }

    private static int kind(boolean[] c, boolean[] differs, int k) {
        return (c[k] ? 1 : 0) | (differs != null && k < differs.length && differs[k] ? 2 : 0);
    }

    /** Which bytes are drawn: all of a short run; else the lead and a bounded window around each marked stretch. */
    private static boolean[] shown(CallView.Bytes b, boolean[] differs) {
        int n = b.bytes().length;
        boolean[] show = new boolean[n];
        if (n <= WHOLE) {
            java.util.Arrays.fill(show, true);
            return show;
        }
        java.util.Arrays.fill(show, 0, Math.min(n, LEAD), true);
        boolean[] c = b.changed();
        int i = 0;
        while (i < n) {
            if (kind(c, differs, i) == 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && kind(c, differs, j) != 0) {
                j++;
            }
            int lo = Math.max(0, i - CONTEXT);
            int hi = Math.min(n, Math.min(j + CONTEXT, lo + MAX_WINDOW));
            java.util.Arrays.fill(show, lo, hi, true);
            i = j;
        }
        return show;
    }
}
