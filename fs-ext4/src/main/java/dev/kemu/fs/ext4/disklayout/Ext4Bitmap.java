package dev.kemu.fs.ext4.disklayout;

/**
 * Bit operations on on-disk bitmaps ({@code include/asm-generic/bitops/le.h}): bit {@code i} is
 * bit {@code i % 8} of byte {@code i / 8}, least significant first.
 */
public final class Ext4Bitmap {
    private Ext4Bitmap() {
    }

    public static boolean test(byte[] map, long bit) {
        return (map[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
    }

    public static void set(byte[] map, long bit) {
        map[(int) (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }

    public static void clear(byte[] map, long bit) {
        map[(int) (bit >>> 3)] &= (byte) ~(1 << (bit & 7));
    }

    /** {@code ext4_set_bits}: sets bits {@code [from, to)}. */
    public static void setRange(byte[] map, long from, long to) {
        for (long i = from; i < to; i++) {
            set(map, i);
        }
    }

    /** {@code find_next_zero_bit}: the first clear bit in {@code [from, limit)}, or -1. */
    public static long findNextZero(byte[] map, long from, long limit) {
        long i = from;
        while (i < limit) {
            if ((i & 7) == 0 && i + 8 <= limit && map[(int) (i >>> 3)] == (byte) 0xFF) {
                i += 8;
                continue;
            }
            if (!test(map, i)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The number of set bits in {@code [0, limit)}. */
    public static long count(byte[] map, long limit) {
        long n = 0;
        long full = limit >>> 3;
        for (int i = 0; i < full; i++) {
            n += Integer.bitCount(map[i] & 0xFF);
        }
        for (long i = full << 3; i < limit; i++) {
            if (test(map, i)) {
                n++;
            }
        }
        return n;
    }
}
