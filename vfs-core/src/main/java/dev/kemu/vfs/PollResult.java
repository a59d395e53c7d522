package dev.kemu.vfs;

import java.util.Arrays;

/**
 * What {@code poll}/{@code ppoll} return: the count of descriptors with events (or a negated
 * errno), and the {@code revents} written back into each {@code pollfd} (null on an error, when
 * nothing is written back).
 *
 * @param ret the count or a negated errno
 * @param revents per descriptor, in the order given; null on error
 */
public record PollResult(long ret, int[] revents) {
    public PollResult {
        revents = revents == null ? null : revents.clone();
    }

    @Override
    public int[] revents() {
        return revents == null ? null : revents.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollResult p && p.ret == ret && Arrays.equals(p.revents, revents);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ret) * 31 + Arrays.hashCode(revents);
    }

    @Override
    public String toString() {
        return "PollResult[ret=" + ret + ", revents=" + Arrays.toString(revents) + "]";
    }
}
