package dev.kemu.strace;

/** A position in one line of input, with the context needed to report errors. */
final class Cursor {

    final String source;
    final int lineNo;
    final String text;
    int pos;

    Cursor(String source, int lineNo, String text) {
        this.source = source;
        this.lineNo = lineNo;
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The current char, or 0 at the end of the line. */
    char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    /** The char {@code ahead} positions further, or 0 past the end. */
    char peek(int ahead) {
        int p = pos + ahead;
        return p < text.length() ? text.charAt(p) : 0;
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    void expect(char c, String what) {
        if (peek() != c || atEnd()) {
            throw error(what);
        }
        pos++;
    }

    TraceFormatException error(String what) {
        return errorAt(pos, what);
    }

    TraceFormatException errorAt(int at, String what) {
        return new TraceFormatException(source, lineNo, at + 1, what);
    }
}
