package dev.kemu.vfs;

/**
 * One resource limit ({@code include/uapi/linux/resource.h:struct rlimit64}). Both values are
 * unsigned 64-bit; {@link #RLIM_INFINITY} is all ones.
 *
 * @param cur the soft limit ({@code rlim_cur})
 * @param max the hard limit ({@code rlim_max})
 */
public record Rlimit(long cur, long max) {
    /** {@code RLIM64_INFINITY}. */
    public static final long RLIM_INFINITY = -1L;

    /** True when the soft limit is above the hard one, compared unsigned. */
    public boolean softAboveHard() {
        return Long.compareUnsigned(cur, max) > 0;
    }
}
