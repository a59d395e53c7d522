package dev.kemu.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** User memory is made of pages that keep their identity. */
class UserBufferTest {
    @Test
    void pageAt_samePageForBytesOfOnePage_nextPageAfterTheBoundary() {
        UserBuffer b = UserBuffer.allocate(100, 5000);
        assertSame(b.pageAt(0), b.pageAt(3995));
        assertEquals(4095, b.offsetInPage(3995));
        assertEquals(0, b.offsetInPage(3996));
        assertEquals(false, b.pageAt(3995) == b.pageAt(3996));
    }

    @Test
    void write_thenRead_acrossPages_roundTrips() {
        UserBuffer b = UserBuffer.allocate(4090, 20);
        byte[] data = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.write(0, data, 0, 20);
        assertArrayEquals(data, b.toByteArray());
    }

    @Test
    void iovec_longerThanItsBuffer_isABug() {
        assertThrows(IllegalArgumentException.class, () -> new Iovec(UserBuffer.allocate(4), 5));
    }
}
