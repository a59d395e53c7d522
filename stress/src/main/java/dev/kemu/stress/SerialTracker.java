package dev.kemu.stress;

import java.util.Queue;
import java.util.concurrent.locks.LockSupport;

/**
 * The consumer side of the exactly-once check: one thread that takes run batches off the queue
 * every worker offers to, and marks them in one {@link SerialWindow} per data stream. Its
 * results are read after {@link #close()} and a join of its thread.
 */
final class SerialTracker implements Runnable {
    private static final long IDLE_NANOS = 1_000_000;
    private final Queue<RunBatch> queue;
    private final SerialWindow[] windows;
    private volatile boolean closing;
    private volatile boolean alive = true;
    private volatile Throwable failure;
    private long voidedUnits;
    private long foreignUnits;

    SerialTracker(Queue<RunBatch> queue, int streams) {
        this.queue = queue;
        this.windows = new SerialWindow[streams];
        for (int i = 0; i < streams; i++) {
            windows[i] = new SerialWindow();
        }
    }

    @Override
    public void run() {
        try {
            for (;;) {
                RunBatch b = queue.poll();
                if (b != null) {
                    apply(b);
                } else if (closing) {
                    // closing is set after every producer flushed; one more empty poll ends it.
                    if ((b = queue.poll()) == null) {
                        return;
                    }
                    apply(b);
                } else {
                    // Nobody waits for the verdict until the end: poll lazily, leave the CPU to the tasks.
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            alive = false;
        }
    }

    /** What ended the tracker early, or null (read after its thread was joined). */
    Throwable failure() {
        return failure;
    }

    /** Applies one batch (the tracker thread, or a test). */
    void apply(RunBatch b) {
        for (int i = 0; i < b.size; i++) {
            long e0 = b.data[2 * i];
            long e1 = b.data[2 * i + 1];
            int stream = UnitCodec.stream(e0);
            long count = e1 >>> 1;
            if (stream >= windows.length) {
                foreignUnits += count;
                continue;
            }
            windows[stream].mark(UnitCodec.serial(e0), count);
            if ((e1 & 1) == RunBatch.VOID) {
                voidedUnits += count;
            }
        }
    }

    /** No more batches will be offered once the queue is empty. */
    void close() {
        closing = true;
    }

    boolean alive() {
        return alive;
    }

    /** Units never accounted for, given how many serials each stream handed out. */
    long lostUnits(long[] allocated) {
        long n = 0;
        for (int i = 0; i < windows.length; i++) {
            n += windows[i].missingBelow(allocated[i]);
        }
        return n;
    }

    /** Units accounted for twice, or that were never handed out, or of no data stream. */
    long duplicatedUnits(long[] allocated) {
        long n = foreignUnits;
        for (int i = 0; i < windows.length; i++) {
            n += windows[i].duplicates() + windows[i].markedFrom(allocated[i]);
        }
        return n;
    }

    long voidedUnits() {
        return voidedUnits;
    }
}
