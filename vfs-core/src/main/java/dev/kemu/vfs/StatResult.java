package dev.kemu.vfs;

/** The result of a stat call: 0 and the attributes, or a negated errno and no attributes. */
public record StatResult(long ret, Kstat stat) {
    public StatResult {
        if ((ret == 0) == (stat == null)) {
            throw new IllegalArgumentException("a stat result has attributes exactly when it succeeded");
        }
    }
}
