package dev.kemu.strace;

/**
 * Finds where bracketed text ends on a line without parsing its values: a {@code -y} decoration {@code <...>}, a
 * signal set {@code [INT TERM]}, or any group of {@code ()}, {@code []} and {@code {}} with strings and comments in
 * it. Linear in the text scanned.
 */
final class Brackets {

    private static final String UNFINISHED = "<unfinished ...>";

    /** What strace writes after the decoration of a file that was unlinked, {@code 3</memfd:x>(deleted)}. */
    static final String DELETED = "(deleted)";

    private final Cursor c;

    Brackets(Cursor c) {
        this.c = c;
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

    /**
     * A signal set of two or more names, {@code [INT TERM CHLD]} (strace src/signal.c:sprintsigmask_n() separates
     * them with spaces), read without trying the list grammar first; null if the text at the cursor is not one.
     */
    Sym signalSet() {
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

    /**
     * The end (exclusive) of the bracketed group opening at {@code from}: brackets of the three kinds must nest,
     * strings must be valid literals, comments closed.
     *
     * @throws TraceFormatException {@code cause} if given, else at the first mismatch
     */
    int balancedEnd(int from, TraceFormatException cause) {
        String t = c.text;
        char[] stack = new char[ValueParser.MAX_DEPTH + 1];
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
                    throw c.errorAt(i, "values nested more than " + ValueParser.MAX_DEPTH + " levels deep");
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
}
