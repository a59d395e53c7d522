package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Page;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpStreamTest {
    private static final Layout LAYOUT = Layout.forPipes(4);

    private static List<Op> draw(long seed, int index, int n) {
        OpStream s = new OpStream(seed, index, LAYOUT);
        List<Op> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.next());
        }
        return out;
    }

    @Test
    void next_sameSeedAndIndex_givesTheSameSequenceAndDigest() {
        OpStream a = new OpStream(1, 3, LAYOUT);
        OpStream b = new OpStream(1, 3, LAYOUT);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(a.next(), b.next());
        }
        assertEquals(a.digest(), b.digest());
    }

    @Test
    void next_otherIndexOrSeed_givesAnotherSequence() {
        assertNotEquals(draw(1, 3, 100), draw(1, 4, 100));
        assertNotEquals(draw(1, 3, 100), draw(2, 3, 100));
    }

    @Test
    void next_manyDraws_followTheWeights() {
        int n = 200_000;
        long[] count = new long[OpKind.values().length];
        for (Op op : draw(9, 0, n)) {
            count[op.kind().ordinal()]++;
        }
        for (OpKind k : OpKind.values()) {
            double expected = n * k.weight() / 1000.0;
            assertTrue(Math.abs(count[k.ordinal()] - expected) < 0.15 * expected + 50, k + ": " + count[k.ordinal()]);
        }
    }

    @Test
    void next_spliceBetweenSPipes_goesBothWaysBetweenEveryPair() {
        boolean[][] seen = new boolean[LAYOUT.s()][LAYOUT.s()];
        for (Op op : draw(5, 1, 100_000)) {
            if (op.kind() == OpKind.SPLICE_S_S) {
                assertNotEquals(op.a(), op.b());
                seen[op.a()][op.b()] = true;
            }
        }
        for (int a = 0; a < LAYOUT.s(); a++) {
            for (int b = 0; b < LAYOUT.s(); b++) {
                assertEquals(a != b, seen[a][b], a + " -> " + b);
            }
        }
    }

    @Test
    void next_laneWrites_neverExceedPipeBuf() {
        for (Op op : draw(11, 2, 100_000)) {
            if (op.kind() == OpKind.LANE_WRITE) {
                assertTrue(op.writeBytes() <= TaskContext.PIPE_BUF, op.toString());
            }
        }
    }

    @Test
    void next_vmspliceRecords_eachFitInItsPage() {
        for (Op op : draw(13, 2, 100_000)) {
            if (op.kind() == OpKind.VMSPLICE) {
                for (int i = 0; i < op.records(); i++) {
                    assertTrue(op.vmspliceOffset(i) + op.vmspliceUnits(i) * UnitCodec.UNIT <= Page.SIZE, op.toString());
                    assertEquals(0, op.vmspliceOffset(i) % UnitCodec.UNIT);
                }
            }
        }
    }

    @Test
    void next_lengths_areMultiplesOfTheUnit() {
        for (Op op : draw(17, 0, 100_000)) {
            if (op.kind() != OpKind.SET_PIPE_SIZE) {
                assertEquals(0, op.len() % UnitCodec.UNIT, op.toString());
            }
        }
    }
}
