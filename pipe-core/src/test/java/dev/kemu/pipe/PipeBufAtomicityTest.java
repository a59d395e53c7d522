package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Task;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.RepeatedTest;

/**
 * PIPE_BUF atomicity under contention ({@code fs/pipe.c:anon_pipe_write()}): several writers put
 * self-describing records of up to 4096 bytes into one pipe while one reader takes the stream in
 * pieces of random size. Every record must come out whole, exactly once, and in its writer's
 * order — whether the writers block for room or get EAGAIN and retry (an EAGAIN write must have
 * written nothing). Small records exercise the merge into the last buffer, large ones the
 * "free bytes but no free slot" case.
 *
 * <p>Record layout: magic (1 byte), writer (1), sequence (4), length (2), payload derived from
 * writer and sequence, CRC32 of all of that (4).
 */
class PipeBufAtomicityTest {
    private static final byte MAGIC = (byte) 0xA5;
    private static final int HEADER = 8;
    private static final int TRAILER = 4;
    private static final int WRITERS = 4;
    private static final int RECORDS = 250;

    private static byte[] record(int writer, int seq, int size) {
        byte[] r = new byte[size];
        ByteBuffer bb = ByteBuffer.wrap(r);
        bb.put(MAGIC).put((byte) writer).putInt(seq).putShort((short) size);
        for (int i = HEADER; i < size - TRAILER; i++) {
            r[i] = (byte) (writer * 31 + seq * 7 + i);
        }
        CRC32 crc = new CRC32();
        crc.update(r, 0, size - TRAILER);
        bb.putInt(size - TRAILER, (int) crc.getValue());
        return r;
    }

    /** Half the records are small (merging), half close to PIPE_BUF. */
    private static int size(SplittableRandom rnd) {
        return rnd.nextBoolean() ? 16 + rnd.nextInt(100) : Page.SIZE - rnd.nextInt(200);
    }

    private void run(boolean nonblockingWriters) throws Exception {
        Machine m = Machine.boot();
        Task t = m.newTask();
        int[] p = m.pipe(t, 0);
        if (nonblockingWriters) {
            // F_SETFL changes the write end's own file: the reader still blocks.
            assertEquals(0, m.fcntl(t, p[1], Fcntl.F_SETFL, Fcntl.O_NONBLOCK));
        }
        long seed = System.nanoTime();
        long[] expectedBytes = new long[1];
        int[][] sizes = new int[WRITERS][RECORDS];
        for (int w = 0; w < WRITERS; w++) {
            SplittableRandom rnd = new SplittableRandom(seed + w);
            for (int i = 0; i < RECORDS; i++) {
                sizes[w][i] = size(rnd);
                expectedBytes[0] += sizes[w][i];
            }
        }
        int[] nextSeq = new int[WRITERS];

        try (TaskThreads threads = new TaskThreads()) {
            for (int w = 0; w < WRITERS; w++) {
                Task writer = m.thread(t);
                int id = w;
                threads.start(writer, () -> {
                    for (int seq = 0; seq < RECORDS; seq++) {
                        byte[] rec = record(id, seq, sizes[id][seq]);
                        for (;;) {
                            long r = m.write(writer, p[1], rec);
                            if (r == Errno.EAGAIN.neg() && nonblockingWriters && !threads.stopping()) {
                                Thread.yield();
                                continue;
                            }
                            assertEquals(rec.length, r, "writer " + id + " record " + seq);
                            break;
                        }
                    }
                    return null;
                });
            }
            Task reader = m.thread(t);
            threads.start(reader, () -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                byte[] stream = new byte[(int) expectedBytes[0]];
                int have = 0;
                int parsed = 0;
                while (have < stream.length) {
                    Machine.Read r = m.read(reader, p[0], 1 + rnd.nextInt(2 * Page.SIZE));
                    assertTrue(r.ret() > 0, "read returned " + r.ret() + " after " + have + " bytes");
                    assertTrue(have + r.ret() <= stream.length, "more bytes than were written");
                    System.arraycopy(r.data(), 0, stream, have, (int) r.ret());
                    have += (int) r.ret();
                    parsed = parse(stream, parsed, have, nextSeq);
                }
                assertEquals(stream.length, parsed, "a record was cut short at the end of the stream");
                return null;
            });
            threads.awaitAll(20_000);
        }

        int[] all = new int[WRITERS];
        Arrays.fill(all, RECORDS);
        assertArrayEquals(all, nextSeq, "records per writer (seed " + seed + ")");
        assertEquals(0, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    /** Checks every complete record in {@code stream[from, have)}; returns where the first incomplete one starts. */
    private static int parse(byte[] stream, int from, int have, int[] nextSeq) {
        int pos = from;
        while (have - pos >= HEADER) {
            ByteBuffer bb = ByteBuffer.wrap(stream, pos, have - pos);
            assertEquals(MAGIC, bb.get(), "record start at stream offset " + pos);
            int writer = bb.get();
            int seq = bb.getInt();
            int size = bb.getShort() & 0xffff;
            assertTrue(writer >= 0 && writer < WRITERS, "writer " + writer + " at offset " + pos);
            assertTrue(size >= HEADER + TRAILER && size <= Page.SIZE, "size " + size + " at offset " + pos);
            if (have - pos < size) {
                break;
            }
            assertArrayEquals(record(writer, seq, size), Arrays.copyOfRange(stream, pos, pos + size),
                    "record " + writer + "/" + seq + " at offset " + pos + " is torn");
            assertEquals(nextSeq[writer], seq, "writer " + writer + " out of order at offset " + pos);
            nextSeq[writer]++;
            pos += size;
        }
        return pos;
    }

    @RepeatedTest(20)
    void write_recordsUpToPipeBufFromBlockingWriters_arriveWholeOnceAndInOrder() throws Exception {
        run(false);
    }

    @RepeatedTest(20)
    void write_recordsUpToPipeBufFromNonblockingWriters_arriveWholeOnceAndInOrder() throws Exception {
        run(true);
    }
}
