package dev.kemu.strace;

/**
 * The quotings that fit every string of a trace, gathered while parsing. A trace written by one strace run uses
 * one style, so strings that several styles print the same way (such as {@code ""}) get that style; see
 * {@link TraceParser}.
 */
final class QuotingStats {

    private static final int ALL = (1 << Quoting.values().length) - 1;

    private int common = ALL;
    private boolean seen;

    /** Records the compatible-quoting mask of one literal; literals that fit no style are ignored. */
    void add(int mask) {
        if (mask != 0) {
            common &= mask;
            seen = true;
        }
    }

    /** The style of the trace: the preferred quoting that fits all its literals, or null if none does. */
    Quoting traceQuoting() {
        if (!seen) {
            return null;
        }
        for (Quoting q : Quoting.PREFERENCE) {
            if ((common & q.bit()) != 0) {
                return q;
            }
        }
        return null;
    }
}
