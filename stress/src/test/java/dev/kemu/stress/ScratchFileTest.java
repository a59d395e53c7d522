package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchFileTest {
    private final ScratchFile f = new ScratchFile(7, "/f");

    @Test
    void appended_nextExtent_startsOnAFreshPage() {
        f.appended(f.writeOffset(), 100);
        assertEquals(4096, f.writeOffset());
        f.appended(f.writeOffset(), 4096);
        assertEquals(8192, f.writeOffset());
    }

    @Test
    void consumed_takesFromTheOldestExtentFirst() {
        f.appended(0, 100);
        f.appended(4096, 48);
        f.consumed(64);

        assertEquals(64, f.headStart());
        assertEquals(36, f.headLength());
        f.consumed(36);
        assertEquals(4096, f.headStart());
        assertArrayEquals(new long[] {4096, 4144}, f.extents()[0]);
    }

    @Test
    void needsRotation_onlyWhenFullAndDrained() {
        long off = 0;
        while (f.hasRoom()) {
            f.appended(off, 16);
            off = f.writeOffset();
        }
        assertFalse(f.needsRotation());
        while (!f.isEmpty()) {
            f.consumed(16);
        }
        assertTrue(f.needsRotation());

        f.rotated();
        assertEquals(0, f.writeOffset());
        assertTrue(f.hasRoom());
    }
}
