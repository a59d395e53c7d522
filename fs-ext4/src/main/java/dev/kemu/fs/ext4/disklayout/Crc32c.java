package dev.kemu.fs.ext4.disklayout;

import java.util.zip.CRC32C;

/**
 * The raw CRC32C register that ext4 checksums are made of ({@code fs/ext4/ext4.h:ext4_chksum()},
 * which feeds the {@code crc32c} shash an arbitrary starting register and reads the register back
 * without the final inversion).
 *
 * <p>{@link CRC32C} always starts from {@code ~0} and inverts its result. Since a CRC is linear,
 * the register after {@code n} bytes from any seed {@code S} is
 * {@code shift(S ^ ~0, n) ^ ~CRC32C(data)}, where {@code shift} advances a register over
 * {@code n} zero bytes (multiplication by x<sup>8n</sup> modulo the Castagnoli polynomial, computed
 * in O(log n) as zlib's {@code crc32_combine} does). The bytes themselves go through the JDK's
 * intrinsic.
 */
public final class Crc32c {
    /** The Castagnoli polynomial, bit-reflected. */
    private static final int POLY = 0x82F63B78;
    /** {@code X2N[k]} is x<sup>2<sup>k</sup></sup> modulo the polynomial. */
    private static final int[] X2N = new int[32];
    /** x<sup>8n</sup> for the lengths checksummed most (a block or less), filled lazily; 0 = not yet. */
    private static final int[] SHIFT_CACHE = new int[4097];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multModP(p, p);
            X2N[k] = p;
        }
    }

    private Crc32c() {
    }

    /**
     * The register after feeding {@code len} bytes of {@code data} from {@code off} into a register
     * holding {@code seed}: the kernel's {@code ext4_chksum(sbi, seed, data, len)}.
     */
    public static int update(int seed, byte[] data, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(data, off, len);
        int plain = ~(int) c.getValue();
        if (seed == ~0) {
            return plain;
        }
        int shift;
        if (len < SHIFT_CACHE.length) {
            // Racy but benign: every thread computes the same value, and x^k mod P is never 0.
            shift = SHIFT_CACHE[len];
            if (shift == 0) {
                shift = x8nModP(len);
                SHIFT_CACHE[len] = shift;
            }
        } else {
            shift = x8nModP(len);
        }
        return multModP(shift, seed ^ ~0) ^ plain;
    }

    /** {@link #update(int, byte[], int, int)} over a whole array. */
    public static int update(int seed, byte[] data) {
        return update(seed, data, 0, data.length);
    }

    /** The register after feeding the four little-endian bytes of {@code value}. */
    public static int updateLe32(int seed, int value) {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        return update(seed, b, 0, 4);
    }

    /** a * b modulo the polynomial, both in the reflected representation. */
    private static int multModP(int a, int b) {
        int m = 1 << 31;
        int p = 0;
        for (;;) {
            if ((a & m) != 0) {
                p ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return p;
    }

    /** x<sup>8n</sup> modulo the polynomial: the effect of n zero bytes on a register. */
    private static int x8nModP(long n) {
        int p = 1 << 31; // x^0
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multModP(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }
}
