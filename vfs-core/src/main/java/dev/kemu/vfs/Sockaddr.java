package dev.kemu.vfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A socket address as user memory holds it ({@code struct sockaddr}): the family and the bytes
 * that follow it ({@code sun_path} for AF_UNIX). The length the caller passes with it is separate,
 * as in the system call: bytes past {@code data} up to that length are zero.
 *
 * @param family {@code sa_family}
 * @param data the bytes after the family; copied in and out
 */
public record Sockaddr(int family, byte[] data) {
    public Sockaddr {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** {@code {sa_family=AF_UNIX, sun_path="path"}}: a filesystem name. */
    public static Sockaddr unix(String path) {
        return new Sockaddr(Net.AF_UNIX, path.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {sa_family=AF_UNIX, sun_path=@"name"}}: an abstract name (a NUL, then {@code name}). */
    public static Sockaddr unixAbstract(String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] d = new byte[n.length + 1];
        System.arraycopy(n, 0, d, 1, n.length);
        return new Sockaddr(Net.AF_UNIX, d);
    }

    /** The {@code len} bytes {@code move_addr_to_kernel} copies: the family (little-endian) and data, zero-padded. */
    byte[] raw(int len) {
        byte[] r = new byte[len];
        if (len > 0) {
            r[0] = (byte) family;
        }
        if (len > 1) {
            r[1] = (byte) (family >>> 8);
        }
        if (len > 2) {
            System.arraycopy(data, 0, r, 2, Math.min(data.length, len - 2));
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sockaddr s && s.family == family && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return family * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Sockaddr[family=" + family + ", data=" + new String(data, StandardCharsets.ISO_8859_1) + "]";
    }
}
