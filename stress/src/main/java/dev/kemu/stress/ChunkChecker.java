package dev.kemu.stress;

import dev.kemu.vfs.Page;
import dev.kemu.vfs.UserBuffer;
import java.util.Arrays;

/**
 * Checks the bytes one read returned, in the reading thread (one checker per worker).
 *
 * <p>Every chunk: its length is a multiple of 16 and every unit decodes and belongs to a stream
 * that may be in this kind of pipe (else a torn record / a corrupt unit). In addition:
 * <ul>
 * <li>{@linkplain Kind#STRICT strict} pipes (W pipes, lanes) take no partial moves in, so an
 *     atomic record there is never split: inside a chunk, a record that stops before its last
 *     unit, or one that starts after its first, is torn (a chunk may still begin inside a
 *     record whose head was consumed, and end inside one the read length cut). A task's reads
 *     of one strict pipe see each stream's serials strictly increasing (FIFO pipe, one writer
 *     per stream, consumers take prefixes only);
 * <li>tracked pipes (W, S, files) report each run of consecutive serials to the tracker, which
 *     proves every unit is read exactly once.
 * </ul>
 */
final class ChunkChecker {
    /** What a chunk came out of. */
    enum Kind {
        /** A W pipe: data streams, strict, tracked. */
        STRICT(true, true, false),
        /** An S pipe or a file: data streams, tracked. */
        TOLERANT(false, true, false),
        /** A mirror: data streams, counted, not tracked (tee duplicates on purpose). */
        MIRROR(false, false, false),
        /** A lane: lane streams, strict, counted. */
        LANE(true, false, true);

        final boolean strict;
        final boolean tracked;
        final boolean lane;

        Kind(boolean strict, boolean tracked, boolean lane) {
            this.strict = strict;
            this.tracked = tracked;
            this.lane = lane;
        }
    }

    private final long salt;
    private final int dataStreams;
    private final int laneBase;
    private final RunLog log;
    private final TaskStats stats;
    private final long[][] lastSerial;

    private int runStream;
    private long runFirst;
    private long runCount;

    /**
     * @param orderKeys how many strict pipes (order is kept per strict pipe and stream)
     * @param laneBase the stream number of task 0's lane stream
     */
    ChunkChecker(long salt, int dataStreams, int laneBase, int orderKeys, RunLog log, TaskStats stats) {
        this.salt = salt;
        this.dataStreams = dataStreams;
        this.laneBase = laneBase;
        this.log = log;
        this.stats = stats;
        this.lastSerial = new long[orderKeys][dataStreams];
        for (long[] row : lastSerial) {
            Arrays.fill(row, -1);
        }
    }

    /** Forgets the order seen in one strict pipe (a lane got a new pipe). */
    void resetOrder(int orderKey) {
        Arrays.fill(lastSerial[orderKey], -1);
    }

    /**
     * Checks {@code n} bytes at the start of {@code buf} (page aligned).
     *
     * @param orderKey the strict pipe's order slot, ignored for other kinds
     */
    void check(UserBuffer buf, int n, Kind kind, int orderKey) {
        if (n % UnitCodec.UNIT != 0) {
            stats.tornRecords++;
            n -= n % UnitCodec.UNIT;
        }
        int lo = kind.lane ? laneBase : 0;
        boolean strict = kind.strict;
        long salt = this.salt;
        int streams = dataStreams;
        boolean prevValid = false;
        int prevStream = 0;
        long prevSerial = 0;
        int prevIdx = 0;
        int prevUnits = 0;
        int prevFlags = 0;
        runStream = -1;
        int pos = 0;
        while (pos < n) {
            Page page = buf.pageAt(pos);
            byte[] d = page.data();
            int off = buf.offsetInPage(pos);
            int end = Math.min(n, pos + Page.SIZE - off);
            for (; pos < end; pos += UnitCodec.UNIT, off += UnitCodec.UNIT) {
                long w0 = UnitCodec.word0At(d, off);
                long w1 = UnitCodec.word1At(d, off);
                int stream = UnitCodec.stream(w0) - lo;
                if (!UnitCodec.valid(w0, w1, salt) || stream < 0 || stream >= streams) {
                    stats.corruptUnits++;
                    stats.tornRecords++;
                    endRun(kind, orderKey);
                    prevValid = false;
                    continue;
                }
                long serial = UnitCodec.serial(w0);
                int idx = UnitCodec.index(w1);
                int units = UnitCodec.units(w1);
                int flags = UnitCodec.flags(w1);
                if (strict && prevValid) {
                    boolean continues = stream == prevStream && serial == prevSerial + 1 && idx == prevIdx + 1
                            && units == prevUnits;
                    if (!continues && ((prevIdx < prevUnits - 1 && (prevFlags & UnitCodec.ATOMIC) != 0)
                            || (idx > 0 && (flags & UnitCodec.ATOMIC) != 0))) {
                        stats.tornRecords++;
                    }
                }
                if (stream == runStream && serial == runFirst + runCount) {
                    runCount++;
                } else {
                    endRun(kind, orderKey);
                    runStream = stream;
                    runFirst = serial;
                    runCount = 1;
                }
                prevValid = true;
                prevStream = stream;
                prevSerial = serial;
                prevIdx = idx;
                prevUnits = units;
                prevFlags = flags;
            }
        }
        endRun(kind, orderKey);
    }

    private void endRun(Kind kind, int orderKey) {
        if (runStream < 0) {
            return;
        }
        if (kind.strict) {
            long[] last = lastSerial[orderKey];
            if (runFirst <= last[runStream]) {
                stats.orderViolations++;
                stats.tornRecords++;
            }
            last[runStream] = runFirst + runCount - 1;
        }
        if (kind.tracked) {
            log.read(runStream, runFirst, runCount);
        }
        runStream = -1;
    }
}
