package dev.kemu.vfs;

/** The result of {@code statfs}/{@code fstatfs}: 0 and the values, or a negated errno and none. */
public record StatfsResult(long ret, Statfs statfs) {
    public StatfsResult {
        if ((ret == 0) == (statfs == null)) {
            throw new IllegalArgumentException("a statfs result has values exactly when it succeeded");
        }
    }

    static StatfsResult error(Errno e) {
        return new StatfsResult(e.neg(), null);
    }
}
