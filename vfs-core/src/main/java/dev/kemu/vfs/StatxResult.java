package dev.kemu.vfs;

/** The result of {@code statx}: 0 and the fields, or a negated errno and none. */
public record StatxResult(long ret, Statx statx) {
    public StatxResult {
        if ((ret == 0) == (statx == null)) {
            throw new IllegalArgumentException("a statx result has fields exactly when it succeeded");
        }
    }

    static StatxResult error(long err) {
        return new StatxResult(err, null);
    }
}
