package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one value at a cursor: a string, number, address, constant, NULL, list or struct, each optionally followed
 * by a {@code /* comment *}{@code /} and by {@code => value}. Recursion happens only per nesting level (at most
 * {@value #MAX_DEPTH}), never per character.
 */
final class ValueParser {

    static final int MAX_DEPTH = 64;

    private final Cursor c;
    private final QuotingStats stats;

    ValueParser(Cursor c, QuotingStats stats) {
        this.c = c;
        this.stats = stats;
    }

    Arg value(int depth) {
        int start = c.pos;
        Arg v = commented(depth, start);
        if (c.startsWith(" => ")) {
            c.pos += 4;
            Arg after = commented(depth, c.pos);
            v = new Changed(v, after, c.text.substring(start, c.pos));
        }
        return v;
    }

    private Arg commented(int depth, int start) {
        Arg v = primary(depth);
        if (!c.startsWith(" /*")) {
            return v;
        }
        int end = c.text.indexOf("*/", c.pos + 3);
        if (end < 0) {
            throw c.error("unterminated comment: no '*/'");
        }
        c.pos = end + 2;
        String raw = c.text.substring(start, c.pos);
        if (v instanceof Addr a) {
            return new Num(a.value(), raw);
        }
        if (v instanceof Num n) {
            return new Num(n.value(), raw);
        }
        if (v instanceof Sym s) {
            return new Sym(s.text(), raw);
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
                return list(depth);
            case '{':
                return struct(depth);
            default:
                if (SyscallLine.isNamePart(ch) || ch == '-' || ch == '(' || ch == '~') {
                    return bare();
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

    /** A number, address, NULL or constant expression. */
    private Arg bare() {
        int start = c.pos;
        int parens = 0;
        while (!c.atEnd()) {
            char ch = c.peek();
            if (parens > 0) {
                if (ch == '"') {
                    throw c.error("unexpected '\"' inside parentheses of a constant");
                }
                if (ch == '(') {
                    parens++;
                } else if (ch == ')') {
                    parens--;
                }
            } else if (ch == '(') {
                parens++;
            } else if (!(SyscallLine.isNamePart(ch) || ch == '|' || ch == '<' || ch == '~' || ch == '-'
                    || ch == '+')) {
                break;
            }
            c.pos++;
        }
        if (parens > 0) {
            throw c.error("unclosed '(' in constant");
        }
        String t = c.text.substring(start, c.pos);
        if (t.equals("NULL")) {
            return new Null(t);
        }
        if (Numbers.isNumber(t)) {
            long v = Numbers.parse(t, c, start);
            return t.startsWith("0x") || t.startsWith("0X") ? new Addr(v, t) : new Num(v, t);
        }
        checkConstant(t, start);
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
        if (!(SyscallLine.isNamePart(first) || first == '(' || first == '~')) {
            throw c.errorAt(start + from, "expected a number or constant name");
        }
        if (first >= '0' && first <= '9') {
            String part = t.substring(from, to);
            if (Numbers.isNumber(part)) {
                Numbers.parse(part, c, start + from);
            } else if (part.indexOf('<') < 0 && part.indexOf('(') < 0) {
                throw c.errorAt(start + from, "bad number '" + part + "'");
            }
        }
    }
}
