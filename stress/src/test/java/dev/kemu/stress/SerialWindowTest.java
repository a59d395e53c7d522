package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SerialWindowTest {
    @Test
    void mark_everySerialOnceInAnyOrder_nothingMissingNoDuplicates() {
        SerialWindow w = new SerialWindow();
        w.mark(100, 900);
        w.mark(0, 60);
        w.mark(60, 40);

        assertEquals(0, w.missingBelow(1000));
        assertEquals(0, w.duplicates());
        assertEquals(0, w.markedFrom(1000));
    }

    @Test
    void mark_serialTwice_countsADuplicateInsideAndBelowTheWindow() {
        SerialWindow w = new SerialWindow();
        w.mark(0, 200);
        w.mark(5, 3);
        w.mark(300, 10);
        w.mark(305, 10);

        assertEquals(8, w.duplicates());
    }

    @Test
    void missingBelow_gap_countsTheUnmarkedSerials() {
        SerialWindow w = new SerialWindow();
        w.mark(0, 10);
        w.mark(17, 100);

        assertEquals(7, w.missingBelow(117));
        assertEquals(7 + 3, w.missingBelow(120));
    }

    @Test
    void markedFrom_serialsBeyondWhatWasHandedOut_areCounted() {
        SerialWindow w = new SerialWindow();
        w.mark(0, 150);

        assertEquals(50, w.markedFrom(100));
        assertEquals(0, w.missingBelow(100));
    }

    @Test
    void mark_farAheadOfTheBase_growsTheWindowAndLosesNothing() {
        SerialWindow w = new SerialWindow();
        w.mark(1_000_000, 64);
        w.mark(1, 999_999);
        w.mark(0, 1);

        assertEquals(0, w.missingBelow(1_000_064));
        assertEquals(0, w.duplicates());
    }
}
