package dev.kemu.vfs;

/**
 * The result of {@code prlimit64} or {@code getrlimit}: 0 and the limit as it was before the
 * call (null when the caller asked for none), or a negated errno.
 */
public record RlimitResult(long ret, Rlimit old) {
    public RlimitResult {
        if (ret != 0 && old != null) {
            throw new IllegalArgumentException("a failed call reports no limit");
        }
    }

    static RlimitResult error(Errno e) {
        return new RlimitResult(e.neg(), null);
    }
}
