package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnitCodecTest {
    private static final long SALT = 42;

    @Test
    void put_thenDecode_givesBackEveryField() {
        byte[] page = new byte[4096];
        UnitCodec.put(page, 32, 300, (1L << 40) + 5, 256, 255, UnitCodec.ATOMIC, SALT);

        long w0 = UnitCodec.word0At(page, 32);
        long w1 = UnitCodec.word1At(page, 32);
        assertTrue(UnitCodec.valid(w0, w1, SALT));
        assertEquals(300, UnitCodec.stream(w0));
        assertEquals((1L << 40) + 5, UnitCodec.serial(w0));
        assertEquals(256, UnitCodec.units(w1));
        assertEquals(255, UnitCodec.index(w1));
        assertEquals(UnitCodec.ATOMIC, UnitCodec.flags(w1));
    }

    @Test
    void valid_anyChangedByte_isRejected() {
        for (int b = 0; b < UnitCodec.UNIT; b++) {
            byte[] page = new byte[4096];
            UnitCodec.put(page, 0, 3, 77, 4, 1, 0, SALT);
            page[b] ^= 0x10;
            assertFalse(UnitCodec.valid(UnitCodec.word0At(page, 0), UnitCodec.word1At(page, 0), SALT), "byte " + b);
        }
    }

    @Test
    void valid_zeroesOrAnotherRunsSalt_isRejected() {
        byte[] page = new byte[4096];
        assertFalse(UnitCodec.valid(UnitCodec.word0At(page, 0), UnitCodec.word1At(page, 0), SALT));
        UnitCodec.put(page, 0, 3, 77, 4, 1, 0, SALT);
        assertFalse(UnitCodec.valid(UnitCodec.word0At(page, 0), UnitCodec.word1At(page, 0), SALT + 1));
    }
}
