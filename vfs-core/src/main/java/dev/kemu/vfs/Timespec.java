package dev.kemu.vfs;

/**
 * A time as the kernel keeps it ({@code include/uapi/linux/time_types.h:struct __kernel_timespec}),
 * or one of {@code utimensat}'s two markers in {@code nsec}.
 */
public record Timespec(long sec, long nsec) {
    /** {@code UTIME_NOW}: set this time to the current time. */
    public static final long UTIME_NOW = (1L << 30) - 1;
    /** {@code UTIME_OMIT}: leave this time as it is. */
    public static final long UTIME_OMIT = (1L << 30) - 2;

    /** The current wall-clock time ({@code current_time()}). */
    public static Timespec now() {
        java.time.Instant i = java.time.Instant.now();
        return new Timespec(i.getEpochSecond(), i.getNano());
    }

    /** {@code nsec_valid}: a nanosecond count, UTIME_NOW or UTIME_OMIT. */
    public boolean nsecValid() {
        return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec <= 999_999_999);
    }
}
