package dev.kemu.vfs;

/**
 * The result of {@code getcwd}: the length written including the NUL (or a negated errno), and
 * the path (null on error).
 */
public record GetcwdResult(long ret, String path) {
    public GetcwdResult {
        if ((ret > 0) != (path != null)) {
            throw new IllegalArgumentException("a getcwd result has a path exactly when it succeeded");
        }
    }
}
