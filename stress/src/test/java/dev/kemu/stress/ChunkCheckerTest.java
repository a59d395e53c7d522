package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCheckerTest {
    private static final int STREAMS = 4;

    private final ArrayDeque<RunBatch> queue = new ArrayDeque<>();
    private final TaskStats stats = new TaskStats();
    private final RunLog log = new RunLog(queue, () -> true);
    private final ChunkChecker checker = new ChunkChecker(Units.SALT, STREAMS, STREAMS, 2, log, stats);

    private void check(Units u, ChunkChecker.Kind kind) {
        checker.check(u.buffer(), u.length(), kind, 0);
    }

    /** The runs reported so far, as {stream, first, count, kind}. */
    private List<long[]> runs() {
        log.flush();
        List<long[]> out = new ArrayList<>();
        for (RunBatch b : queue) {
            for (int i = 0; i < b.size; i++) {
                long e0 = b.data[2 * i];
                long e1 = b.data[2 * i + 1];
                out.add(new long[] {UnitCodec.stream(e0), UnitCodec.serial(e0), e1 >>> 1, e1 & 1});
            }
        }
        return out;
    }

    @Test
    void check_wholeRecordsOfTwoStreams_findsNothingAndReportsOneRunPerStreamStretch() {
        check(new Units().whole(1, 0, 3).whole(1, 3, 2).whole(2, 0, 4).whole(1, 5, 1), ChunkChecker.Kind.STRICT);

        assertEquals(0, stats.tornRecords);
        List<long[]> runs = runs();
        assertEquals(3, runs.size());
        assertArrayEquals(new long[] {1, 0, 5, RunBatch.READ}, runs.get(0));
        assertArrayEquals(new long[] {2, 0, 4, RunBatch.READ}, runs.get(1));
        assertArrayEquals(new long[] {1, 5, 1, RunBatch.READ}, runs.get(2));
    }

    @Test
    void check_atomicRecordCutShortInsideTheChunk_countsATornRecord() {
        check(new Units().record(1, 0, 4, 0, 2, UnitCodec.ATOMIC).whole(2, 0, 3), ChunkChecker.Kind.STRICT);

        assertEquals(1, stats.tornRecords);
    }

    @Test
    void check_atomicRecordStartingAfterItsFirstUnitInsideTheChunk_countsATornRecord() {
        check(new Units().whole(2, 0, 3).record(1, 0, 4, 2, 4, UnitCodec.ATOMIC), ChunkChecker.Kind.STRICT);

        assertEquals(1, stats.tornRecords);
    }

    @Test
    void check_recordsCutAtTheChunkEdges_areNotTorn() {
        check(new Units().record(1, 0, 4, 2, 4, UnitCodec.ATOMIC).whole(2, 0, 3).record(3, 0, 5, 0, 2, UnitCodec.ATOMIC),
                ChunkChecker.Kind.STRICT);

        assertEquals(0, stats.tornRecords);
    }

    @Test
    void check_nonAtomicRecordCut_isNotTorn() {
        check(new Units().record(1, 0, 4, 0, 2, 0).whole(2, 0, 3).record(1, 0, 4, 2, 4, 0), ChunkChecker.Kind.STRICT);

        assertEquals(0, stats.tornRecords);
    }

    @Test
    void check_cutRecordInAPipeTakingPartialMoves_isNotTorn() {
        check(new Units().record(1, 0, 4, 0, 2, UnitCodec.ATOMIC).whole(2, 0, 3), ChunkChecker.Kind.TOLERANT);

        assertEquals(0, stats.tornRecords);
    }

    @Test
    void check_streamGoingBackInAStrictPipe_countsAnOrderViolation() {
        check(new Units().whole(1, 10, 3), ChunkChecker.Kind.STRICT);
        check(new Units().whole(1, 4, 2), ChunkChecker.Kind.STRICT);

        assertEquals(1, stats.orderViolations);
        assertEquals(1, stats.tornRecords);
    }

    @Test
    void check_afterResetOrder_earlierSerialsAreFine() {
        check(new Units().whole(1, 10, 3), ChunkChecker.Kind.STRICT);
        checker.resetOrder(0);
        check(new Units().whole(1, 4, 2), ChunkChecker.Kind.STRICT);

        assertEquals(0, stats.orderViolations);
    }

    @Test
    void check_changedByte_countsACorruptUnit() {
        Units u = new Units().whole(1, 0, 3);
        u.buffer().pageAt(20).data()[20] ^= 1;
        check(u, ChunkChecker.Kind.TOLERANT);

        assertEquals(1, stats.corruptUnits);
        assertEquals(1, stats.tornRecords);
    }

    @Test
    void check_lengthNotAMultipleOfTheUnit_countsATornRecord() {
        Units u = new Units().whole(1, 0, 3);
        checker.check(u.buffer(), u.length() - 5, ChunkChecker.Kind.TOLERANT, 0);

        assertEquals(1, stats.tornRecords);
    }

    @Test
    void check_laneUnitInADataPipe_isCorrupt() {
        check(new Units().whole(STREAMS + 1, 0, 2), ChunkChecker.Kind.TOLERANT);

        assertEquals(2, stats.corruptUnits);
    }

    @Test
    void check_mirrorAndLaneChunks_reportNoRunsToTheTracker() {
        check(new Units().whole(1, 0, 3), ChunkChecker.Kind.MIRROR);
        check(new Units().whole(STREAMS + 1, 0, 3), ChunkChecker.Kind.LANE);

        assertEquals(0, stats.tornRecords);
        assertEquals(0, runs().size());
    }
}
