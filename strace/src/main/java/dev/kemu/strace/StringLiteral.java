package dev.kemu.strace;

import java.util.Arrays;

/** A string literal read from a line: its bytes and where its body lies, for quoting detection. */
final class StringLiteral {

    private byte[] buf;
    private int len;
    private int hexEscapes;
    /** Whether every escape so far is {@code \\x} and two lowercase hex digits, as HEX_ALL prints a byte. */
    private boolean lowerHexOnly = true;
    private boolean truncated;
    private int bodyStart;
    private int bodyEnd;
    private String text;

    private StringLiteral() {
    }

    /**
     * Reads a literal starting at the cursor (which is on the opening quote), including a {@code ...} right after
     * the closing quote, and leaves the cursor after it. Linear in the literal length.
     */
    static StringLiteral read(Cursor c) {
        StringLiteral s = new StringLiteral();
        String t = c.text;
        int n = t.length();
        int open = c.pos;
        int i = open + 1;
        s.text = t;
        s.bodyStart = i;
        // No body holds more bytes than characters: one array for the whole literal, cut to size once at the end.
        s.buf = new byte[Math.max(16, Math.min(n - i, 1 << 16))];
        while (true) {
            if (i >= n) {
                throw c.errorAt(n, "unterminated string literal (opened at column " + (open + 1) + ")");
            }
            char ch = t.charAt(i);
            if (ch == '"') {
                break;
            }
            if (ch == '\\') {
                int hi;
                int lo;
                if (i + 3 < n && t.charAt(i + 1) == 'x' && (hi = HEX[t.charAt(i + 2) & 0x7f]) >= 0
                        && (lo = HEX[t.charAt(i + 3) & 0x7f]) >= 0 && (t.charAt(i + 2) | t.charAt(i + 3)) < 0x80) {
                    // The common case, one byte of a -x/-xx dump: straight into the array.
                    s.add(hi << 4 | lo);
                    s.hexEscapes++;
                    s.lowerHexOnly &= t.charAt(i + 2) < 'A' || t.charAt(i + 2) >= 'a';
                    s.lowerHexOnly &= t.charAt(i + 3) < 'A' || t.charAt(i + 3) >= 'a';
                    i += 4;
                    continue;
                }
                s.lowerHexOnly = false;
                i = s.escape(c, i);
            } else if (ch >= 0x20 && ch < 0x7f) {
                s.lowerHexOnly = false;
                s.add(ch);
                i++;
            } else {
                throw c.errorAt(i, "unexpected character U+" + String.format("%04X", (int) ch)
                        + " in string literal (strace escapes such bytes)");
            }
        }
        s.bodyEnd = i;
        i++;
        if (t.startsWith("...", i)) {
            s.truncated = true;
            i += 3;
        }
        c.pos = i;
        return s;
    }

    /** The value of an ASCII hex digit, or -1. */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int d = 0; d < 10; d++) {
            HEX['0' + d] = (byte) d;
        }
        for (int d = 0; d < 6; d++) {
            HEX['a' + d] = (byte) (10 + d);
            HEX['A' + d] = (byte) (10 + d);
        }
    }

    private int escape(Cursor c, int at) {
        String t = c.text;
        if (at + 1 >= t.length()) {
            throw c.errorAt(at, "unterminated escape at the end of the line");
        }
        char e = t.charAt(at + 1);
        if (e == 'x') {
            int hi = at + 2 < t.length() ? Character.digit(t.charAt(at + 2), 16) : -1;
            int lo = at + 3 < t.length() ? Character.digit(t.charAt(at + 3), 16) : -1;
            if (hi < 0 || lo < 0 || t.charAt(at + 2) > 0x7f || t.charAt(at + 3) > 0x7f) {
                throw c.errorAt(at, "bad escape: '\\x' must be followed by two hex digits");
            }
            add(hi << 4 | lo);
            hexEscapes++;
            return at + 4;
        }
        if (e >= '0' && e <= '7') {
            int v = 0;
            int p = at + 1;
            while (p < t.length() && p < at + 4 && t.charAt(p) >= '0' && t.charAt(p) <= '7') {
                v = v * 8 + (t.charAt(p) - '0');
                p++;
            }
            if (v > 0xff) {
                throw c.errorAt(at, "bad escape: octal value " + t.substring(at, p) + " is larger than \\377");
            }
            add(v);
            return p;
        }
        int v;
        switch (e) {
            case 'n': v = '\n'; break;
            case 't': v = '\t'; break;
            case 'r': v = '\r'; break;
            case 'v': v = 0x0b; break;
            case 'f': v = '\f'; break;
            case 'a': v = 0x07; break;
            case 'b': v = '\b'; break;
            case '"': case '\\': case '\'': v = e; break;
            default:
                throw c.errorAt(at, "bad escape '\\" + (e >= 0x20 && e < 0x7f ? String.valueOf(e)
                        : String.format("U+%04X", (int) e)) + "' in string literal");
        }
        add(v);
        return at + 2;
    }

    private void add(int b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = (byte) b;
    }

    byte[] bytes() {
        return Arrays.copyOf(buf, len);
    }

    boolean truncated() {
        return truncated;
    }

    /** The quotings that print these bytes exactly as the literal body is written. */
    int mask(byte[] bytes) {
        if (lowerHexOnly && len > 0 && hexEscapes == len) {
            // Every byte written as HEX_ALL writes it: no need to print the bytes again to know that one.
            return StraceString.compatibleMaskHexAll(bytes, text, bodyStart, bodyEnd);
        }
        return StraceString.compatibleMask(bytes, text, bodyStart, bodyEnd);
    }

    Quoting preferredQuoting() {
        return preferred(mask(bytes()));
    }

    Quoting preferred(int mask) {
        for (Quoting q : Quoting.PREFERENCE) {
            if ((mask & q.bit()) != 0) {
                return q;
            }
        }
        if (hexEscapes > 0) {
            return hexEscapes == len ? Quoting.HEX_ALL : Quoting.HEX_ESCAPES;
        }
        return Quoting.DEFAULT;
    }
}
