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
        if (a instanceof dev.kemu.strace.Addr ad) {
            return ad.value();
        }
        if (a instanceof dev.kemu.strace.Named n) {
            return value(n.value(), i);
        }
        throw new ReplayException("argument " + (i + 1) + " of " + line.name() + " is not a number: " + describe(a));
    }

    private long part(String p, int i) {
        try {
            return constant(p);
        } catch (ReplayException e) {
            throw new ReplayException(e.getMessage() + " in argument " + (i + 1) + " of " + line.name());
        }
    }

    /**
     * The value of one constant expression as strace prints it: a name ({@code O_RDONLY}), a number in decimal, octal
     * or hex with an optional {@code U}/{@code UL} suffix, {@code ~x}, {@code a*b}, {@code a<<b}, {@code (x)},
     * {@code makedev(major, minor)}, or {@code NAME1 or NAME2} (strace's name for an ioctl two drivers share).
     */
    static long constant(String text) {
        String p = text.trim();
        int or = p.lastIndexOf(" or ");
        if (or >= 0) {
            return constant(p.substring(or + 4));
        }
        if (p.indexOf('|') >= 0) {
            long v = 0;
            for (String part : dev.kemu.strace.Sym.of(p).parts()) {
                v |= constant(part);
            }
            return v;
        }
        if (p.startsWith("makedev(") && p.endsWith(")")) {
            String[] mm = p.substring(8, p.length() - 1).split(",");
            if (mm.length == 2) {
                // include/linux/kdev_t.h:new_encode_dev()
                long major = constant(mm[0]);
                long minor = constant(mm[1]);
                return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
            }
        }
        if (p.startsWith("(") && p.endsWith(")")) {
            return constant(p.substring(1, p.length() - 1));
        }
        if (p.startsWith("~")) {
            return ~constant(p.substring(1));
        }
        int mul = p.indexOf('*');
        if (mul > 0) {
            return constant(p.substring(0, mul)) * constant(p.substring(mul + 1));
        }
        int shift = p.indexOf("<<");
        if (shift > 0) {
            return constant(p.substring(0, shift)) << constant(p.substring(shift + 2));
        }
        Long v = Symbols.value(p);
        if (v != null) {
            return v;
        }
        String n = p;
        while (!n.isEmpty() && (n.endsWith("U") || n.endsWith("L")) && n.length() > 1 && Character.isDigit(n.charAt(0))) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            if (n.startsWith("0x") || n.startsWith("0X")) {
                return Long.parseUnsignedLong(n.substring(2), 16);
            }
            if (n.startsWith("-0x")) {
                return -Long.parseUnsignedLong(n.substring(3), 16);
            }
            if (n.startsWith("0") && n.length() > 1) {
                return Long.parseLong(n, 8);
            }
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            throw new ReplayException("unknown constant " + p);
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
