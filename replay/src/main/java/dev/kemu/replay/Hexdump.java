package dev.kemu.replay;

/** Short descriptions of byte differences for divergence messages. */
final class Hexdump {
    private Hexdump() {
    }

    /** The first offset where {@code a} and {@code b} differ within {@code n} bytes, or -1. */
    static int firstDifference(byte[] a, byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (i >= a.length || i >= b.length || a[i] != b[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Up to 8 bytes of {@code b} from {@code at}, in hex. */
    static String excerpt(byte[] b, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = at; i < Math.min(b.length, at + 8); i++) {
            sb.append(String.format("%02x", b[i] & 0xff));
            if (i + 1 < Math.min(b.length, at + 8)) {
                sb.append(' ');
            }
        }
        return sb.length() == 0 ? "(none)" : sb.toString();
    }

    /** "bytes differ at offset N: expected .. got .." */
    static String difference(String what, byte[] expected, byte[] got, int n) {
        int at = firstDifference(expected, got, n);
        if (at < 0) {
            return null;
        }
        return what + " differ at byte " + at + ": expected " + excerpt(expected, at) + ", got " + excerpt(got, at);
    }

    /**
     * Bytes a call wrote back compared with the string strace printed for them: as far as strace printed (a string
     * cut with {@code -s} is compared up to its cut), else all of both.
     */
    static String difference(String what, dev.kemu.strace.Str recorded, byte[] got) {
        byte[] exp = recorded.bytes();
        int n = recorded.truncated() ? Math.min(exp.length, got.length) : Math.max(exp.length, got.length);
        return difference(what, exp, got, n);
    }
}
