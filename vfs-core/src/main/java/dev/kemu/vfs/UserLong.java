package dev.kemu.vfs;

/**
 * A {@code loff_t __user *} argument (splice's and copy_file_range's offsets, sendfile's
 * {@code offset}): NULL ({@code null} in Java), a readable and writable location, or an address
 * that faults (EFAULT on {@code copy_from_user}).
 */
public final class UserLong {
    private final boolean faults;
    private long value;

    private UserLong(long value, boolean faults) {
        this.value = value;
        this.faults = faults;
    }

    /** A valid pointer to {@code value}. */
    public static UserLong of(long value) {
        return new UserLong(value, false);
    }

    /** A pointer whose access faults. */
    public static UserLong faulting() {
        return new UserLong(0, true);
    }

    public boolean faults() {
        return faults;
    }

    /** {@code copy_from_user}; the caller checked {@link #faults()}. */
    public long get() {
        if (faults) {
            throw new IllegalStateException("read through a faulting user pointer");
        }
        return value;
    }

    /** {@code copy_to_user}; the caller checked {@link #faults()}. */
    public void set(long v) {
        if (faults) {
            throw new IllegalStateException("write through a faulting user pointer");
        }
        value = v;
    }

    @Override
    public String toString() {
        return faults ? "<fault>" : "[" + value + "]";
    }
}
