package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * A function-graph tracer in the manner of ftrace's {@code function_graph}
 * ({@code kernel/trace/trace_functions_graph.c}): the model's kernel functions report entry,
 * exit with their return value, and notes (which slot, which page, which lock, a skipped
 * memcpy), and the tracer lays them out as nested {@code func() {} ... {@code } /* = ret *}{@code /}.
 *
 * <p>Tracing is per task ({@link Task#setTracer}); while no task is traced, every hook costs one
 * volatile read. The functions named are the kernel's of the version being emulated, so a
 * version's plugin code names its own functions.
 */
public final class Ftrace {
    private static volatile int tracedTasks;

    private final List<String> lines = new ArrayList<>();
    private final java.util.IdentityHashMap<Object, String> labels = new java.util.IdentityHashMap<>();
    private final java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    private int depth;

    /** A tracer for one task; attach it with {@link Task#setTracer}. */
    public Ftrace() {
    }

    static synchronized void attached(boolean on) {
        tracedTasks += on ? 1 : -1;
    }

    private static Ftrace current() {
        if (tracedTasks == 0) {
            return null;
        }
        Task t = Task.current();
        return t == null ? null : t.tracer();
    }

    /** True when the calling task is traced (use it to skip building expensive notes). */
    public static boolean on() {
        return current() != null;
    }

    /** {@code func() {}}: entry into a kernel function. */
    public static void enter(String function) {
        Ftrace f = current();
        if (f != null) {
            f.add(function + "() {");
            f.depth++;
        }
    }

    /** {@code } /* = ret *}{@code /}: the function returns {@code ret} (a result or a negated errno). */
    public static long exit(long ret) {
        Ftrace f = current();
        if (f != null) {
            f.depth = Math.max(0, f.depth - 1);
            f.add("} /* = " + describe(ret) + " */");
        }
        return ret;
    }

    /** {@code } }: the function returns nothing worth printing. */
    public static void exitVoid() {
        Ftrace f = current();
        if (f != null) {
            f.depth = Math.max(0, f.depth - 1);
            f.add("}");
        }
    }

    /** A leaf call with its result, on one line: {@code func(); /* = ret *}{@code /}. */
    public static long leaf(String function, long ret) {
        Ftrace f = current();
        if (f != null) {
            f.add(function + "(); /* = " + describe(ret) + " */");
        }
        return ret;
    }

    /** A comment inside the current function: {@code /* text *}{@code /}. */
    public static void note(String text) {
        Ftrace f = current();
        if (f != null) {
            f.add("/* " + text + " */");
        }
    }

    private void add(String s) {
        lines.add("  ".repeat(depth) + s);
    }

    private static String describe(long ret) {
        return Errno.isError(ret) ? "-" + Errno.of(ret).name() : Long.toString(ret);
    }

    /** The lines recorded since the last call, and forgets them. */
    public List<String> drain() {
        List<String> out = List.copyOf(lines);
        lines.clear();
        depth = 0;
        return out;
    }

    /**
     * A short name for an object in this task's trace ({@code pipe#1}, {@code page#3}): numbered
     * in order of first mention, so a trace reads the same whatever else ran in the process.
     */
    public static String label(Object o, String kind) {
        Ftrace f = current();
        if (f == null) {
            return kind + "@" + Integer.toHexString(System.identityHashCode(o));
        }
        return f.labels.computeIfAbsent(o, k -> kind + "#" + f.counts.merge(kind, 1, Integer::sum));
    }

    /** How a page is named in traces: its label, and its file (when known) and index, or anonymous. */
    public static String page(Page p) {
        if (p == null) {
            return "no page";
        }
        String label = label(p, "page");
        if (p.mapping() == null) {
            return label + " (anonymous)";
        }
        Inode host = p.mapping().host();
        String name = host.name();
        return label + " (file " + (name == null ? "ino " + host.ino() : name) + ", index " + p.index() + ")";
    }
}
