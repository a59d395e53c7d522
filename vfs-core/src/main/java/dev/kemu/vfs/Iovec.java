package dev.kemu.vfs;

/**
 * One user I/O vector ({@code include/uapi/linux/uio.h:struct iovec}): a base in user memory
 * and a length. A null base stands for an address that faults ({@code NULL}).
 */
public record Iovec(UserBuffer base, long len) {
    public Iovec {
        if (len < 0) {
            throw new IllegalArgumentException("iov_len " + len);
        }
        if (base != null && base.length() < Math.min(len, Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("iov_len " + len + " exceeds the buffer's " + base.length() + " bytes");
        }
    }

    /** A vector over a whole buffer. */
    public static Iovec of(UserBuffer base) {
        return new Iovec(base, base.length());
    }
}
