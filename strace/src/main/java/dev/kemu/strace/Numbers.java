package dev.kemu.strace;

/** Number literals as strace prints them: decimal (signed, or unsigned up to 2^64-1), octal {@code 0644}, hex. */
final class Numbers {

    private Numbers() {
    }

    /** Whether {@code t} has the shape of a number: {@code -?[0-9]+} or {@code 0x[0-9a-fA-F]+}. */
    static boolean isNumber(String t) {
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return t.length() > 2 && allDigits(t, 2, 16);
        }
        int from = t.startsWith("-") ? 1 : 0;
        return t.length() > from && allDigits(t, from, 10);
    }

    private static boolean allDigits(String t, int from, int radix) {
        for (int i = from; i < t.length(); i++) {
            char ch = t.charAt(i);
            boolean digit = ch >= '0' && ch <= '9' && ch - '0' < radix
                    || radix == 16 && (ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F');
            if (!digit) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value of a literal accepted by {@link #isNumber(String)}; values above {@link Long#MAX_VALUE} wrap to
     * negative longs.
     *
     * @throws TraceFormatException at column {@code at} when the value does not fit in 64 bits or an octal
     *     literal has an 8 or 9
     */
    static long parse(String t, Cursor c, int at) {
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.startsWith("-")) {
                return Long.parseLong(t);
            }
            if (t.length() > 1 && t.charAt(0) == '0') {
                if (!allDigits(t, 1, 8)) {
                    throw c.errorAt(at, "bad octal number '" + t + "'");
                }
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw c.errorAt(at, "number '" + t + "' does not fit in 64 bits");
        }
    }
}
