package dev.kemu.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call's pipes and pages as inline SVG: each pipe a ring of its slots in a row (index, used or free, offset
 * and length, ops, flags, where head and tail stand), each page a box with its identity, and an arrow from every
 * used slot to the page it references, so two slots sharing a page, or a slot holding a file's page, show at a
 * glance. Free slots are hatched and labelled "free"; file, anonymous and user pages differ by border style and
 * by their text, so nothing depends on colour. Every slot and page has a title and an aria-label that says the
 * same in words.
 */
final class MachineSvg {
    static final int SLOT_W = 54;
    static final int SLOT_H = 66;
    static final int SLOTS_PER_ROW = 16;
    static final int PAGE_W = 142;
    static final int PAGE_H = 48;
    static final int WIDTH = 20 + SLOTS_PER_ROW * (SLOT_W + 4);
    private static final int PAGES_PER_ROW = (WIDTH - 20) / (PAGE_W + 10);

    private final boolean misdrawn;

    /**
     * @param misdrawn a fault planted on purpose, for the test that shows the browser test catches it: every
     *     arrow and slot is drawn to the page after the one it references
     */
    MachineSvg(boolean misdrawn) {
        this.misdrawn = misdrawn;
    }

    /** The SVG of {@code v}; ids inside start with {@code id}, unique in the document. */
    String draw(CallView v, String id) {
        StringBuilder body = new StringBuilder();
        Map<String, int[]> slotAnchor = new HashMap<>();
        int y = 10;
        for (CallView.PipeView p : v.pipes()) {
            y = pipe(body, v, p, y, slotAnchor);
        }
        Map<String, int[]> pageAnchor = new HashMap<>();
        int pagesTop = y + 40;
        List<CallView.PageView> pages = inSlotOrder(v);
        if (misdrawn) {
            for (CallView.PageView pg : v.pages()) {
                if (pg.file() != null && referenced(v, pg.label())) {
                    pages.add(new CallView.PageView(pg.label() + "c", "anonymous", null, 0, pg.bytes()));
                }
            }
        }
        for (int i = 0; i < pages.size(); i++) {
            int px = 10 + (i % PAGES_PER_ROW) * (PAGE_W + 10);
            int py = pagesTop + (i / PAGES_PER_ROW) * (PAGE_H + 40);
            page(body, pages.get(i), px, py);
            pageAnchor.put(pages.get(i).label(), new int[] {px + PAGE_W / 2, py});
        }
        int height = pagesTop + ((pages.size() + PAGES_PER_ROW - 1) / PAGES_PER_ROW) * (PAGE_H + 40);
        for (CallView.PipeView p : v.pipes()) {
            for (CallView.SlotView s : p.slots()) {
                String target = s.used() ? drawnPage(v, s) : null;
                if (target == null || !pageAnchor.containsKey(target)) {
                    continue;
                }
                int[] a = slotAnchor.get(p.name() + ":" + s.index());
                int[] b = pageAnchor.get(target);
                int mid = (a[1] + b[1]) / 2;
                body.append("<path class=\"ref\" data-slot=\"").append(Html.escape(p.name())).append(':').append(s.index())
                        .append("\" data-page=\"").append(target).append("\" d=\"M").append(a[0]).append(' ').append(a[1])
                        .append(" C").append(a[0]).append(' ').append(mid).append(' ').append(b[0]).append(' ').append(mid)
                        .append(' ').append(b[0]).append(' ').append(b[1] - 2).append("\" marker-end=\"url(#").append(id)
                        .append("-arrow)\"><title>").append(Html.escape(p.name())).append(" slot ").append(s.index())
                        .append(" references ").append(target).append("</title></path>");
            }
        }
        for (CallView.Held h : v.during()) {
            int[] a = slotAnchor.get(h.pipe() + ":" + h.slot());
            int[] b = pageAnchor.get(misdrawn && pageAnchor.containsKey(h.page() + "c") ? h.page() + "c" : h.page());
            if (a == null || b == null) {
                continue;
            }
            int mid = (a[1] + b[1]) / 2;
            String words = "during the call " + h.pipe() + " slot " + h.slot() + " held " + h.page() + " (offset "
                    + h.offset() + ", length " + h.len() + "), released before it returned";
            body.append("<path class=\"ref during\" data-slot=\"").append(Html.escape(h.pipe())).append(':').append(h.slot())
                    .append("\" data-page=\"").append(h.page()).append("\" d=\"M").append(a[0]).append(' ').append(a[1])
                    .append(" C").append(a[0]).append(' ').append(mid).append(' ').append(b[0]).append(' ').append(mid)
                    .append(' ').append(b[0]).append(' ').append(b[1] - 2).append("\" marker-end=\"url(#").append(id)
                    .append("-arrow)\"><title>").append(Html.escape(words)).append("</title></path>");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"machine\" xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" aria-labelledby=\"")
                .append(id).append("-t\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\"><title id=\"").append(id).append("-t\">")
                .append(Html.escape(summary(v))).append("</title><defs><pattern id=\"").append(id)
                .append("-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append("<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern><marker id=\"").append(id)
                .append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
                .append("<path d=\"M0 0 L10 5 L0 10 z\" class=\"head\"/></marker></defs>");
        sb.append(body.toString().replace("url(#HATCH)", "url(#" + id + "-hatch)"));
        return sb.append("</svg>").toString();
    }

    /**
     * The page a slot is drawn pointing at: its own, unless the planted fault draws a slot that holds a file's page
     * pointing at an anonymous copy of it (the misreading that splice copies).
     */
    private String drawnPage(CallView v, CallView.SlotView s) {
        if (s.page() == null || !misdrawn) {
            return s.page();
        }
        for (CallView.PageView pg : v.pages()) {
            if (pg.label().equals(s.page()) && pg.file() != null) {
                return pg.label() + "c";
            }
        }
        return s.page();
    }

    /** The pages in the order of the slots that reference them (tail first), then the others: fewer crossing arrows. */
    private static List<CallView.PageView> inSlotOrder(CallView v) {
        Map<String, CallView.PageView> byLabel = new java.util.LinkedHashMap<>();
        for (CallView.PageView pg : v.pages()) {
            byLabel.put(pg.label(), pg);
        }
        List<CallView.PageView> out = new java.util.ArrayList<>();
        for (CallView.PipeView p : v.pipes()) {
            int ring = p.slots().size();
            for (int n = p.tail(); n != p.head(); n++) {
                CallView.SlotView s = p.slots().get(n & (ring - 1));
                CallView.PageView pg = s.page() == null ? null : byLabel.remove(s.page());
                if (pg != null) {
                    out.add(pg);
                }
            }
        }
        out.addAll(byLabel.values());
        return out;
    }

    private static boolean referenced(CallView v, String label) {
        for (CallView.PipeView p : v.pipes()) {
            for (CallView.SlotView s : p.slots()) {
                if (s.used() && label.equals(s.page())) {
                    return true;
                }
            }
        }
        return false;
    }

    private int pipe(StringBuilder sb, CallView v, CallView.PipeView p, int y, Map<String, int[]> anchors) {
        int ring = p.slots().size();
        int mask = ring - 1;
        String desc = p.name() + " (" + p.where() + "): ring of " + ring + " slots, head " + p.head() + ", tail "
                + p.tail() + ", max_usage " + p.maxUsage() + ", " + (p.head() - p.tail()) + " used";
        sb.append("<g class=\"pipe\" data-pipe=\"").append(Html.escape(p.name())).append("\" data-head=\"").append(p.head())
                .append("\" data-tail=\"").append(p.tail()).append("\" data-max-usage=\"").append(p.maxUsage())
                .append("\" role=\"group\" aria-label=\"").append(Html.escape(desc)).append("\"><text class=\"pipe-title\" x=\"10\" y=\"")
                .append(y + 14).append("\">").append(Html.escape(desc)).append("</text>");
        int top = y + 24;
        for (CallView.SlotView s : p.slots()) {
            int x = 10 + (s.index() % SLOTS_PER_ROW) * (SLOT_W + 4);
            int sy = top + (s.index() / SLOTS_PER_ROW) * (SLOT_H + 22);
            String target = s.used() ? drawnPage(v, s) : null;
            CallView.Held held = null;
            for (CallView.Held h : v.during()) {
                if (!s.used() && h.pipe().equals(p.name()) && h.slot() == s.index()) {
                    held = h;
                }
            }
            String words = slotWords(p, s, target) + (held == null ? ""
                    : "; during the call it held page " + held.page() + " (offset " + held.offset() + ", length " + held.len() + ")");
            sb.append("<g class=\"slot ").append(s.used() ? "used" : "free").append("\" data-slot=\"").append(s.index())
                    .append("\" data-page=\"").append(target == null ? "" : Html.escape(target))
                    .append("\" data-flags=\"").append(dev.kemu.pipe.PipeBuffer.flagNames(s.flags()))
                    .append("\" role=\"img\"><title>").append(Html.escape(words)).append("</title><rect x=\"").append(x).append("\" y=\"").append(sy)
                    .append("\" width=\"").append(SLOT_W).append("\" height=\"").append(SLOT_H).append('"')
                    .append(s.used() ? "" : " fill=\"url(#HATCH)\"").append("/>");
            text(sb, x + 3, sy + 11, "#" + s.index() + (s.used() ? " used" : " free"), "slot-text");
            if (s.used()) {
                text(sb, x + 3, sy + 23, "+" + s.offset() + " " + s.len(), "slot-text");
                text(sb, x + 3, sy + 35, shortOps(s.ops()), "slot-text");
                if (target != null) {
                    text(sb, x + 3, sy + 47, "→ " + target, "slot-text ref-label");
                }
            }
            if (held != null) {
                text(sb, x + 3, sy + 47, "held " + held.page(), "slot-text held");
            }
            String flags = shortFlags(s.flags());
            if (!flags.isEmpty()) {
                text(sb, x + 3, sy + 60, flags, "slot-flags");
            }
            String marks = ((p.tail() & mask) == s.index() ? "tail" : "")
                    + ((p.head() & mask) == s.index() ? ((p.tail() & mask) == s.index() ? "=head" : "head") : "");
            if (!marks.isEmpty()) {
                text(sb, x + 3, sy + SLOT_H + 13, "▲" + marks, "ring-mark");
            }
            sb.append("</g>");
            anchors.put(p.name() + ":" + s.index(), new int[] {x + SLOT_W / 2, sy + SLOT_H});
        }
        sb.append("</g>");
        return top + ((ring + SLOTS_PER_ROW - 1) / SLOTS_PER_ROW) * (SLOT_H + 22);
    }

    private String slotWords(CallView.PipeView p, CallView.SlotView s, String page) {
        String flags = "flags " + dev.kemu.pipe.PipeBuffer.flagNames(s.flags());
        if (!s.used()) {
            return p.name() + " slot " + s.index() + ": free" + (s.ops() == null ? "" : ", last ops " + s.ops()) + ", " + flags;
        }
        return p.name() + " slot " + s.index() + ": used, page " + (page == null ? "none" : page) + ", offset "
                + s.offset() + ", length " + s.len() + ", ops " + s.ops() + ", " + flags;
    }

    private static void page(StringBuilder sb, CallView.PageView pg, int x, int y) {
        String kind = pg.file() != null ? "file" : pg.identity().startsWith("user") ? "user" : "anon";
        int changed = pg.bytes().changedCount();
        String used = pg.bytes().data().length == 0 ? "no bytes in use"
                : "bytes " + pg.bytes().from() + "–" + (pg.bytes().from() + pg.bytes().data().length - 1);
        String words = "page " + pg.label() + ": " + pg.identity() + ", " + used + ", "
                + (changed == 0 ? "unchanged by this call" : changed + " bytes changed by this call");
        sb.append("<g class=\"page ").append(kind).append("\" data-page=\"").append(pg.label()).append('"');
        if (pg.file() != null) {
            sb.append(" data-file=\"").append(Html.escape(pg.file())).append("\" data-index=\"").append(pg.index()).append('"');
        }
        sb.append(" data-changed=\"").append(pg.bytes().changedRanges()).append("\" role=\"img\"><title>").append(Html.escape(words)).append("</title><rect x=\"")
                .append(x).append("\" y=\"").append(y).append("\" width=\"").append(PAGE_W).append("\" height=\"")
                .append(PAGE_H).append("\"/>");
        text(sb, x + 5, y + 14, pg.label() + " · " + kind, "page-label");
        text(sb, x + 5, y + 28, pg.identity().length() > 24 ? pg.identity().substring(0, 23) + "…" : pg.identity(), "page-text");
        text(sb, x + 5, y + 42, changed == 0 ? used : "✱ " + changed + " bytes changed", changed == 0 ? "page-text" : "page-text changed");
        sb.append("</g>");
    }

    private static void text(StringBuilder sb, int x, int y, String s, String cls) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" class=\"").append(cls).append("\">")
                .append(Html.escape(s)).append("</text>");
    }

    static String shortOps(String ops) {
        if (ops == null) {
            return "-";
        }
        return switch (ops) {
            case "anon_pipe_buf_ops" -> "anon";
            case "page_cache_pipe_buf_ops" -> "page cache";
            case "user_page_pipe_buf_ops" -> "user page";
            case "default_pipe_buf_ops" -> "default";
            case "packet_pipe_buf_ops" -> "packet";
            default -> ops.replace("_pipe_buf_ops", "");
        };
    }

    /** The flags a picture must show: CAN_MERGE, PACKET, GIFT. */
    static String shortFlags(int flags) {
        StringBuilder sb = new StringBuilder();
        if ((flags & dev.kemu.pipe.PipeBuffer.CAN_MERGE) != 0) {
            sb.append("MERGE ");
        }
        if ((flags & dev.kemu.pipe.PipeBuffer.PACKET) != 0) {
            sb.append("PKT ");
        }
        if ((flags & dev.kemu.pipe.PipeBuffer.GIFT) != 0) {
            sb.append("GIFT");
        }
        return sb.toString().trim();
    }

    static String summary(CallView v) {
        int slots = 0;
        for (CallView.PipeView p : v.pipes()) {
            slots += p.head() - p.tail();
        }
        return "After line " + v.line() + ": " + v.pipes().size() + (v.pipes().size() == 1 ? " pipe, " : " pipes, ")
                + slots + " used slots, " + v.pages().size() + (v.pages().size() == 1 ? " page" : " pages");
    }
}
