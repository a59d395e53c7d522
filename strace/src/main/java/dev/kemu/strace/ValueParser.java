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

    private static final String UNFINISHED = "<unfinished ...>";

    /** What strace writes after the decoration of a file that was unlinked, {@code 3</memfd:x>(deleted)}. */
    static final String DELETED = "(deleted)";

    private final Cursor c;
    private final QuotingStats stats;

    ValueParser(Cursor c, QuotingStats stats) {
        this.c = c;
        this.stats = stats;
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

    /**
     * A {@code -y} decoration right at the cursor, {@code <...>}, or null. Inside it, angle brackets nest
     * ({@code </dev/null<char 1:3>>}), square brackets hide them ({@code <UNIX:[1->2]>}), and a backslash escapes
     * the next char, as strace escapes {@code <} and {@code >} in paths. A {@code (deleted)} after it is kept as
     * {@code " (deleted)"} at the end of the decoration, as the kernel writes it in {@code /proc/PID/fd}.
     */
    String decoration() {
        if (c.peek() != '<' || c.peek(1) == '<' || c.startsWith(UNFINISHED)) {
            return null;
        }
        int start = c.pos;
        int angle = 0;
        int square = 0;
        for (int i = start; i < c.text.length(); i++) {
            char ch = c.text.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '[') {
                square++;
            } else if (ch == ']' && square > 0) {
                square--;
            } else if (square == 0 && ch == '<') {
                angle++;
            } else if (square == 0 && ch == '>' && --angle == 0) {
                c.pos = i + 1;
                if (c.startsWith(DELETED)) {
                    c.pos += DELETED.length();
                    return c.text.substring(start + 1, i) + " " + DELETED;
                }
                return c.text.substring(start + 1, i);
            }
        }
        throw c.error("unterminated descriptor decoration: no '>'");
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
                return resuming();
            default:
                if (ch == '~' && c.peek(1) == '[') {
                    int start = c.pos;
                    c.pos++;
                    c.pos = balancedEnd(c.pos, null);
                    String t = c.text.substring(start, c.pos);
                    return new Sym(t, t);
                }
                if (SyscallLine.isNamePart(ch) || ch == '-' || ch == '(' || ch == '~' || ch == '&') {
                    return bare(depth);
                }
                if (ch == '|' && c.peek(1) == '0' && c.peek(2) == 'x') {
                    return rawFlagsWithoutZero();
                }
                throw c.error("expected a value (number, string, constant, NULL, '[' or '{')");
        }
    }

    /**
     * {@code |0x900}: with {@code -X raw} strace prints a flag argument whose first part is a zero-valued constant
     * (statx's {@code AT_STATX_SYNC_AS_STAT}) as nothing, then {@code |} and the other bits (strace
     * src/xlat.c:printflags_ex()).
     */
    private Num rawFlagsWithoutZero() {
        int start = c.pos;
        c.pos++;
        while (SyscallLine.isNamePart(c.peek())) {
            c.pos++;
        }
        String t = c.text.substring(start + 1, c.pos);
        if (!Numbers.isNumber(t)) {
            throw c.errorAt(start, "expected a value (number, string, constant, NULL, '[' or '{')");
        }
        return new Num(Numbers.parse(t, c, start + 1), c.text.substring(start, c.pos));
    }

    /** {@code <... resuming interrupted read ...>}, the argument of restart_syscall (strace src/syscall.c). */
    private Sym resuming() {
        int start = c.pos;
        int end = c.startsWith("<... ") ? c.text.indexOf(" ...>", start + 5) : -1;
        if (end < 0) {
            throw c.error("expected a value (number, string, constant, NULL, '[' or '{')");
        }
        c.pos = end + 5;
        String t = c.text.substring(start, c.pos);
        return new Sym(t, t);
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
            Sym set = signalSet();
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

    /**
     * A signal set of two or more names, {@code [INT TERM CHLD]} (strace src/signal.c:sprintsigmask_n() separates
     * them with spaces), read without trying the list grammar first; null if the text at the cursor is not one.
     */
    private Sym signalSet() {
        String t = c.text;
        int i = c.pos + 1;
        boolean spaced = false;
        while (i < t.length()) {
            char ch = t.charAt(i);
            if (ch == ']') {
                if (!spaced || t.charAt(i - 1) == ' ') {
                    return null;
                }
                String text = t.substring(c.pos, i + 1);
                c.pos = i + 1;
                return new Sym(text, text);
            }
            if (ch == ' ') {
                if (t.charAt(i - 1) == ' ' || t.charAt(i - 1) == '[') {
                    return null;
                }
                spaced = true;
            } else if (!SyscallLine.isNamePart(ch)) {
                return null;
            }
            i++;
        }
        return null;
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

    /**
     * The end (exclusive) of the bracketed group opening at {@code from}: brackets of the three kinds must nest,
     * strings must be valid literals, comments closed.
     *
     * @throws TraceFormatException {@code cause} if given, else at the first mismatch
     */
    int balancedEnd(int from, TraceFormatException cause) {
        String t = c.text;
        char[] stack = new char[MAX_DEPTH + 1];
        int top = 0;
        int i = from;
        while (i < t.length()) {
            char ch = t.charAt(i);
            if (ch == '"') {
                int save = c.pos;
                c.pos = i;
                StringLiteral.read(c);
                i = c.pos;
                c.pos = save;
                continue;
            }
            if (ch == '/' && i + 1 < t.length() && t.charAt(i + 1) == '*') {
                int end = t.indexOf("*/", i + 2);
                if (end < 0) {
                    throw cause != null ? cause : c.errorAt(i, "unterminated comment: no '*/'");
                }
                i = end + 2;
                continue;
            }
            if (ch == '(' || ch == '[' || ch == '{') {
                if (top == stack.length) {
                    throw c.errorAt(i, "values nested more than " + MAX_DEPTH + " levels deep");
                }
                stack[top++] = ch == '(' ? ')' : ch == '[' ? ']' : '}';
            } else if (ch == ')' || ch == ']' || ch == '}') {
                if (top == 0 || stack[top - 1] != ch) {
                    throw cause != null ? cause : c.errorAt(i, "unbalanced '" + ch + "'");
                }
                if (--top == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        throw cause != null ? cause : c.errorAt(t.length(), "unexpected end of line in a bracketed value");
    }

    /** Skips a ',' and the spaces after it (strace writes ", "). */
    void skipSeparator() {
        c.pos++;
        while (c.peek() == ' ') {
            c.pos++;
        }
    }

    /**
     * A number, address, NULL or constant expression: flags joined by {@code |}, {@code 8192*1024}, {@code 1<<20},
     * calls such as {@code makedev(0x1, 0x3)} or {@code inet_addr("127.0.0.1")}, {@code A or B}; or
     * {@code name=value}.
     */
    private Arg bare(int depth) {
        int start = c.pos;
        int parens = 0;
        while (!c.atEnd()) {
            char ch = c.peek();
            if (parens > 0) {
                if (ch == '"') {
                    StringLiteral.read(c);
                    continue;
                }
                if (ch == '(') {
                    parens++;
                } else if (ch == ')') {
                    parens--;
                }
            } else if (ch == '(') {
                parens++;
            } else if (ch == '<') {
                if (c.peek(1) != '<') {
                    break;
                }
                c.pos++;
            } else if (!(SyscallLine.isNamePart(ch) || ch == '|' || ch == '~' || ch == '-' || ch == '+'
                    || ch == '*' || ch == '&')) {
                break;
            }
            c.pos++;
        }
        if (parens > 0) {
            throw c.error("unclosed '('");
        }
        String t = c.text.substring(start, c.pos);
        if (c.peek() == '=' && c.peek(1) != '=' && SyscallLine.isName(t)) {
            c.pos++;
            Arg v = value(depth + 1);
            return new Named(t, v, c.text.substring(start, c.pos));
        }
        if (t.equals("NULL")) {
            return new Null(t);
        }
        if (Numbers.isNumber(t)) {
            long v = Numbers.parse(t, c, start);
            return t.startsWith("0x") || t.startsWith("0X") ? new Addr(v, t) : new Num(v, t);
        }
        checkConstant(t, start);
        while (c.startsWith(" or ") && SyscallLine.isNameStart(c.peek(4))) {
            c.pos += 4;
            while (SyscallLine.isNamePart(c.peek())) {
                c.pos++;
            }
            t = c.text.substring(start, c.pos);
        }
        return new Sym(t, t);
    }

    private void checkConstant(String t, int start) {
        int partStart = 0;
        int depth = 0;
        for (int i = 0; i <= t.length(); i++) {
            char ch = i < t.length() ? t.charAt(i) : '|';
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == '"' && depth > 0) {
                int save = c.pos;
                c.pos = start + i;
                StringLiteral.read(c);
                i = c.pos - start - 1;
                c.pos = save;
            } else if (ch == '|' && depth == 0) {
                checkFlag(t, partStart, i, start);
                partStart = i + 1;
            }
        }
    }

    private void checkFlag(String t, int from, int to, int start) {
        if (from == to) {
            throw c.errorAt(start + from, "empty flag in constant '" + t + "'");
        }
        char first = t.charAt(from);
        if (!(SyscallLine.isNamePart(first) || first == '(' || first == '~' || first == '&')) {
            throw c.errorAt(start + from, "expected a number or constant name");
        }
        if (first >= '0' && first <= '9') {
            String part = t.substring(from, to);
            if (Numbers.isNumber(part)) {
                Numbers.parse(part, c, start + from);
            } else if (part.indexOf('<') < 0 && part.indexOf('(') < 0 && part.indexOf('*') < 0) {
                throw c.errorAt(start + from, "bad number '" + part + "'");
            }
        }
    }
}
