package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Six tasks writing, reading, splicing and teeing three pipes in every direction, with blocking
 * calls (DESIGN.md §3). Two things must hold: every task can be stopped by a signal however the
 * calls interleaved (a lock-order deadlock would leave threads stuck in {@code lock()}, which no
 * signal breaks), and no byte is lost or duplicated — bytes still queued equal bytes written plus
 * bytes tee'd (tee duplicates by design) minus bytes read.
 */
class SpliceTeeStressTest {
    private static final int PIPES = 3;
    private static final int CALLS = 20_000;
    /**
     * A pipeline that can always make progress — a producer into pipe 0, movers 0→1 and 1→2, a
     * consumer of pipe 2 — plus two tasks splicing and teeing between random pipes in any
     * direction, which may block.
     */
    private static final String[] ROLES = {"producer", "mover01", "mover12", "consumer", "noise", "noise"};

    private enum Kind { WRITE, READ, SPLICE, TEE }

    private record Op(Kind kind, int from, int to, int len) {
    }

    private static Op next(String role, SplittableRandom rnd) {
        switch (role) {
            case "producer":
                return new Op(Kind.WRITE, 0, 0, 1 + rnd.nextInt(300));
            case "mover01":
                return new Op(Kind.SPLICE, 0, 1, 1 + rnd.nextInt(9000));
            case "mover12":
                return new Op(Kind.SPLICE, 1, 2, 1 + rnd.nextInt(9000));
            case "consumer":
                return new Op(Kind.READ, 2, 2, 1 + rnd.nextInt(6000));
            default:
                int from = rnd.nextInt(PIPES);
                int to = (from + 1 + rnd.nextInt(PIPES - 1)) % PIPES;
                return new Op(rnd.nextBoolean() ? Kind.SPLICE : Kind.TEE, from, to, 1 + rnd.nextInt(9000));
        }
    }

    @RepeatedTest(20)
    void anyOperation_anyDirectionFromSixTasks_stopsOnSignalAndCountsEveryByte() throws Exception {
        Machine m = Machine.boot();
        Task t = m.newTask();
        int[][] p = new int[PIPES][];
        for (int i = 0; i < PIPES; i++) {
            p[i] = m.pipe(t, 0);
        }
        AtomicLong in = new AtomicLong();
        AtomicLong out = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        long seed = System.nanoTime();
        CountDownLatch enoughCalls = new CountDownLatch(1);

        TaskThreads threads = new TaskThreads();
        try {
            for (int k = 0; k < ROLES.length; k++) {
                Task task = m.thread(t);
                SplittableRandom rnd = new SplittableRandom(seed + k);
                String role = ROLES[k];
                threads.start(task, () -> {
                    while (!stop.get()) {
                        Op op = next(role, rnd);
                        long r;
                        switch (op.kind()) {
                            case WRITE:
                                r = m.write(task, p[op.from()][1], new byte[op.len()]);
                                break;
                            case READ:
                                r = m.read(task, p[op.from()][0], op.len()).ret();
                                break;
                            case SPLICE:
                                r = m.splice(task, p[op.from()][0], p[op.to()][1], op.len(), 0);
                                break;
                            default:
                                r = m.tee(task, p[op.from()][0], p[op.to()][1], op.len(), 0);
                                break;
                        }
                        if (r == Errno.ERESTARTSYS.neg()) {
                            continue;
                        }
                        assertTrue(r >= 0, op + " returned " + r);
                        if (op.kind() == Kind.WRITE || op.kind() == Kind.TEE) {
                            in.addAndGet(r);
                        } else if (op.kind() == Kind.READ) {
                            out.addAndGet(r);
                        }
                        if (calls.incrementAndGet() == CALLS) {
                            enoughCalls.countDown();
                        }
                    }
                    return null;
                });
            }
            // The pipeline always progresses; the noise tasks may sleep for good (teeing from an
            // empty pipe nobody fills). The run ends after CALLS calls, by signals.
            assertTrue(enoughCalls.await(10, TimeUnit.SECONDS), "only " + calls + " calls in 10 s; " + threads.sleepers());
            stop.set(true);
            if (!threads.interruptAll(10_000)) {
                fail("tasks did not stop on signals; " + threads.sleepers());
            }
            threads.awaitAll(1_000);
        } finally {
            stop.set(true);
            threads.close();
        }

        long queued = 0;
        for (int i = 0; i < PIPES; i++) {
            assertEquals(0, m.fcntl(t, p[i][0], Fcntl.F_SETFL, Fcntl.O_NONBLOCK));
            for (;;) {
                long r = m.read(t, p[i][0], 65536).ret();
                if (r == Errno.EAGAIN.neg()) {
                    break;
                }
                assertTrue(r > 0, "drain read " + r);
                queued += r;
            }
        }
        assertTrue(out.get() > 0, "the consumer read nothing");
        assertEquals(in.get() - out.get(), queued, "bytes in " + in + ", out " + out + ", calls " + calls + " (seed " + seed + ")");
    }
}
