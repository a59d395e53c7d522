package dev.kemu.fs.ext4.disklayout;

/**
 * Little-endian field access on byte arrays ({@code include/linux/byteorder/generic.h:le32_to_cpu()}
 * and friends), the byte order of every ext4 structure.
 */
final class Le {
    private Le() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static int s32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    static long u32(byte[] b, int off) {
        return s32(b, off) & 0xFFFFFFFFL;
    }

    static long u64(byte[] b, int off) {
        return u32(b, off) | u32(b, off + 4) << 32;
    }

    static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    static void put16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void put64(byte[] b, int off, long v) {
        put32(b, off, v);
        put32(b, off + 4, v >>> 32);
    }

    static void checkU16(String what, long v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    static void checkU32(String what, long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    static void checkU48(String what, long v) {
        if (v < 0 || v > 0xFFFF_FFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }
}
