package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Behaviour switches keyed by version ranges per stable branch. */
class VersionRangesTest {
    private static final VersionRanges DIRTY_PIPE =
            VersionRanges.since("5.8").until("5.17").backportedTo("5.16.11", "5.15.25", "5.10.102");

    private static boolean on(VersionRanges r, String v) {
        return r.contains(KernelVersion.of(v));
    }

    @Test
    void dirtyPipe_heldFrom58_untilEachBranchsFix() {
        assertFalse(on(DIRTY_PIPE, "5.7"));
        assertTrue(on(DIRTY_PIPE, "5.8"));
        assertTrue(on(DIRTY_PIPE, "5.10.101"));
        assertFalse(on(DIRTY_PIPE, "5.10.102"));
        assertTrue(on(DIRTY_PIPE, "5.11"));
        assertTrue(on(DIRTY_PIPE, "5.15.24"));
        assertFalse(on(DIRTY_PIPE, "5.15.25"));
        assertTrue(on(DIRTY_PIPE, "5.16.10"));
        assertFalse(on(DIRTY_PIPE, "5.16.11"));
        assertFalse(on(DIRTY_PIPE, "5.17"));
        assertFalse(on(DIRTY_PIPE, "6.18"));
    }

    @Test
    void backportedIntroduction_holdsOnOlderBranchFromItsPatchLevel() {
        VersionRanges exdev = VersionRanges.since("5.19").alsoFrom("5.10.198", "5.15.100");
        assertFalse(on(exdev, "5.10.197"));
        assertTrue(on(exdev, "5.10.198"));
        assertFalse(on(exdev, "5.15"));
        assertTrue(on(exdev, "5.15.100"));
        assertFalse(on(exdev, "5.18"));
        assertTrue(on(exdev, "5.19"));
        assertFalse(on(exdev, "5.4.286"));
    }

    @Test
    void variantSuffix_isIgnored() {
        assertTrue(on(VersionRanges.always(), "3.10+cfr"));
        assertFalse(on(VersionRanges.since("4.5"), "3.10.0-1160.el7"));
    }
}
