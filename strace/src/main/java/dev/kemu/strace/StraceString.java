package dev.kemu.strace;

import java.util.Arrays;
import java.util.Objects;

/**
 * Quotes bytes the way strace prints string arguments (strace src/util.c:string_quote()) and decodes such literals.
 *
 * <p>{@link #quote(byte[], Quoting)} writes exactly what strace 6.x writes for each {@link Quoting}.
 * {@link #unquote(String)} accepts any mixture of escapes ({@code \xNN}, octal {@code \o \oo \ooo}, {@code \n \t
 * \r \v \f \a \b \" \\ \'}) and reports which quoting the literal looks like: the first of {@code DEFAULT, HEX_ALL,
 * HEX_NONPRINTABLE, HEX_ESCAPES} that prints the bytes exactly as written. So {@code ""} and plain text such as
 * {@code "abc"} are {@code DEFAULT}, a non-empty all-{@code \xNN} literal is {@code HEX_ALL}. A literal that no
 * quoting prints that way (say {@code "\x41b"}, {@code "\a"}, or upper-case hex) is {@code HEX_ALL} when every byte
 * is a hex escape, {@code HEX_ESCAPES} when some are, and {@code DEFAULT} otherwise.
 */
public final class StraceString {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private StraceString() {
    }

    /**
     * The result of {@link #unquote(String)}.
     *
     * @param bytes the decoded bytes (copied on the way in and out)
     * @param truncated whether the literal ended in {@code "...}
     * @param quoting the quoting the literal looks like
     */
    public record Decoded(byte[] bytes, boolean truncated, Quoting quoting) {

        /**
         * Copies the bytes.
         *
         * @param bytes the decoded bytes (copied on the way in and out)
         * @param truncated whether the literal ended in {@code "...}
         * @param quoting the quoting the literal looks like
         */
        public Decoded {
            bytes = Objects.requireNonNull(bytes, "bytes").clone();
            Objects.requireNonNull(quoting, "quoting");
        }

        /**
         * A copy of the bytes.
         *
         * @return the decoded bytes
         */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded d && truncated == d.truncated && quoting == d.quoting
                    && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(bytes), truncated, quoting);
        }

        @Override
        public String toString() {
            return "Decoded[" + quote(bytes, quoting) + (truncated ? "..." : "") + ", quoting=" + quoting + "]";
        }
    }

    /**
     * Quotes all bytes.
     *
     * @param b the bytes
     * @param q the style
     * @return the literal with its double quotes
     */
    public static String quote(byte[] b, Quoting q) {
        return quote(b, b.length, false, q);
    }

    /**
     * Quotes the first {@code len} bytes, as strace does for a buffer cut at {@code -s len}.
     *
     * @param b the bytes
     * @param len how many bytes to print
     * @param truncated whether to append {@code ...} after the closing quote
     * @param q the style
     * @return the literal
     */
    public static String quote(byte[] b, int len, boolean truncated, Quoting q) {
        Objects.checkFromIndexSize(0, len, b.length);
        StringBuilder sb = new StringBuilder(len + 5);
        appendQuoted(sb, b, len, truncated, q);
        return sb.toString();
    }

    /**
     * Decodes a literal such as {@code "\x61\x62"} or {@code "ab\n"...}.
     *
     * @param literal the literal, from its opening quote to its closing quote (and {@code ...} if truncated)
     * @return the bytes, whether the literal was truncated and its quoting
     * @throws TraceFormatException for a malformed literal (source {@code <string>}, line 1)
     */
    public static Decoded unquote(String literal) {
        Cursor c = new Cursor("<string>", 1, literal);
        if (c.peek() != '"') {
            throw c.error("expected '\"' at the start of a string literal");
        }
        StringLiteral s = StringLiteral.read(c);
        if (!c.atEnd()) {
            throw c.error("unexpected text after the string literal");
        }
        return new Decoded(s.bytes(), s.truncated(), s.preferredQuoting());
    }

    static void appendQuoted(StringBuilder sb, byte[] b, int len, boolean truncated, Quoting q) {
        Quoting perByte = q;
        if (q == Quoting.HEX_NONPRINTABLE) {
            perByte = needsHex(b, len) ? Quoting.HEX_ALL : Quoting.DEFAULT;
        }
        sb.append('"');
        char[] tok = new char[4];
        for (int i = 0; i < len; i++) {
            sb.append(tok, 0, token(b, len, i, perByte, tok));
        }
        sb.append('"');
        if (truncated) {
            sb.append("...");
        }
    }

    /** Whether {@code -x} prints these bytes all in hex: some byte is neither printable nor \t \n \v \f \r. */
    static boolean needsHex(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            int c = b[i] & 0xff;
            if (c > 0x7e || (c < 0x20 && (c < 9 || c > 13))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes the escape of byte {@code i} into {@code out} and returns its length. {@code q} is DEFAULT, HEX_ALL or
     * HEX_ESCAPES (HEX_NONPRINTABLE is resolved per string by the caller).
     */
    static int token(byte[] b, int len, int i, Quoting q, char[] out) {
        int c = b[i] & 0xff;
        if (q == Quoting.HEX_ALL) {
            return hex(c, out);
        }
        switch (c) {
            case '"':
            case '\\':
                out[0] = '\\';
                out[1] = (char) c;
                return 2;
            case '\t':
                return letter('t', out);
            case '\n':
                return letter('n', out);
            case 0x0b:
                return letter('v', out);
            case '\f':
                return letter('f', out);
            case '\r':
                return letter('r', out);
            default:
                break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out[0] = (char) c;
            return 1;
        }
        if (q == Quoting.HEX_ESCAPES) {
            return hex(c, out);
        }
        int n = 0;
        out[n++] = '\\';
        boolean octalDigitNext = i + 1 < len && b[i + 1] >= '0' && b[i + 1] <= '7';
        if (octalDigitNext || c >> 6 != 0) {
            out[n++] = (char) ('0' + (c >> 6));
        }
        if (octalDigitNext || c >> 3 != 0) {
            out[n++] = (char) ('0' + ((c >> 3) & 7));
        }
        out[n++] = (char) ('0' + (c & 7));
        return n;
    }

    private static int hex(int c, char[] out) {
        out[0] = '\\';
        out[1] = 'x';
        out[2] = HEX[c >> 4];
        out[3] = HEX[c & 15];
        return 4;
    }

    private static int letter(char l, char[] out) {
        out[0] = '\\';
        out[1] = l;
        return 2;
    }

    /**
     * The set (as {@link Quoting#bit()} mask) of quotings that print {@code b} exactly as
     * {@code text[from, to)}, the part of a literal between its quotes.
     */
    static int compatibleMask(byte[] b, String text, int from, int to) {
        int mask = 0;
        boolean def = matches(b, Quoting.DEFAULT, text, from, to);
        boolean all = matches(b, Quoting.HEX_ALL, text, from, to);
        if (def) {
            mask |= Quoting.DEFAULT.bit();
        }
        if (all) {
            mask |= Quoting.HEX_ALL.bit();
        }
        if (matches(b, Quoting.HEX_ESCAPES, text, from, to)) {
            mask |= Quoting.HEX_ESCAPES.bit();
        }
        if (needsHex(b, b.length) ? all : def) {
            mask |= Quoting.HEX_NONPRINTABLE.bit();
        }
        return mask;
    }

    /**
     * {@link #compatibleMask} for a body known to be written as {@link Quoting#HEX_ALL} writes {@code b} (every
     * byte {@code \\x} and two lowercase digits): the other quotings are checked, HEX_ALL is not printed again.
     */
    static int compatibleMaskHexAll(byte[] b, String text, int from, int to) {
        int mask = Quoting.HEX_ALL.bit();
        boolean def = matches(b, Quoting.DEFAULT, text, from, to);
        if (def) {
            mask |= Quoting.DEFAULT.bit();
        }
        if (matches(b, Quoting.HEX_ESCAPES, text, from, to)) {
            mask |= Quoting.HEX_ESCAPES.bit();
        }
        if (needsHex(b, b.length) || def) {
            mask |= Quoting.HEX_NONPRINTABLE.bit();
        }
        return mask;
    }

    private static boolean matches(byte[] b, Quoting q, String text, int from, int to) {
        if (q == Quoting.HEX_ALL && to - from != 4L * b.length) {
            return false;
        }
        char[] tok = new char[4];
        int p = from;
        for (int i = 0; i < b.length; i++) {
            int n = token(b, b.length, i, q, tok);
            if (p + n > to) {
                return false;
            }
            for (int k = 0; k < n; k++) {
                if (text.charAt(p + k) != tok[k]) {
                    return false;
                }
            }
            p += n;
        }
        return p == to;
    }
}
