package dev.kemu.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The kernel's forward memcpy: overlapping copies smear the way {@code rep movsb} does. */
class MemcpyTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void forward_destinationAboveSourceOverlapping_smearsWithPeriodOfTheDistance() {
        byte[] b = bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        Memcpy.forward(b, 0, b, 2, 20);
        assertEquals("ABABABABABABABABABABABWXYZ", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void forward_distanceOne_repeatsTheFirstByte() {
        byte[] b = bytes("ABCDEFGH");
        Memcpy.forward(b, 0, b, 1, 7);
        assertEquals("AAAAAAAA", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void forward_destinationBelowSource_isLikeMemmove() {
        byte[] b = bytes("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        Memcpy.forward(b, 2, b, 0, 20);
        assertEquals("CDEFGHIJKLMNOPQRSTUVUVWXYZ", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void forward_disjointArrays_copiesPlainly() {
        byte[] src = bytes("hello");
        byte[] dst = new byte[7];
        Memcpy.forward(src, 1, dst, 2, 4);
        assertEquals("\0\0ello\0", new String(dst, StandardCharsets.US_ASCII));
    }
}
