package dev.kemu.pipe;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Locking two pipes ({@code fs/pipe.c:pipe_double_lock()}): the lower {@link Pipe#id()} is
 * always taken first whatever the argument order, so splice A→B and B→A cannot deadlock; the
 * same pipe twice is a bug (callers answer EINVAL first, which a held lock proves: the call
 * returns without waiting for it).
 */
class PipeLocksTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, SECONDS), "a test thread did not stop");
    }

    private static Pipe[] lowAndHigh() {
        Pipe a = new Pipe(null, Pipe.DEF_BUFFERS);
        Pipe b = new Pipe(null, Pipe.DEF_BUFFERS);
        return a.id() < b.id() ? new Pipe[] {a, b} : new Pipe[] {b, a};
    }

    /** Waits, at most ten seconds, until {@code t} queues for {@code pipe}'s mutex. */
    private static void awaitQueued(Pipe pipe, Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (!pipe.mutex().hasQueuedThread(t)) {
            assertTrue(System.nanoTime() < deadline, t + " never queued for " + pipe);
            Thread.sleep(1);
        }
    }

    @Test
    void lockTwo_eitherArgumentOrder_returnsLowerIdFirst() {
        Pipe[] p = lowAndHigh();

        Pipe first = PipeLocks.lockTwo(p[1], p[0]);
        try {
            assertSame(p[0], first);
            assertTrue(p[0].mutex().isHeldByCurrentThread());
            assertTrue(p[1].mutex().isHeldByCurrentThread());
        } finally {
            PipeLocks.unlockTwo(p[1], p[0], first);
        }
        assertFalse(p[0].mutex().isLocked());
        assertFalse(p[1].mutex().isLocked());

        first = PipeLocks.lockTwo(p[0], p[1]);
        try {
            assertSame(p[0], first);
        } finally {
            PipeLocks.unlockTwo(p[0], p[1], first);
        }
        assertFalse(p[0].mutex().isLocked());
        assertFalse(p[1].mutex().isLocked());
    }

    @Test
    void lockTwo_samePipe_throwsIllegalArgumentException() {
        Pipe p = new Pipe(null, Pipe.DEF_BUFFERS);

        assertThrows(IllegalArgumentException.class, () -> PipeLocks.lockTwo(p, p));
        assertFalse(p.mutex().isLocked());
    }

    @Test
    void lockTwo_higherHeldElsewhere_holdsLowerWhileWaitingForHigher() throws Exception {
        Pipe[] p = lowAndHigh();
        Pipe low = p[0];
        Pipe high = p[1];
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Thread[] locker = new Thread[1];
        high.mutex().lock();
        Future<Pipe> both;
        try {
            both = threads.submit(() -> {
                locker[0] = Thread.currentThread();
                started.countDown();
                Pipe first = PipeLocks.lockTwo(high, low);
                release.await();
                PipeLocks.unlockTwo(high, low, first);
                return first;
            });
            assertTrue(started.await(10, SECONDS));
            awaitQueued(high, locker[0]);

            // Arguments came high-first, yet the low pipe was taken first.
            assertTrue(low.mutex().isLocked());
            assertFalse(low.mutex().isHeldByCurrentThread());
        } finally {
            high.mutex().unlock();
        }
        release.countDown();
        assertSame(low, both.get(10, SECONDS));
    }

    @Test
    void lockTwo_opposingOrdersFromManyThreads_neverDeadlocks() throws Exception {
        Pipe[] p = lowAndHigh();
        int rounds = 20_000;
        Future<?> ab = threads.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                Pipe first = PipeLocks.lockTwo(p[0], p[1]);
                PipeLocks.unlockTwo(p[0], p[1], first);
            }
        });
        Future<?> ba = threads.submit(() -> {
            for (int i = 0; i < rounds; i++) {
                Pipe first = PipeLocks.lockTwo(p[1], p[0]);
                PipeLocks.unlockTwo(p[1], p[0], first);
            }
        });

        ab.get(30, SECONDS);
        ba.get(30, SECONDS);
        assertFalse(p[0].mutex().isLocked());
        assertFalse(p[1].mutex().isLocked());
    }

    @Test
    void splice_samePipeWhileItsLockIsHeld_returnsEinvalWithoutWaiting() throws Exception {
        Machine m = Machine.boot();
        Task t = m.newTask();
        int[] p = m.pipe(t, 0);
        assertEquals(1, m.write(t, p[1], "x"));
        Pipe pipe = Machine.pipeOf(t, p[0]);
        Task splicer = m.thread(t);
        Task teer = m.thread(t);

        pipe.mutex().lock();
        try {
            Future<Long> splice = threads.submit(() -> m.splice(splicer, p[0], p[1], 1, 0));
            Future<Long> tee = threads.submit(() -> m.tee(teer, p[0], p[1], 1, 0));

            assertEquals(Errno.EINVAL.neg(), splice.get(10, SECONDS));
            assertEquals(Errno.EINVAL.neg(), tee.get(10, SECONDS));
        } finally {
            pipe.mutex().unlock();
        }
    }
}
