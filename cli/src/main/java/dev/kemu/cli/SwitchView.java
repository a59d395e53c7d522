package dev.kemu.cli;

import dev.kemu.kernel.KernelDefinition;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelVariant;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code kemu kernels VERSION} and {@code kemu kernels --diff A B}: one version's behaviour switches, on or off, and
 * what changes between two versions, each switch with the kernel function that decides it.
 */
final class SwitchView {
    private SwitchView() {
    }

    /** A version's switches, by name: absent from the map when its plugin does not model the switch. */
    private static Map<String, BehaviourSwitch> switches(Kernels.Resolved r) {
        Map<String, BehaviourSwitch> m = new TreeMap<>();
        for (BehaviourSwitch s : KernelsCommand.switchesOf(r.provider())) {
            m.put(s.name(), s);
        }
        return m;
    }

    /** What the plugin says of this version, or of the version it falls under. */
    private static String description(Kernels.Resolved r) {
        String best = "";
        for (KernelVariant v : r.provider().variants()) {
            KernelVersion kv = KernelVersion.of(v.version());
            if (kv.equals(r.version())) {
                return v.description();
            }
            if (kv.base().compareTo(r.version().base()) <= 0) {
                best = v.description();
            }
        }
        return best;
    }

    private static int width(java.util.Collection<String> names) {
        return names.stream().mapToInt(String::length).max().orElse(0) + 2;
    }

    /** {@code kemu kernels VERSION}. */
    static void version(Kernels.Resolved r, String asked, boolean json, PrintWriter out) {
        Map<String, BehaviourSwitch> sw = switches(r);
        if (json) {
            List<Object> items = new ArrayList<>();
            for (BehaviourSwitch s : sw.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", s.name());
                m.put("on", s.on(r.version()));
                m.put("description", s.description());
                m.put("holds", s.holds().toString());
                m.put("source", s.source());
                items.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("version", r.version().toString());
            root.put("provider", r.provider().id());
            root.put("description", description(r));
            root.put("switches", items);
            out.println(Json.write(root));
            return;
        }
        out.printf("Linux %s (%s): %s%n", asked, r.provider().id(), description(r));
        int w = width(sw.keySet());
        long on = sw.values().stream().filter(s -> s.on(r.version())).count();
        out.printf("%d of %d switches on%n%n", on, sw.size());
        for (BehaviourSwitch s : sw.values()) {
            out.printf("  %-4s %-" + w + "s%s%n", s.on(r.version()) ? "on" : "off", s.name(), s.description());
            out.printf("  %-4s %-" + w + "son for %s; decided in %s%n", "", "", s.holds(), s.source());
        }
    }

    /** "backport 9d2231c5d74e (5.17): note". */
    static String backport(KernelDefinition.Setting s) {
        return "backport " + s.commit() + " (" + s.upstream() + ")" + (s.note().isEmpty() ? "" : ": " + s.note());
    }

    /**
     * {@code kemu kernels --diff A B}; {@code def} (or null) is a kernel definition behind one of the two,
     * whose backports are shown beside the switches it sets.
     */
    static void diff(Kernels.Resolved a, String askedA, Kernels.Resolved b, String askedB, boolean json, PrintWriter out,
            KernelDefinition def) {
        Map<String, BehaviourSwitch> sa = switches(a);
        Map<String, BehaviourSwitch> sb = switches(b);
        TreeMap<String, BehaviourSwitch> all = new TreeMap<>(sb);
        sa.forEach(all::putIfAbsent);
        List<String[]> rows = new ArrayList<>();
        List<BehaviourSwitch> changed = new ArrayList<>();
        for (BehaviourSwitch s : all.values()) {
            String from = side(sa.get(s.name()), a);
            String to = side(sb.get(s.name()), b);
            if (!from.equals(to)) {
                rows.add(new String[] {s.name(), from, to});
                changed.add(s);
            }
        }
        if (json) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", rows.get(i)[0]);
                m.put("from", rows.get(i)[1]);
                m.put("to", rows.get(i)[2]);
                m.put("description", changed.get(i).description());
                m.put("source", changed.get(i).source());
                KernelDefinition.Setting set = def == null ? null : def.setting(rows.get(i)[0]);
                if (set != null) {
                    Map<String, Object> bp = new LinkedHashMap<>();
                    bp.put("commit", set.commit());
                    bp.put("upstream", set.upstream());
                    bp.put("note", set.note());
                    m.put("backport", bp);
                }
                items.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("from", side(a));
            root.put("to", side(b));
            root.put("changes", items);
            out.println(Json.write(root));
            return;
        }
        out.printf("Linux %s (%s) -> Linux %s (%s): %d switch%s change%n", askedA, a.provider().id(), askedB, b.provider().id(),
                rows.size(), rows.size() == 1 ? "" : "es", rows.size() == 1 ? "s" : "");
        if (rows.isEmpty()) {
            out.println("(the two versions behave alike in every modelled switch)");
            return;
        }
        out.println();
        int w = width(rows.stream().map(r -> r[0]).toList());
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            BehaviourSwitch s = changed.get(i);
            out.printf("  %-" + w + "s%-16s%s%n", r[0], r[1] + " -> " + r[2], s.description());
            out.printf("  %-" + w + "s%-16sdecided in %s%n", "", "", s.source());
            KernelDefinition.Setting set = def == null ? null : def.setting(r[0]);
            if (set != null) {
                out.printf("  %-" + w + "s%-16s%s%n", "", "", backport(set));
            }
        }
    }

    private static Map<String, Object> side(Kernels.Resolved r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version().toString());
        m.put("provider", r.provider().id());
        return m;
    }

    /** on or off; off too when the version's plugin does not have the switch (it models the behaviour before it). */
    private static String side(BehaviourSwitch s, Kernels.Resolved r) {
        return s != null && s.on(r.version()) ? "on" : "off";
    }
}
