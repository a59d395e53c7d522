package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The lock-free ring ({@link PipeRingKind#LOCKFREE}) under one writing and one reading task on
 * their own threads: every byte arrives once and in order whatever the sizes (merging writes,
 * writes of whole pages, writes of several slots, reads of any length), a write of at most
 * PIPE_BUF bytes is never split, and the same calls on the mutex ring give the same bytes.
 */
class LockFreeRingTest {
    private static final int[] WRITES = {1, 64, 4095, 4096, 4097, 100, 10_000, 3, 65_536, 17};
    private static final int[] READS = {7, 4096, 1, 65_536, 300, 8192, 5000};
    private static final int ROUNDS = 300;

    private static int total() {
        int n = 0;
        for (int i = 0; i < ROUNDS; i++) {
            n += WRITES[i % WRITES.length];
        }
        return n;
    }

    /** Byte {@code i} of the stream: a pattern that a lost, repeated or reordered byte breaks. */
    private static byte at(long i) {
        return (byte) (i * 31 + (i >>> 8));
    }

    private static byte[] streamed(PipeRingKind ring) throws Exception {
        Machine m = Machine.boot(ring);
        Task owner = m.newTask();
        int[] p = m.pipe(owner, 0);
        Task writer = m.thread(owner);
        Task reader = m.thread(owner);
        int total = total();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (TaskThreads threads = new TaskThreads()) {
            threads.start(writer, () -> {
                long pos = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    byte[] chunk = new byte[WRITES[i % WRITES.length]];
                    for (int j = 0; j < chunk.length; j++) {
                        chunk[j] = at(pos + j);
                    }
                    assertEquals(chunk.length, m.write(writer, p[1], chunk), "write " + i);
                    pos += chunk.length;
                }
                return null;
            });
            threads.start(reader, () -> {
                for (int i = 0; got.size() < total; i++) {
                    Machine.Read r = m.read(reader, p[0], READS[i % READS.length]);
                    assertTrue(r.ret() > 0, "read " + i + " returned " + r.ret());
                    got.write(r.data());
                }
                return null;
            });
            threads.awaitAll(60_000);
        }
        assertEquals(0, m.close(owner, p[1]));
        assertEquals(0, m.read(owner, p[0], 1).ret(), "nothing left over");
        return got.toByteArray();
    }

    @Test
    void writeRead_oneWriterOneReaderOnTheLockFreeRing_deliversEveryByteInOrder() throws Exception {
        byte[] got = streamed(PipeRingKind.LOCKFREE);

        assertEquals(total(), got.length);
        for (int i = 0; i < got.length; i++) {
            if (got[i] != at(i)) {
                throw new AssertionError("byte " + i + " is " + got[i] + ", expected " + at(i));
            }
        }
    }

    @Test
    void writeRead_sameCallsOnBothRings_sameBytes() throws Exception {
        assertArrayEquals(streamed(PipeRingKind.MUTEX), streamed(PipeRingKind.LOCKFREE));
    }

    @Test
    void pipeBufWrites_againstNonBlockingReads_areNeverSplit() throws Exception {
        // Writes of 1000 bytes (each merges whole or takes a slot whole) against reads that take
        // whatever is there: every read's length is a multiple of 1000 while it takes whole writes.
        Machine m = Machine.boot(PipeRingKind.LOCKFREE);
        Task owner = m.newTask();
        int[] p = m.pipe(owner, Fcntl.O_NONBLOCK);
        Task writer = m.thread(owner);
        Task reader = m.thread(owner);
        int writes = 2000;
        long[] seen = {0};
        try (TaskThreads threads = new TaskThreads()) {
            threads.start(writer, () -> {
                byte[] chunk = new byte[1000];
                for (int i = 0; i < writes && !threads.stopping(); ) {
                    long r = m.write(writer, p[1], chunk);
                    if (r > 0) {
                        assertEquals(1000, r, "a PIPE_BUF write is whole or nothing");
                        i++;
                    }
                }
                return null;
            });
            threads.start(reader, () -> {
                while (seen[0] < 1000L * writes && !threads.stopping()) {
                    Machine.Read r = m.read(reader, p[0], 1000 * 64);
                    if (r.ret() > 0) {
                        assertEquals(0, r.ret() % 1000, "a read saw part of a write: " + r.ret());
                        seen[0] += r.ret();
                    }
                }
                return null;
            });
            threads.awaitAll(60_000);
        }
        assertEquals(1000L * writes, seen[0]);
    }
}
