package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpscArrayQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SerialTrackerTest {
    @Test
    void apply_readAndVoidedRuns_accountForEverySerial() {
        SerialTracker t = new SerialTracker(new java.util.ArrayDeque<>(), 2);
        RunBatch b = new RunBatch();
        b.add(0, 0, 10, RunBatch.READ);
        b.add(0, 10, 5, RunBatch.VOID);
        b.add(1, 0, 7, RunBatch.READ);
        t.apply(b);

        long[] allocated = {15, 8};
        assertEquals(1, t.lostUnits(allocated));
        assertEquals(0, t.duplicatedUnits(allocated));
        assertEquals(5, t.voidedUnits());
    }

    @Test
    void apply_unitOfNoDataStreamOrNeverHandedOut_countsAsDuplicated() {
        SerialTracker t = new SerialTracker(new java.util.ArrayDeque<>(), 1);
        RunBatch b = new RunBatch();
        b.add(0, 0, 12, RunBatch.READ);
        b.add(9, 0, 3, RunBatch.READ);
        t.apply(b);

        assertEquals(2 + 3, t.duplicatedUnits(new long[] {10}));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void run_twoProducersThroughTheQueue_everyRunArrives() throws Exception {
        Queue<RunBatch> q = new MpscArrayQueue<>(8);
        SerialTracker t = new SerialTracker(q, 2);
        Thread consumer = new Thread(t);
        consumer.start();
        CountDownLatch go = new CountDownLatch(1);
        Thread[] producers = new Thread[2];
        for (int p = 0; p < 2; p++) {
            int stream = p;
            producers[p] = new Thread(() -> {
                RunLog log = new RunLog(q, t::alive);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long s = 0; s < 200_000; s += 2) {
                    log.read(stream, s, 2);
                }
                log.flush();
            });
            producers[p].start();
        }
        go.countDown();
        for (Thread p : producers) {
            p.join(15_000);
            assertFalse(p.isAlive());
        }
        t.close();
        consumer.join(15_000);

        assertFalse(consumer.isAlive());
        long[] allocated = {200_000, 200_000};
        assertEquals(0, t.lostUnits(allocated));
        assertEquals(0, t.duplicatedUnits(allocated));
    }
}
