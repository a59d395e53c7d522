package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one value at a cursor: a string, number, address, constant, NULL, list or struct, each optionally followed
 * by a {@code -y} decoration {@code <...>}, a {@code /* comment *}{@code /} and by {@code => value}; a top-level
 * {@code name=value} becomes a {@link Named}. Recursion happens only per nesting level (at most
 * {@value #MAX_DEPTH}), never per character.
 *
 * <p>A bracketed group ({@code [...]}, {@code {...}}) that is well formed (brackets balanced, strings and comments
 * closed) but not a list or a struct, such as a signal set {@code [HUP INT]} or a wait status
 * {@code [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]}, becomes a {@link Sym} holding its text: strace prints many such
 * forms, and a value without structure is better than a line rejected.
 */
final class ValueParser {

    static final int MAX_DEPTH = 64;

    /** What strace writes after the decoration of a file that was unlinked, {@code 3</memfd:x>(deleted)}. */
    static final String DELETED = Brackets.DELETED;

    private final Cursor c;
    private final QuotingStats stats;

    private final Brackets brackets;
    private final ConstantParser constants;

    ValueParser(Cursor c, QuotingStats stats) {
        this.c = c;
        this.stats = stats;
        this.brackets = new Brackets(c);
        this.constants = new ConstantParser(c, this);
    }

    /** A {@code -y} decoration at the cursor (see {@link Brackets#decoration()}), or null. */
    String decoration() {
        return brackets.decoration();
    }

    /** The end of the bracketed group opening at {@code from} (see {@link Brackets#balancedEnd}). */
    int balancedEnd(int from, TraceFormatException cause) {
        return brackets.balancedEnd(from, cause);
    }

    Arg value(int depth) {
        int start = c.pos;
        Arg v = flagsWithComments(depth, start);
        if (c.startsWith(" => ")) {
            c.pos += 4;
            Arg after = flagsWithComments(depth, c.pos);
            v = new Changed(v, after, c.text.substring(start, c.pos));
        }
        return v;
    }

    /**
     * A value, or with {@code -X verbose} a flag set whose parts each carry a comment,
     * {@code 0x1 /* SOCK_STREAM *}{@code /|0x80800 /* SOCK_CLOEXEC|SOCK_NONBLOCK *}{@code /}: a {@link Num} of the
     * parts or-ed together when they are all numbers, else a {@link Sym} of the text.
     */
    private Arg flagsWithComments(int depth, int start) {
        Arg v = commented(depth, start);
        if (c.peek() != '|' || v.raw() == null || !v.raw().endsWith("*/")) {
            return v;
        }
        boolean numeric = v instanceof Num;
        long bits = numeric ? ((Num) v).value() : 0;
        while (c.peek() == '|') {
            c.pos++;
            Arg part = commented(depth, c.pos);
            if (part instanceof Num n) {
                bits |= n.value();
            } else if (part instanceof Addr a) {
                bits |= a.value();
            } else if (part instanceof Sym) {
                numeric = false;
            } else {
                throw c.errorAt(start, "expected numbers or constants joined by '|'");
            }
        }
        String raw = c.text.substring(start, c.pos);
        return numeric ? new Num(bits, raw) : new Sym(raw, raw);
    }

    private Arg commented(int depth, int start) {
        Arg v = primary(depth);
        String decoration = decoration();
        if (c.startsWith(" /*")) {
            int end = c.text.indexOf("*/", c.pos + 3);
            if (end < 0) {
                throw c.error("unterminated comment: no '*/'");
            }
            c.pos = end + 2;
            if (decoration == null) {
                decoration = decoration();
            }
        } else if (decoration == null) {
            return v;
        }
        if (decoration != null && !(v instanceof Num || v instanceof Addr || v instanceof Sym)) {
            throw c.errorAt(start, "a descriptor decoration '<...>' follows only a number or constant");
        }
        return withRaw(v, c.text.substring(start, c.pos), decoration);
    }

    private static Arg withRaw(Arg v, String raw, String decoration) {
        if (v instanceof Addr a) {
            return new Num(a.value(), raw, decoration);
        }
        if (v instanceof Num n) {
            return new Num(n.value(), raw, decoration);
        }
        if (v instanceof Sym s) {
            return new Sym(s.text(), raw, decoration);
        }
        if (v instanceof Str s) {
            return new Str(s.bytesUnsafe(), s.truncated(), s.quoting(), raw);
        }
        if (v instanceof Null) {
            return new Null(raw);
        }
        if (v instanceof ListArg l) {
            return new ListArg(l.items(), raw);
        }
        if (v instanceof Named n) {
            return new Named(n.name(), n.value(), raw);
        }
        if (v instanceof Changed ch) {
            return new Changed(ch.before(), ch.after(), raw);
        }
        StructArg st = (StructArg) v;
        return new StructArg(st.fields(), st.ellipsis(), raw);
    }

    private Arg primary(int depth) {
        if (depth > MAX_DEPTH) {
            throw c.error("values nested more than " + MAX_DEPTH + " levels deep");
        }
        char ch = c.peek();
        if (c.atEnd()) {
            throw c.error("unexpected end of line: expected a value");
        }
        switch (ch) {
            case '"':
                return string();
            case '[':
                return group(depth, false);
            case '{':
                return group(depth, true);
            case '<':
                return constants.resuming();
            default:
                if (ch == '~' && c.peek(1) == '[') {
                    int start = c.pos;
                    c.pos++;
                    c.pos = balancedEnd(c.pos, null);
                    String t = c.text.substring(start, c.pos);
                    return new Sym(t, t);
                }
                if (SyscallLine.isNamePart(ch) || ch == '-' || ch == '(' || ch == '~' || ch == '&') {
                    return constants.bare(depth);
                }
                if (ch == '|' && c.peek(1) == '0' && c.peek(2) == 'x') {
                    return constants.rawFlagsWithoutZero();
                }
                throw c.error("expected a value (number, string, constant, NULL, '[' or '{')");
        }
    }

    private Str string() {
        int start = c.pos;
        StringLiteral s = StringLiteral.read(c);
        byte[] bytes = s.bytes();
        int mask = s.mask(bytes);
        stats.add(mask);
        return new Str(bytes, s.truncated(), s.preferred(mask), c.text.substring(start, c.pos));
    }

    /** A list or struct, or a well-formed group of another shape as a {@link Sym}. */
    private Arg group(int depth, boolean struct) {
        int start = c.pos;
        if (!struct) {
            Sym set = brackets.signalSet();
            if (set != null) {
                return set;
            }
        }
        try {
            return struct ? struct(depth) : list(depth);
        } catch (TraceFormatException e) {
            int end;
            try {
                end = balancedEnd(start, e);
            } catch (TraceFormatException unbalanced) {
                throw e;
            }
            c.pos = end;
            String t = c.text.substring(start, end);
            return new Sym(t, t);
        }
    }

    private ListArg list(int depth) {
        int start = c.pos;
        c.pos++;
        List<Arg> items = new ArrayList<>();
        if (c.peek() == ']') {
            c.pos++;
            return new ListArg(items, c.text.substring(start, c.pos));
        }
        while (true) {
            if (c.startsWith("...]") || c.startsWith("...,")) {
                items.add(new Sym("...", "..."));
                c.pos += 3;
            } else {
                items.add(value(depth + 1));
            }
            if (c.peek() == ',') {
                skipSeparator();
            } else if (c.peek() == ']') {
                c.pos++;
                return new ListArg(items, c.text.substring(start, c.pos));
            } else {
                throw c.error("expected ',' or ']' after list item");
            }
        }
    }

    private StructArg struct(int depth) {
        int start = c.pos;
        c.pos++;
        List<StructArg.Field> fields = new ArrayList<>();
        boolean ellipsis = false;
        if (c.peek() == '}') {
            c.pos++;
            return new StructArg(fields, false, c.text.substring(start, c.pos));
        }
        while (true) {
            if (c.startsWith("...")) {
                c.pos += 3;
                ellipsis = true;
                c.expect('}', "expected '}' after '...' in struct");
                return new StructArg(fields, ellipsis, c.text.substring(start, c.pos));
            }
            int nameStart = c.pos;
            while (SyscallLine.isNamePart(c.peek()) || (c.peek() == '.' && c.pos > nameStart)) {
                c.pos++;
            }
            if (c.pos == nameStart || !SyscallLine.isNameStart(c.text.charAt(nameStart))) {
                c.pos = nameStart;
                throw c.error("expected a field name or '...' in struct");
            }
            String name = c.text.substring(nameStart, c.pos);
            c.expect('=', "expected '=' after field name '" + name + "'");
            fields.add(new StructArg.Field(name, value(depth + 1)));
            if (c.peek() == ',') {
                skipSeparator();
            } else if (c.peek() == '}') {
                c.pos++;
                return new StructArg(fields, ellipsis, c.text.substring(start, c.pos));
            } else {
                throw c.error("expected ',' or '}' after struct field");
            }
        }
    }

    /** Skips a ',' and the spaces after it (strace writes ", "). */
    void skipSeparator() {
        c.pos++;
        while (c.peek() == ' ') {
            c.pos++;
        }
    }
}
