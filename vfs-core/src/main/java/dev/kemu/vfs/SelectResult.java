package dev.kemu.vfs;

import java.util.BitSet;

/**
 * What {@code select}/{@code pselect6} return: the number of ready bits (or a negated errno) and
 * the three descriptor sets written back (each null where the caller passed NULL, all null on
 * error).
 *
 * @param ret ready bits counted over the three sets, or a negated errno
 * @param in the readable descriptors
 * @param out the writable descriptors
 * @param ex the descriptors with an exceptional condition (POLLPRI)
 */
public record SelectResult(long ret, BitSet in, BitSet out, BitSet ex) {
    public SelectResult {
        in = copy(in);
        out = copy(out);
        ex = copy(ex);
    }

    @Override
    public BitSet in() {
        return copy(in);
    }

    @Override
    public BitSet out() {
        return copy(out);
    }

    @Override
    public BitSet ex() {
        return copy(ex);
    }

    private static BitSet copy(BitSet b) {
        return b == null ? null : (BitSet) b.clone();
    }

    static SelectResult error(long err) {
        return new SelectResult(err, null, null, null);
    }
}
