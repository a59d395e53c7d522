package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;

/** Gives strings that several quotings print the same way the quoting of their trace. */
final class QuotingResolver {

    private QuotingResolver() {
    }

    static SyscallLine apply(SyscallLine line, Quoting q) {
        List<Arg> args = line.args();
        List<Arg> out = null;
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            Arg r = apply(a, q);
            if (r != a && out == null) {
                out = new ArrayList<>(args);
            }
            if (out != null) {
                out.set(i, r);
            }
        }
        return out == null ? line : new SyscallLine(line.lineNo(), line.name(), out, line.result(), line.raw(),
                line.stamp(), line.endLineNo(), line.opaque());
    }

    /** The line with its strings in quoting {@code q} where that prints them the same; other lines unchanged. */
    static TraceLine applyLine(TraceLine line, Quoting q) {
        if (line instanceof SyscallLine s) {
            return apply(s, q);
        }
        if (line instanceof UnfinishedLine u) {
            List<Arg> args = applyAll(u.args(), q);
            return args == null ? u : new UnfinishedLine(u.lineNo(), u.name(), args, u.stamp(), u.raw());
        }
        if (line instanceof ResumedLine r) {
            List<Arg> args = applyAll(r.args(), q);
            return args == null ? r
                    : new ResumedLine(r.lineNo(), r.name(), args, r.result(), r.vanished(), r.changesLast(), r.stamp(),
                            r.raw());
        }
        return line;
    }

    static Arg apply(Arg a, Quoting q) {
        if (a instanceof Str s) {
            return str(s, q);
        }
        if (a instanceof ListArg l) {
            List<Arg> items = applyAll(l.items(), q);
            return items == null ? l : new ListArg(items, l.raw());
        }
        if (a instanceof StructArg st) {
            List<StructArg.Field> fields = null;
            for (int i = 0; i < st.fields().size(); i++) {
                StructArg.Field f = st.fields().get(i);
                Arg v = apply(f.value(), q);
                if (v != f.value() && fields == null) {
                    fields = new ArrayList<>(st.fields());
                }
                if (fields != null) {
                    fields.set(i, new StructArg.Field(f.name(), v));
                }
            }
            return fields == null ? st : new StructArg(fields, st.ellipsis(), st.raw());
        }
        if (a instanceof Named n) {
            Arg v = apply(n.value(), q);
            return v == n.value() ? n : new Named(n.name(), v, n.raw());
        }
        if (a instanceof Changed ch) {
            Arg before = apply(ch.before(), q);
            Arg after = apply(ch.after(), q);
            return before == ch.before() && after == ch.after() ? ch : new Changed(before, after, ch.raw());
        }
        return a;
    }

    private static List<Arg> applyAll(List<Arg> items, Quoting q) {
        List<Arg> out = null;
        for (int i = 0; i < items.size(); i++) {
            Arg a = items.get(i);
            Arg r = apply(a, q);
            if (r != a && out == null) {
                out = new ArrayList<>(items);
            }
            if (out != null) {
                out.set(i, r);
            }
        }
        return out;
    }

    /** The string in quoting {@code q} if {@code q} prints it exactly as its current quoting does. */
    private static Str str(Str s, Quoting q) {
        if (s.quoting() == q || s.raw() == null) {
            return s;
        }
        byte[] b = s.bytesUnsafe();
        String now = StraceString.quote(b, b.length, s.truncated(), s.quoting());
        if (!s.raw().startsWith(now) || !StraceString.quote(b, b.length, s.truncated(), q).equals(now)) {
            return s;
        }
        return new Str(b, s.truncated(), q, s.raw());
    }
}
