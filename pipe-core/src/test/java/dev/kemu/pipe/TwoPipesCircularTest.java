package dev.kemu.pipe;

import static dev.kemu.pipe.Machine.SPLICE_F_NONBLOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two tasks splicing between two pipes in opposite directions at once (the scenario of gVisor's
 * {@code SpliceTest.TwoPipesCircular}): the two-pipe lock is taken in one global order, so
 * nothing deadlocks, and no byte is lost, duplicated or reordered.
 *
 * <p>The order check: every pipe-to-pipe splice takes a prefix of one pipe and appends it to the
 * other under both locks. Moving a prefix of A to the end of B turns the sequence A·B into a
 * rotation of itself; moving a prefix of B to the end of A leaves A·B as it was. So whatever the
 * interleaving, the bytes left in A followed by those left in B must be a rotation of the bytes
 * first put in.
 */
class TwoPipesCircularTest {
    private static final String FIRST = "ABCDEFGH";
    private static final String SECOND = "ijklmnop";

    private static boolean isRotation(String of, String s) {
        return of.length() == s.length() && (of + of).contains(s);
    }

    /** Closes the write ends and reads each pipe to EOF. */
    private static String drain(Machine m, Task t, int[] p) {
        StringBuilder sb = new StringBuilder();
        m.close(t, p[1]);
        for (;;) {
            Machine.Read r = m.read(t, p[0], 4096);
            assertTrue(r.ret() >= 0, "read " + r.ret());
            if (r.ret() == 0) {
                return sb.toString();
            }
            sb.append(r.text());
        }
    }

    @RepeatedTest(20)
    void splice_oneByteEachWayFromTwoTasks_neitherDeadlocksNorLosesAByte() throws Exception {
        Machine m = Machine.boot();
        Task t = m.newTask();
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        // At most 16 bytes in the system: one byte per slot, so neither ring can fill up.
        assertEquals(8, m.write(t, a[1], FIRST));
        assertEquals(8, m.write(t, b[1], SECOND));
        int iterations = 5_000;

        try (TaskThreads threads = new TaskThreads()) {
            Task ab = m.thread(t);
            Task ba = m.thread(t);
            threads.start(ab, () -> {
                for (int i = 0; i < iterations; i++) {
                    assertEquals(1, m.splice(ab, a[0], b[1], 1, 0), "A->B splice " + i);
                }
                return null;
            });
            threads.start(ba, () -> {
                for (int i = 0; i < iterations; i++) {
                    assertEquals(1, m.splice(ba, b[0], a[1], 1, 0), "B->A splice " + i);
                }
                return null;
            });
            threads.awaitAll(20_000);
        }

        String left = drain(m, t, a) + drain(m, t, b);
        assertTrue(isRotation(FIRST + SECOND, left), "A.B = " + left);
    }

    @RepeatedTest(20)
    void splice_randomLengthsFromFourTasks_keepsTheBytesInCircularOrder() throws Exception {
        Machine m = Machine.boot();
        Task t = m.newTask();
        int[] a = m.pipe(t, 0);
        int[] b = m.pipe(t, 0);
        StringBuilder initial = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            String chunk = "a" + i + "bcdefg".substring(0, i + 1);
            assertEquals(chunk.length(), m.write(t, a[1], chunk));
            initial.append(chunk);
        }
        String inA = initial.toString();
        String inB = "0123456789";
        assertEquals(inB.length(), m.write(t, b[1], inB));
        int attempts = 3_000;
        AtomicLong moved = new AtomicLong();
        long seed = System.nanoTime();

        try (TaskThreads threads = new TaskThreads()) {
            List<Future<?>> all = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                Task task = m.thread(t);
                int[] from = k % 2 == 0 ? a : b;
                int[] to = k % 2 == 0 ? b : a;
                SplittableRandom rnd = new SplittableRandom(seed + k);
                all.add(threads.start(task, () -> {
                    for (int i = 0; i < attempts && !threads.stopping(); i++) {
                        long r = m.splice(task, from[0], to[1], 1 + rnd.nextInt(20), SPLICE_F_NONBLOCK);
                        if (r == Errno.EAGAIN.neg()) {
                            Thread.yield();
                            continue;
                        }
                        assertTrue(r > 0, "splice returned " + r);
                        moved.addAndGet(r);
                    }
                    return null;
                }));
            }
            threads.awaitAll(20_000);
        }

        assertTrue(moved.get() > 0, "nothing moved (seed " + seed + ")");
        String left = drain(m, t, a) + drain(m, t, b);
        assertTrue(isRotation(inA + inB, left), "A.B = " + left + " (seed " + seed + ")");
    }
}
