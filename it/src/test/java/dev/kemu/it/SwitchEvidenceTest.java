package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.RealRecordings;
import dev.kemu.replay.SwitchEvidence;
import dev.kemu.replay.SwitchEvidence.Recording;
import dev.kemu.replay.SwitchEvidence.Witness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The switch evidence: a real recording bears out a switch when it passes on its release and
 * fails with that switch flipped; the table {@code kemu kernels} shows
 * ({@code traces/switch-evidence.tsv}) says nothing the recordings do not show.
 */
class SwitchEvidenceTest {
    private static final Kernels KERNELS = Kernels.discover();
    private final SwitchEvidence evidence = new SwitchEvidence(KERNELS, BootOptions.standard());

    private static Recording recording(String dir, String file) {
        return new Recording(RealRecordings.release(dir), dir + "/" + file, Traces.parse(Traces.dir(dir).resolve(file)));
    }

    @Test
    void dirtyPipeRecording_onBothSides_witnessesDirtyPipe() throws Exception {
        List<Witness> vulnerable = evidence.of(recording("linux-5.10.89", "dirtypipe.strace"));
        assertTrue(vulnerable.contains(new Witness("DIRTY_PIPE", true, "5.10.89", "linux-5.10.89/dirtypipe.strace")),
                vulnerable::toString);
        List<Witness> fixed = evidence.of(recording("linux-6.18.44-fc-v1300", "dirtypipe.strace"));
        assertTrue(fixed.contains(new Witness("DIRTY_PIPE", false, "6.18.44", "linux-6.18.44-fc-v1300/dirtypipe.strace")),
                fixed::toString);
    }

    @Test
    void recording_failingOnItsRelease_isEvidenceForNothing() throws Exception {
        // Dirty Pipe as a real 5.10.89 did it, claimed for 6.18, which is fixed: no pass, no evidence.
        Recording wrong = new Recording("6.18", "dirtypipe-as-6.18",
                Traces.parse(Traces.dir("linux-5.10.89").resolve("dirtypipe.strace")));
        assertEquals(List.of(), evidence.of(wrong));
        List<String> told = new java.util.ArrayList<>();
        assertEquals(List.of(), evidence.find(List.of(wrong), r -> { }, told::add));
        assertEquals(1, told.size(), told::toString);
        assertTrue(told.get(0).startsWith("dirtypipe-as-6.18: not evidence: FAIL on 6.18 at line "), told::toString);
    }

    @Test
    void recording_thatNoSwitchTouches_witnessesNothing() throws Exception {
        List<Witness> w = evidence.of(recording("linux-5.10.89", "file_append_writes.strace"));
        assertEquals(List.of(), w);
    }

    /** The check below catches a planted false claim: the wrong side, or a switch the log never touches. */
    @Test
    void falseClaims_areNotFound() throws Exception {
        List<Witness> found = evidence.of(recording("linux-5.10.89", "dirtypipe.strace"),
                s -> s.name().equals("DIRTY_PIPE") || s.name().equals("TMPFS_USER_XATTR"));
        assertFalse(found.contains(new Witness("DIRTY_PIPE", false, "5.10.89", "linux-5.10.89/dirtypipe.strace")));
        assertFalse(found.contains(new Witness("TMPFS_USER_XATTR", false, "5.10.89", "linux-5.10.89/dirtypipe.strace")));
        assertEquals(List.of(new Witness("DIRTY_PIPE", true, "5.10.89", "linux-5.10.89/dirtypipe.strace")), found);
    }

    /** Every line of the checked-in table holds: recomputed per recording, the claimed switch and side are found. */
    @Test
    void checkedInTable_everyClaim_holds() throws Exception {
        Path table = Traces.dir("linux-6.18").getParent().resolve("switch-evidence.tsv");
        List<Witness> claimed = SwitchEvidence.read(table);
        assertFalse(claimed.isEmpty(), "the table is empty");
        Map<String, Set<Witness>> byRecording = claimed.stream()
                .collect(Collectors.groupingBy(Witness::recording, TreeMap::new, Collectors.toSet()));
        for (Map.Entry<String, Set<Witness>> e : byRecording.entrySet()) {
            String[] parts = e.getKey().split("/", 2);
            Set<String> names = e.getValue().stream().map(Witness::switchName).collect(Collectors.toSet());
            Set<Witness> found = Set.copyOf(evidence.of(recording(parts[0], parts[1]), s -> names.contains(s.name())));
            for (Witness w : e.getValue()) {
                assertTrue(found.contains(w), () -> "claimed but not shown: " + w.line() + " (found " + found + ")");
            }
        }
    }
}
