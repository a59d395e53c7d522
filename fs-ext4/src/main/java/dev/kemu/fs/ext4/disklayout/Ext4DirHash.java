package dev.kemu.fs.ext4.disklayout;

/**
 * Directory name hashes ({@code fs/ext4/hash.c:ext4fs_dirhash()}, {@code str2hashbuf_signed()},
 * {@code str2hashbuf_unsigned()}, {@code half_md4_transform()}, {@code TEA_transform()},
 * {@code dx_hack_hash()}): the order of a hashed directory and the positions its readdir gives.
 *
 * <p>The version is {@code s_def_hash_version}, plus 3 for the unsigned variants when the
 * superblock says {@code EXT2_FLAGS_UNSIGNED_HASH}; the seed is {@code s_hash_seed} (the MD4
 * initial values when it is all zero).
 */
public final class Ext4DirHash {
    public static final int LEGACY = 0;
    public static final int HALF_MD4 = 1;
    public static final int TEA = 2;
    public static final int LEGACY_UNSIGNED = 3;
    public static final int HALF_MD4_UNSIGNED = 4;
    public static final int TEA_UNSIGNED = 5;
    /** {@code EXT4_HTREE_EOF_32BIT}. */
    static final long HTREE_EOF_32BIT = 0x7fffffffL;

    private static final int K2 = 013240474631;
    private static final int K3 = 015666365641;

    /** A name's major and minor hash (both unsigned 32-bit values). */
    public record Hash(long major, long minor) implements Comparable<Hash> {
        @Override
        public int compareTo(Hash o) {
            int c = Long.compare(major, o.major);
            return c != 0 ? c : Long.compare(minor, o.minor);
        }
    }

    private Ext4DirHash() {
    }

    /** {@code ext4fs_dirhash} of {@code name} with {@code version} and the 16-byte {@code seed}. */
    public static Hash hash(byte[] name, int version, byte[] seed) {
        int[] buf = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        boolean seeded = false;
        for (byte b : seed) {
            seeded |= b != 0;
        }
        if (seeded) {
            for (int i = 0; i < 4; i++) {
                buf[i] = Le.s32(seed, 4 * i);
            }
        }
        int major;
        int minor = 0;
        switch (version) {
            case LEGACY, LEGACY_UNSIGNED -> major = dxHackHash(name, version == LEGACY_UNSIGNED);
            case HALF_MD4, HALF_MD4_UNSIGNED -> {
                int[] in = new int[8];
                for (int off = 0; off < name.length; off += 32) {
                    toHashBuf(name, off, in, 8, version == HALF_MD4_UNSIGNED);
                    halfMd4(buf, in);
                }
                major = buf[1];
                minor = buf[2];
            }
            case TEA, TEA_UNSIGNED -> {
                int[] in = new int[4];
                for (int off = 0; off < name.length; off += 16) {
                    toHashBuf(name, off, in, 4, version == TEA_UNSIGNED);
                    tea(buf, in);
                }
                major = buf[0];
                minor = buf[1];
            }
            default -> throw new IllegalArgumentException("unknown directory hash version " + version);
        }
        long h = (major & 0xffffffffL) & ~1L;
        if (h == HTREE_EOF_32BIT << 1) {
            h = (HTREE_EOF_32BIT - 1) << 1;
        }
        return new Hash(h, minor & 0xffffffffL);
    }

    /**
     * {@code str2hashbuf}: up to {@code 4 * num} bytes of the name from {@code off}, four to a
     * word, big-endian within the word, each word started with the length padding; the rest of
     * the words are padding.
     */
    private static void toHashBuf(byte[] name, int off, int[] out, int num, boolean unsigned) {
        int len = name.length - off;
        int pad = len | (len << 8);
        pad |= pad << 16;
        int n = Math.min(len, num * 4);
        int val = pad;
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) {
                val = pad;
            }
            int c = unsigned ? name[off + i] & 0xff : name[off + i];
            val = c + (val << 8);
            if (i % 4 == 3) {
                out[w++] = val;
                val = pad;
            }
        }
        if (w < num) {
            out[w++] = val;
        }
        while (w < num) {
            out[w++] = pad;
        }
    }

    private static int f(int x, int y, int z) {
        return z ^ (x & (y ^ z));
    }

    private static int g(int x, int y, int z) {
        return (x & y) + ((x ^ y) & z);
    }

    private static int h(int x, int y, int z) {
        return x ^ y ^ z;
    }

    /** {@code half_md4_transform}: three rounds of eight steps over eight words. */
    private static void halfMd4(int[] buf, int[] in) {
        int a = buf[0];
        int b = buf[1];
        int c = buf[2];
        int d = buf[3];
        int[] r1 = {0, 1, 2, 3, 4, 5, 6, 7};
        int[] s1 = {3, 7, 11, 19};
        int[] r2 = {1, 3, 5, 7, 0, 2, 4, 6};
        int[] s2 = {3, 5, 9, 13};
        int[] r3 = {3, 7, 2, 6, 1, 5, 0, 4};
        int[] s3 = {3, 9, 11, 15};
        int[] v = {a, b, c, d};
        for (int round = 0; round < 3; round++) {
            int[] order = round == 0 ? r1 : round == 1 ? r2 : r3;
            int[] shifts = round == 0 ? s1 : round == 1 ? s2 : s3;
            int k = round == 0 ? 0 : round == 1 ? K2 : K3;
            for (int step = 0; step < 8; step++) {
                // The register that changes rotates a, d, c, b; the others follow in the same cycle.
                int target = (4 - step % 4) % 4;
                int x = v[(target + 1) % 4];
                int y = v[(target + 2) % 4];
                int z = v[(target + 3) % 4];
                int fn = round == 0 ? f(x, y, z) : round == 1 ? g(x, y, z) : h(x, y, z);
                int t = v[target] + fn + in[order[step]] + k;
                v[target] = Integer.rotateLeft(t, shifts[step % 4]);
            }
        }
        buf[0] += v[0];
        buf[1] += v[1];
        buf[2] += v[2];
        buf[3] += v[3];
    }

    /** {@code TEA_transform}: 16 cycles. */
    private static void tea(int[] buf, int[] in) {
        int sum = 0;
        int b0 = buf[0];
        int b1 = buf[1];
        int a = in[0];
        int b = in[1];
        int c = in[2];
        int d = in[3];
        for (int n = 0; n < 16; n++) {
            sum += 0x9E3779B9;
            b0 += ((b1 << 4) + a) ^ (b1 + sum) ^ ((b1 >>> 5) + b);
            b1 += ((b0 << 4) + c) ^ (b0 + sum) ^ ((b0 >>> 5) + d);
        }
        buf[0] += b0;
        buf[1] += b1;
    }

    /** {@code dx_hack_hash}: the legacy hash. */
    private static int dxHackHash(byte[] name, boolean unsigned) {
        int hash0 = 0x12a3fe2d;
        int hash1 = 0x37abe8f9;
        for (byte ch : name) {
            int c = unsigned ? ch & 0xff : ch;
            int hash = hash1 + (hash0 ^ (c * 7152373));
            if ((hash & 0x80000000) != 0) {
                hash -= 0x7fffffff;
            }
            hash1 = hash0;
            hash0 = hash;
        }
        return hash0 << 1;
    }
}
