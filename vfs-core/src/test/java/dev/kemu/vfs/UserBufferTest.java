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

    @Test
    void prefix_sharesPagesWithItsBuffer_bothWays() {
        UserBuffer whole = UserBuffer.allocate(10, 8000);
        UserBuffer head = whole.prefix(5000);
        byte[] data = {1, 2, 3};
        head.write(4090, data, 0, 3);
        assertSame(whole.pageAt(4090), head.pageAt(4090));
        assertArrayEquals(data, whole.read(4090, 3));
        assertEquals(5000, head.length());
        assertEquals(whole.offsetInPage(7), head.offsetInPage(7));
    }

    @Test
    void prefix_longerThanTheBuffer_isABug() {
        assertThrows(IllegalArgumentException.class, () -> UserBuffer.allocate(4).prefix(5));
    }
}
