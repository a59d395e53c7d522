package dev.kemu.fs.procfs;

import java.nio.charset.StandardCharsets;

/**
 * The text side of an unsigned-int sysctl ({@code kernel/sysctl.c:do_proc_douintvec_r()},
 * {@code do_proc_douintvec_w()}, {@code proc_get_long()}, {@code proc_skip_spaces()};
 * {@code lib/kstrtox.c:_parse_integer_fixup_radix()}, {@code _parse_integer_limit()}).
 *
 * <p>Reading gives the decimal value and a newline, cut to the count asked for. Writing takes
 * one number in C notation (0x hex, leading-0 octal) after optional white space; it must be
 * followed by white space or the end, may not be negative, and may not be 21 characters or
 * longer; anything after the number and its separator is ignored. At most
 * {@code PAGE_SIZE - 1} bytes are looked at.
 */
final class ProcDoUintvec {
    /** {@code TMPBUFLEN}: {@code proc_get_long} copies at most this minus one character. */
    private static final int TMPBUFLEN = 22;
    /** {@code PAGE_SIZE - 1}: the part of a write {@code do_proc_douintvec_w} parses. */
    private static final int MAX_PARSED = 4095;

    private ProcDoUintvec() {
    }

    /** The result of parsing a write: ok with a value, or EINVAL. */
    record Parsed(boolean ok, long value) {
        static final Parsed EINVAL = new Parsed(false, 0);
    }

    /** {@code do_proc_douintvec_r}: the first {@code len} bytes of "value\n". */
    static byte[] format(long unsignedValue, int len) {
        byte[] text = (Long.toUnsignedString(unsignedValue) + "\n").getBytes(StandardCharsets.US_ASCII);
        if (len >= text.length) {
            return text;
        }
        byte[] cut = new byte[len];
        System.arraycopy(text, 0, cut, 0, len);
        return cut;
    }

    /** {@code isspace()} over the kernel's Latin-1 {@code _ctype} table. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
    }

    /** {@code do_proc_douintvec_w} up to the conversion: the number written, or EINVAL. */
    static Parsed parse(byte[] kbuf) {
        int left = Math.min(kbuf.length, MAX_PARSED);
        int p = 0;
        while (p < left && isSpace(kbuf[p] & 0xff)) {
            p++;
        }
        int size = left - p;
        if (size == 0) {
            return Parsed.EINVAL;
        }
        // proc_get_long works on a NUL-terminated copy of at most TMPBUFLEN - 1 bytes.
        int window = Math.min(size, TMPBUFLEN - 1);
        int q = p;
        int end = p + window;
        boolean neg = false;
        if (kbuf[q] == '-' && size > 1) {
            neg = true;
            q++;
        }
        if (q >= end || !isDigit(kbuf[q])) {
            return Parsed.EINVAL;
        }
        int base = 10;
        if (kbuf[q] == '0') {
            if (q + 2 < end && (kbuf[q + 1] | 0x20) == 'x' && Character.digit(kbuf[q + 2], 16) >= 0) {
                base = 16;
                q += 2;
            } else {
                base = 8;
            }
        }
        long value = 0;
        while (q < end && Character.digit(kbuf[q], base) >= 0) {
            int d = Character.digit(kbuf[q], base);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
                return Parsed.EINVAL; // KSTRTOX_OVERFLOW: -ERANGE, reported as EINVAL
            }
            value = value * base + d;
            q++;
        }
        int len = q - p;
        if (len == TMPBUFLEN - 1) {
            return Parsed.EINVAL;
        }
        // The byte after the number (NUL past the window) must be a separator: " \t\n".
        if (len < size) {
            int next = q < end ? kbuf[q] : 0;
            if (next != ' ' && next != '\t' && next != '\n') {
                return Parsed.EINVAL;
            }
        }
        if (neg) {
            return Parsed.EINVAL;
        }
        return new Parsed(true, value);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
