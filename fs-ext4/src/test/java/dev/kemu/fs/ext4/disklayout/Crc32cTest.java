package dev.kemu.fs.ext4.disklayout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Crc32c} against a bit-at-a-time register, for any seed. */
class Crc32cTest {
    /** The textbook reflected CRC32C register update, one bit at a time. */
    private static int reference(int crc, byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return crc;
    }

    @Test
    void update_anySeedAndLength_matchesBitwiseRegister() {
        Random rnd = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[rnd.nextInt(5000)];
            rnd.nextBytes(b);
            int seed = i % 5 == 0 ? ~0 : rnd.nextInt();
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            int len = b.length - off;
            assertEquals(reference(seed, b, off, len), Crc32c.update(seed, b, off, len), "seed " + seed + " len " + len);
        }
    }

    @Test
    void update_standardCheckValue() {
        // CRC-32C("123456789") = 0xE3069283 after the final inversion.
        assertEquals(0xE3069283, ~Crc32c.update(~0, "123456789".getBytes()));
    }

    @Test
    void updateLe32_isFourLittleEndianBytes() {
        assertEquals(Crc32c.update(7, new byte[] {0x78, 0x56, 0x34, 0x12}), Crc32c.updateLe32(7, 0x12345678));
    }
}
