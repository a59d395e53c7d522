package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Version strings as users write them. */
class KernelVersionTest {
    @Test
    void parse_variantsAndStableReleases() {
        assertEquals(new KernelVersion(3, 10, 0, false, "+cfr"), KernelVersion.parse("3.10+cfr"));
        assertEquals(new KernelVersion(3, 10, 0, true, "-1160.el7"), KernelVersion.parse("3.10.0-1160.el7"));
        assertEquals(new KernelVersion(5, 10, 102, true, ""), KernelVersion.parse("5.10.102"));
        assertEquals("6.18", KernelVersion.parse("6.18").toString());
    }

    @Test
    void parse_garbage_isNull() {
        assertNull(KernelVersion.parse("upstream"));
        assertNull(KernelVersion.parse("6"));
        assertNull(KernelVersion.parse("6.18.x"));
        assertNull(KernelVersion.parse(""));
    }

    @Test
    void ordering_comparesNumericallyNotAsText() {
        assertTrue(KernelVersion.of("5.10").compareTo(KernelVersion.of("5.9")) > 0);
        assertTrue(KernelVersion.of("5.10.102").compareTo(KernelVersion.of("5.10.11")) > 0);
        assertTrue(KernelVersion.of("5.10").atLeast("5.10"));
        assertTrue(KernelVersion.of("4.20").below("5.0"));
    }
}
