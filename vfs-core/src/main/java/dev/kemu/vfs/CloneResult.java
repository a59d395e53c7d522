package dev.kemu.vfs;

/**
 * What {@code clone}, {@code clone3}, {@code fork} and {@code vfork} return: the child's thread
 * id in the model (positive) and the child, or a negated errno (or {@link Net#NOT_MODELLED}) and
 * no child.
 */
public record CloneResult(long ret, Task child) {
    public CloneResult {
        if ((ret > 0) != (child != null)) {
            throw new IllegalArgumentException("a child exactly when the call succeeded: " + ret);
        }
    }

    static CloneResult error(long err) {
        return new CloneResult(err, null);
    }
}
