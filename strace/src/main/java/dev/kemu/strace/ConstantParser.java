package dev.kemu.strace;

/**
 * Parses the bare values of a line: numbers, {@code NULL}, constants and flag sets ({@code O_RDONLY|O_CLOEXEC},
 * {@code S_IFREG|0644}, {@code 8192*1024}, {@code 1<<20}, {@code makedev(0x1, 0x3)}, {@code inet_addr("1.2.3.4")},
 * {@code BTRFS_IOC_CLONE or FICLONE}), {@code name=value} arguments, {@code -X raw}'s {@code |0x900} and
 * restart_syscall's {@code <... resuming interrupted read ...>}.
 */
final class ConstantParser {

    private final Cursor c;
    private final ValueParser values;

    ConstantParser(Cursor c, ValueParser values) {
        this.c = c;
        this.values = values;
    }

    /**
     * {@code |0x900}: with {@code -X raw} strace prints a flag argument whose first part is a zero-valued constant
     * (statx's {@code AT_STATX_SYNC_AS_STAT}) as nothing, then {@code |} and the other bits (strace
     * src/xlat.c:printflags_ex()).
     */
    Num rawFlagsWithoutZero() {
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
    Sym resuming() {
        int start = c.pos;
        int end = c.startsWith("<... ") ? c.text.indexOf(" ...>", start + 5) : -1;
        if (end < 0) {
            throw c.error("expected a value (number, string, constant, NULL, '[' or '{')");
        }
        c.pos = end + 5;
        String t = c.text.substring(start, c.pos);
        return new Sym(t, t);
    }

    /**
     * A number, address, NULL or constant expression: flags joined by {@code |}, {@code 8192*1024}, {@code 1<<20},
     * calls such as {@code makedev(0x1, 0x3)} or {@code inet_addr("127.0.0.1")}, {@code A or B}; or
     * {@code name=value}.
     */
    Arg bare(int depth) {
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
            Arg v = values.value(depth + 1);
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
