package dev.kemu.stress;

import java.util.Queue;
import java.util.function.BooleanSupplier;

/**
 * The producer side of the exactly-once check: one per worker (and one for the final drain). It
 * collects runs of serials into a {@link RunBatch} and hands each full batch to the tracker's
 * queue; when the queue is full it waits for the tracker, as long as the tracker lives.
 */
final class RunLog {
    private final Queue<RunBatch> queue;
    private final BooleanSupplier consumerAlive;
    private RunBatch batch = new RunBatch();

    RunLog(Queue<RunBatch> queue, BooleanSupplier consumerAlive) {
        this.queue = queue;
        this.consumerAlive = consumerAlive;
    }

    void read(int stream, long first, long count) {
        add(stream, first, count, RunBatch.READ);
    }

    void voided(int stream, long first, long count) {
        if (count > 0) {
            add(stream, first, count, RunBatch.VOID);
        }
    }

    private void add(int stream, long first, long count, int kind) {
        batch.add(stream, first, count, kind);
        if (batch.full()) {
            flush();
        }
    }

    /** Hands the current batch over (a release: the queue's offer publishes the batch's contents). */
    void flush() {
        if (batch.size == 0) {
            return;
        }
        while (!queue.offer(batch)) {
            if (!consumerAlive.getAsBoolean()) {
                break;
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        batch = new RunBatch();
    }
}
