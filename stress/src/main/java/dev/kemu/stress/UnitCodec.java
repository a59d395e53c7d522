package dev.kemu.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 16-byte unit every byte of stress data belongs to. A record is 1 to 256 consecutive units
 * (at most {@code PIPE_BUF} bytes); each unit names its stream (the writing task), its serial
 * number in that stream, the record's length, its own index in the record and the record's
 * flags, and carries a 32-bit check over all of that and the run's salt.
 *
 * <pre>
 * word 0 (little endian): stream (16 bits) | serial (48 bits)
 * word 1:                 0 (8) | flags (8) | index (8) | units - 1 (8) | check (32)
 * </pre>
 *
 * Every length the workload uses is a multiple of 16 and every buffer starts 16-aligned in its
 * page, so no operation of a correct kernel can split a unit: a unit that does not decode is
 * corruption, wherever it is found.
 */
final class UnitCodec {
    /** Bytes per unit. */
    static final int UNIT = 16;
    /** Units per record at most: {@code PIPE_BUF / UNIT}. */
    static final int MAX_RECORD_UNITS = 256;
    /** Record flag: written by one write of at most PIPE_BUF bytes (or one vmsplice slot), so never torn. */
    static final int ATOMIC = 1;
    static final long SERIAL_MASK = (1L << 48) - 1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private UnitCodec() {
    }

    static long word0(int stream, long serial) {
        return ((long) stream << 48) | (serial & SERIAL_MASK);
    }

    static int meta(int units, int index, int flags) {
        return (units - 1) | index << 8 | flags << 16;
    }

    /** The check of a unit: a 32-bit hash of its first word, its metadata and the run's salt (two multiplications). */
    static int check(long word0, int meta, long salt) {
        long z = (word0 ^ salt) * 0x9E3779B97F4A7C15L + meta;
        z = (z ^ (z >>> 32)) * 0xD6E8FEB86659FD93L;
        return (int) (z >>> 32);
    }

    /** Writes one unit at {@code off} of {@code page}. */
    static void put(byte[] page, int off, int stream, long serial, int units, int index, int flags, long salt) {
        long w0 = word0(stream, serial);
        int meta = meta(units, index, flags);
        LONGS.set(page, off, w0);
        LONGS.set(page, off + 8, (long) meta << 32 | (check(w0, meta, salt) & 0xFFFF_FFFFL));
    }

    static long word0At(byte[] page, int off) {
        return (long) LONGS.get(page, off);
    }

    static long word1At(byte[] page, int off) {
        return (long) LONGS.get(page, off + 8);
    }

    /** True when the two words form a unit of this run. */
    static boolean valid(long w0, long w1, long salt) {
        int meta = (int) (w1 >>> 32);
        if ((meta >>> 24) != 0 || index(w1) >= units(w1)) {
            return false;
        }
        return (int) w1 == check(w0, meta, salt);
    }

    static int stream(long w0) {
        return (int) (w0 >>> 48);
    }

    static long serial(long w0) {
        return w0 & SERIAL_MASK;
    }

    static int units(long w1) {
        return (int) (w1 >>> 32 & 0xFF) + 1;
    }

    static int index(long w1) {
        return (int) (w1 >>> 40 & 0xFF);
    }

    static int flags(long w1) {
        return (int) (w1 >>> 48 & 0xFF);
    }
}
