package dev.kemu.cli;

import dev.kemu.strace.Arg;
import dev.kemu.strace.Changed;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Named;
import dev.kemu.strace.Quoting;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.SyscallLine;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code -x} and {@code -xx}, as strace has them: how the strings of the calls printed are quoted. Without either,
 * strace's default (printable text as text, other bytes in octal), whatever quoting the log was recorded with;
 * {@code -x} prints a string holding non-printable bytes all in hex, {@code -xx} every string in hex.
 */
final class Quote {
    @Option(names = "-x", description = "strings with non-printable bytes in hex; -xx: every string in hex, as strace "
            + "(default: printable text as text, as strace without -x)")
    boolean[] hex = new boolean[0];

    /** The quoting asked for. */
    Quoting quoting() {
        return hex.length == 0 ? Quoting.DEFAULT : hex.length == 1 ? Quoting.HEX_NONPRINTABLE : Quoting.HEX_ALL;
    }

    /** The call with every string argument, also inside lists and structs, in {@code q}. */
    static SyscallLine apply(SyscallLine line, Quoting q) {
        SyscallLine out = line;
        for (int i = 0; i < line.args().size(); i++) {
            Arg a = line.args().get(i);
            Arg b = apply(a, q);
            if (b != a) {
                out = out.withArg(i, b);
            }
        }
        return out;
    }

    static Arg apply(Arg a, Quoting q) {
        if (a instanceof Str s) {
            return s.quoting() == q && s.raw() == null ? s : s.withQuoting(q);
        }
        if (a instanceof ListArg l) {
            List<Arg> items = new ArrayList<>();
            boolean changed = false;
            for (Arg x : l.items()) {
                Arg y = apply(x, q);
                changed |= y != x;
                items.add(y);
            }
            return changed ? new ListArg(items, null) : l;
        }
        if (a instanceof StructArg st) {
            List<StructArg.Field> fields = new ArrayList<>();
            boolean changed = false;
            for (StructArg.Field f : st.fields()) {
                Arg y = apply(f.value(), q);
                changed |= y != f.value();
                fields.add(new StructArg.Field(f.name(), y));
            }
            return changed ? new StructArg(fields, st.ellipsis(), null) : st;
        }
        if (a instanceof Named n) {
            Arg y = apply(n.value(), q);
            return y != n.value() ? new Named(n.name(), y, null) : n;
        }
        if (a instanceof Changed c) {
            Arg x = apply(c.before(), q);
            Arg y = apply(c.after(), q);
            return x != c.before() || y != c.after() ? new Changed(x, y, null) : c;
        }
        return a;
    }
}
