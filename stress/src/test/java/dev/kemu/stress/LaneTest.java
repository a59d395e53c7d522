package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LaneTest {
    private final Lane.Gen first = new Lane.Gen(0, new Ends(3, 4, true, null));
    private final Lane lane = new Lane(0, first);

    @Test
    void beginClose_endInUse_isRefusedUntilReleased() {
        assertSame(first, lane.acquire(true));
        assertNull(lane.beginClose(true));

        lane.release(true);
        assertSame(first, lane.beginClose(true));
    }

    @Test
    void acquire_closedOrClosingEnd_fails() {
        lane.beginClose(false);
        assertNull(lane.acquire(false));
        lane.closed(false);
        assertNull(lane.acquire(false));
        assertNotNull(lane.acquire(true));
    }

    @Test
    void beginReopen_oneEndStillOpen_isRefused() {
        lane.beginClose(true);
        lane.closed(true);

        assertNull(lane.beginReopen());
        assertFalse(lane.readOpen());
    }

    @Test
    void publish_afterBothEndsClosed_opensBothWithTheNewGeneration() {
        lane.beginClose(true);
        lane.closed(true);
        lane.beginClose(false);
        lane.closed(false);
        assertSame(first, lane.beginReopen());
        assertNull(lane.beginReopen(), "only one task reopens");

        Lane.Gen next = new Lane.Gen(1, new Ends(5, 6, false, null));
        lane.publish(next);

        assertSame(next, lane.acquire(true));
        assertSame(next, lane.acquire(false));
        assertTrue(lane.readOpen());
        assertEquals(1, lane.current().number());
    }
}
