package dev.kemu.fuzz;

import java.util.SplittableRandom;

/**
 * The values scenarios are made of, biased toward the edges where kernels differ: zero, one,
 * page-straddling sizes (4095, 4096, 4097), the pipe's 64 KiB, {@code MAX_RW_COUNT},
 * {@code INT_MAX}, {@code SIZE_MAX}, negative offsets, offsets near {@code LLONG_MAX} and past
 * ext4's {@code s_maxbytes}.
 *
 * <p>Positions where data may be <em>written</em> are small or far beyond {@code s_maxbytes}
 * (EFBIG, EINVAL), never in between, so no scenario makes a sparse file of terabytes that a later
 * copy with a huge length would then move.
 */
final class Picks {
    static final long MAX_RW_COUNT = Integer.MAX_VALUE & ~4095L;
    private static final long[] SIZES = {0, 1, 7, 100, 511, 4095, 4096, 4097, 8191, 8192, 8193, 12289, 65535, 65536, 65537};
    private static final long[] HUGE = {MAX_RW_COUNT, MAX_RW_COUNT + 1, Integer.MAX_VALUE, 1L << 31, 0xFFFFFFFFL, 1L << 32,
        Long.MAX_VALUE, -1L, 1L << 20};
    private static final long[] READ_POS = {0, 1, 4095, 4096, 4097, 65536, 100000, -1, -4096, (1L << 31) - 1, 1L << 31,
        1L << 32, 1L << 40, (1L << 44) - 4096, 1L << 44, 1L << 50, 1L << 62, Long.MAX_VALUE, Long.MAX_VALUE - 5, Long.MIN_VALUE};
    private static final long[] WRITE_POS = {0, 1, 10, 4095, 4096, 4097, 8191, 65536, 100000, -1, -4096, 1L << 50, 1L << 62,
        Long.MAX_VALUE, Long.MAX_VALUE - 5, Long.MIN_VALUE};
    private static final long[] SEEK = {0, 1, 2, -1, -2, 4095, 4096, 4097, 65536, 100000, -4096, -100000, 1L << 50, -(1L << 50),
        Long.MAX_VALUE, Long.MIN_VALUE};
    private static final long[] TRUNCATE = {0, 1, 100, 4095, 4096, 4097, 10000, 65536, 100000, -1, 1L << 50, Long.MAX_VALUE};
    private static final long[] PIPE_SIZES = {0, 1, 4095, 4096, 4097, 8192, 12288, 65536, 65537, 1L << 20, (1L << 31) + 1, -1,
        (1L << 32) + 4096, 0xFFFFFFFFL};

    private final SplittableRandom rnd;

    Picks(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    boolean chance(int percent) {
        return rnd.nextInt(100) < percent;
    }

    int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    <T> T one(T[] options) {
        return options[rnd.nextInt(options.length)];
    }

    long one(long[] options) {
        return options[rnd.nextInt(options.length)];
    }

    /** A data size: mostly small, sometimes a page or pipe edge. */
    int dataSize() {
        return chance(40) ? between(0, 64) : (int) one(SIZES);
    }

    byte[] data(int size) {
        byte[] b = new byte[size];
        if (chance(50)) {
            rnd.nextBytes(b);
        } else {
            int base = between(0, 25);
            for (int i = 0; i < size; i++) {
                b[i] = (byte) ('A' + (base + i) % 26);
            }
        }
        return b;
    }

    /** A length for a call whose data is bounded by its source (reads, splice, copies): any edge, huge ones included. */
    long anyLength() {
        int c = rnd.nextInt(100);
        if (c < 45) {
            return one(SIZES);
        }
        if (c < 70) {
            return between(0, 300);
        }
        return one(HUGE);
    }

    /**
     * A huge count for a write into a pipe: past the pipe's size, or past every user address
     * space (EFAULT). Not MAX_RW_COUNT itself: that would mirror 2 GiB of user memory per call.
     */
    long hugeWriteLength() {
        return one(new long[] {(1L << 20) + 1, 1L << 20, 300000, Long.MAX_VALUE, -1L, 1L << 60});
    }

    /** A length for a call that may move that many bytes from memory into a file: at most a little over 64 KiB. */
    long boundedLength() {
        return chance(70) ? one(SIZES) : between(0, 300);
    }

    long readPos() {
        return chance(30) ? between(0, 200) : one(READ_POS);
    }

    long writePos() {
        return chance(30) ? between(0, 200) : one(WRITE_POS);
    }

    long seekOffset() {
        return chance(20) ? between(0, 200) : one(SEEK);
    }

    long truncateLength() {
        return one(TRUNCATE);
    }

    long pipeSize() {
        return one(PIPE_SIZES);
    }

    /** Extra splice flags: mostly none, sometimes the defined ones, rarely an unknown bit. */
    long spliceExtras() {
        int c = rnd.nextInt(100);
        if (c < 60) {
            return 0;
        }
        if (c < 90) {
            return one(new long[] {Flags.SPLICE_F_MOVE, Flags.SPLICE_F_MORE, Flags.SPLICE_F_GIFT,
                Flags.SPLICE_F_MOVE | Flags.SPLICE_F_MORE});
        }
        return one(new long[] {0x10, 0x80000000L, 0x100});
    }
}
