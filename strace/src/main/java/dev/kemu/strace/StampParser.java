package dev.kemu.strace;

/**
 * Reads what strace prints around the body of a line (strace src/strace.c:printleader(), src/syscall.c): the pid
 * ({@code 1234  } or {@code [pid  1234] }), the timestamp ({@code 15:04:05}, {@code 15:04:05.123456},
 * {@code 1700000000.123456}, or {@code -r}'s right-aligned {@code      0.000123}) and, at the end of a call, the
 * {@code -T} duration {@code  <0.000012>}.
 *
 * <p>{@code -Y} writes the command after the pid ({@code 1234<cat> }), {@code -n} the system call number
 * ({@code [ 59] }) and {@code -i} the instruction pointer ({@code [00007f006e0d3ad7] }) after the time; they are
 * kept in the prefix text only.
 *
 * <p>A leading number followed by a space is a pid; one followed by {@code :} is a time of day; one followed by
 * {@code .} is a unix time when it has nine or more digits and a relative time otherwise ({@code -r} prints at least
 * six, right-aligned, so it may also start with spaces).
 */
final class StampParser {

    private final String source;
    private final int lineNo;
    private final String line;
    private int pid;
    private Stamp.Clock clock = Stamp.Clock.NONE;
    private long time;
    private long duration = -1;
    private int bodyStart;
    private int suffixStart = -1;

    StampParser(String source, int lineNo, String line) {
        this.source = source;
        this.lineNo = lineNo;
        this.line = line;
    }

    /** Reads the prefix; returns the index where the body starts. */
    int parsePrefix() {
        int i = 0;
        int n = line.length();
        if (line.startsWith("[pid ")) {
            i = 5;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int digits = digits(i);
            if (digits == i || digits >= n || line.charAt(digits) != ']' || digits + 1 >= n
                    || line.charAt(digits + 1) != ' ') {
                throw new TraceFormatException(source, lineNo, i + 1, "expected '[pid N] ' before the line");
            }
            pid = pid(i, digits);
            i = digits + 2;
        } else {
            int digits = digits(0);
            int end = digits > 0 && digits < n && line.charAt(digits) == '<' ? commEnd(digits) : digits;
            if (digits > 0 && end < n && line.charAt(end) == ' ') {
                pid = pid(0, digits);
                i = end;
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
            }
        }
        int t = i;
        while (t < n && line.charAt(t) == ' ') {
            t++;
        }
        boolean padded = t > i;
        int digits = digits(t);
        if (digits > t && digits < n && (line.charAt(digits) == ':' || line.charAt(digits) == '.')) {
            i = timestamp(t, digits, padded);
        }
        i = bracketed(i, true);
        i = bracketed(i, false);
        bodyStart = i;
        return i;
    }

    /** After {@code <} at {@code from}: the index after the matching {@code >} of a {@code -Y} command name. */
    private int commEnd(int from) {
        int close = line.indexOf('>', from);
        return close < 0 ? from : close + 1;
    }

    /**
     * Skips {@code -n}'s system call number {@code [ 59] } or {@code -i}'s instruction pointer
     * {@code [00007f006e0d3ad7] } ({@code [????????????????] } when unknown); both stay in the prefix text.
     */
    private int bracketed(int from, boolean number) {
        int n = line.length();
        if (from >= n || line.charAt(from) != '[' || line.startsWith("[pid ", from)) {
            return from;
        }
        int i = from + 1;
        if (number) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
        }
        int start = i;
        while (i < n && (number ? Character.isDigit(line.charAt(i))
                : Character.digit(line.charAt(i), 16) >= 0 || line.charAt(i) == '?')) {
            i++;
        }
        boolean ok = i > start && i + 1 < n && line.charAt(i) == ']' && line.charAt(i + 1) == ' '
                && (number ? i - start <= 4 : i - start >= 8);
        return ok ? i + 2 : from;
    }

    private int timestamp(int from, int intEnd, boolean padded) {
        long seconds;
        int i;
        if (line.charAt(intEnd) == ':') {
            // HH:MM:SS
            int h = intEnd;
            int m = digits(h + 1);
            if (m != h + 3 || m >= line.length() || line.charAt(m) != ':') {
                throw new TraceFormatException(source, lineNo, from + 1, "expected a time HH:MM:SS");
            }
            int s = digits(m + 1);
            if (s != m + 3 || intEnd - from > 2) {
                throw new TraceFormatException(source, lineNo, from + 1, "expected a time HH:MM:SS");
            }
            seconds = Long.parseLong(line, from, h, 10) * 3600 + Long.parseLong(line, h + 1, m, 10) * 60
                    + Long.parseLong(line, m + 1, s, 10);
            clock = Stamp.Clock.TIME_OF_DAY;
            i = s;
        } else {
            if (intEnd - from > 18) {
                throw new TraceFormatException(source, lineNo, from + 1, "timestamp too large");
            }
            seconds = Long.parseLong(line, from, intEnd, 10);
            clock = !padded && intEnd - from >= 9 ? Stamp.Clock.UNIX : Stamp.Clock.RELATIVE;
            i = intEnd;
        }
        long micros = 0;
        if (i < line.length() && line.charAt(i) == '.') {
            int fracEnd = digits(i + 1);
            if (fracEnd == i + 1) {
                throw new TraceFormatException(source, lineNo, i + 2, "expected digits after '.' in the timestamp");
            }
            micros = fraction(i + 1, fracEnd);
            i = fracEnd;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new TraceFormatException(source, lineNo, i + 1, "expected ' ' after the timestamp");
        }
        time = seconds * 1_000_000 + micros;
        return i + 1;
    }

    /** Microseconds of a fraction of a second written with any number of digits (extra digits dropped). */
    private long fraction(int from, int to) {
        long v = 0;
        for (int k = 0; k < 6; k++) {
            v = v * 10 + (from + k < to ? line.charAt(from + k) - '0' : 0);
        }
        return v;
    }

    /**
     * Reads the {@code -T} suffix {@code " <S.UUUUUU>"} at the end of a call line.
     *
     * @return the index where the body ends
     */
    int parseSuffix() {
        int n = line.length();
        if (n < 5 || line.charAt(n - 1) != '>') {
            return n;
        }
        int open = line.lastIndexOf(" <", n - 2);
        if (open < bodyStart) {
            return n;
        }
        int intEnd = digits(open + 2);
        if (intEnd == open + 2 || intEnd >= n || line.charAt(intEnd) != '.') {
            return n;
        }
        int fracEnd = digits(intEnd + 1);
        if (fracEnd != n - 1 || fracEnd == intEnd + 1 || intEnd - open - 2 > 12) {
            return n;
        }
        duration = Long.parseLong(line, open + 2, intEnd, 10) * 1_000_000 + fraction(intEnd + 1, fracEnd);
        suffixStart = open;
        return open;
    }

    Stamp stamp(int bodyEnd) {
        if (bodyStart == 0 && suffixStart < 0) {
            return Stamp.NONE;
        }
        return new Stamp(pid, clock, time, duration, line.substring(0, bodyStart), line.substring(bodyEnd));
    }

    private int digits(int from) {
        int i = from;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private int pid(int from, int to) {
        if (to - from > 10) {
            throw new TraceFormatException(source, lineNo, from + 1, "pid too large");
        }
        long p = Long.parseLong(line, from, to, 10);
        if (p > Integer.MAX_VALUE) {
            throw new TraceFormatException(source, lineNo, from + 1, "pid too large");
        }
        return (int) p;
    }
}
