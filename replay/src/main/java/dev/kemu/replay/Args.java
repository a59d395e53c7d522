package dev.kemu.replay;

import dev.kemu.strace.Arg;
import dev.kemu.strace.Changed;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Num;
import dev.kemu.strace.Str;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;

/** Reads the arguments of a recorded call as the values the kernel receives. */
final class Args {
    private final SyscallLine line;

    Args(SyscallLine line) {
        this.line = line;
    }

    int count() {
        return line.args().size();
    }

    Arg raw(int i) {
        if (i >= line.args().size()) {
            throw new ReplayException(line.name() + " has no argument " + (i + 1));
        }
        Arg a = line.args().get(i);
        return a instanceof Changed ? ((Changed) a).before() : a;
    }

    /** A number, a constant or a flag set as a 64-bit value. */
    long num(int i) {
        return value(raw(i), i);
    }

    int integer(int i) {
        return (int) num(i);
    }

    private long value(Arg a, int i) {
        if (a instanceof Num) {
            return ((Num) a).value();
        }
        if (a instanceof Sym) {
            long v = 0;
            for (String part : ((Sym) a).parts()) {
                v |= part(part.trim(), i);
            }
            return v;
        }
        if (a instanceof Null) {
            return 0;
        }
        throw new ReplayException("argument " + (i + 1) + " of " + line.name() + " is not a number: " + describe(a));
    }

    private long part(String p, int i) {
        Long v = Symbols.value(p);
        if (v != null) {
            return v;
        }
        try {
            if (p.startsWith("0x")) {
                return Long.parseUnsignedLong(p.substring(2), 16);
            }
            if (p.startsWith("0") && p.length() > 1) {
                return Long.parseLong(p, 8);
            }
            return Long.parseLong(p);
        } catch (NumberFormatException e) {
            throw new ReplayException("unknown constant " + p + " in argument " + (i + 1) + " of " + line.name());
        }
    }

    /** A path or data string. */
    Str str(int i) {
        Arg a = raw(i);
        if (a instanceof Str) {
            return (Str) a;
        }
        throw new ReplayException("argument " + (i + 1) + " of " + line.name() + " is not a string: " + describe(a));
    }

    String path(int i) {
        return str(i).text();
    }

    boolean isNull(int i) {
        return raw(i) instanceof Null;
    }

    /** A pointer to one value, printed {@code [5000]}; null when the pointer is NULL. */
    Long pointed(int i) {
        Arg a = raw(i);
        if (a instanceof Null) {
            return null;
        }
        if (a instanceof ListArg && ((ListArg) a).size() == 1) {
            return value(((ListArg) a).get(0), i);
        }
        throw new ReplayException("argument " + (i + 1) + " of " + line.name() + " is not an offset pointer: " + describe(a));
    }

    /** A {@code loff_t *}: NULL, {@code [N]}, or an address strace could not read (which faults). */
    dev.kemu.vfs.UserLong userLong(int i) {
        Arg a = raw(i);
        if (a instanceof Null) {
            return null;
        }
        if (a instanceof dev.kemu.strace.Addr) {
            return dev.kemu.vfs.UserLong.faulting();
        }
        return dev.kemu.vfs.UserLong.of(pointed(i));
    }

    /** True when strace cut one of the line's strings short ({@code "..."...}), also inside lists and structs. */
    static boolean hasCutString(SyscallLine line) {
        for (Arg a : line.args()) {
            if (hasCut(a)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCut(Arg a) {
        if (a instanceof Str s) {
            return s.truncated();
        }
        if (a instanceof Changed c) {
            return hasCut(c.before()) || hasCut(c.after());
        }
        if (a instanceof ListArg l) {
            for (Arg i : l.items()) {
                if (hasCut(i)) {
                    return true;
                }
            }
        }
        if (a instanceof dev.kemu.strace.StructArg st) {
            for (var f : st.fields()) {
                if (hasCut(f.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    static String describe(Arg a) {
        String raw = a.raw();
        if (raw != null) {
            return raw.length() > 40 ? raw.substring(0, 40) + "..." : raw;
        }
        return a.getClass().getSimpleName();
    }
}
