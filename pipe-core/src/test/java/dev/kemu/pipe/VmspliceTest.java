package dev.kemu.pipe;

import static dev.kemu.pipe.Machine.SPLICE_F_GIFT;
import static dev.kemu.pipe.Machine.SPLICE_F_NONBLOCK;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vmsplice(2) as 6.18 does it ({@code fs/splice.c:vmsplice_to_pipe()}, {@code iter_to_pipe()}):
 * the caller's pages go into the pipe by reference, one slot per page chunk; only
 * SPLICE_F_NONBLOCK makes it non-blocking (the pipe's O_NONBLOCK is ignored, so it sleeps and
 * only a signal gets it out); the argument checks come in the order of research §9.3.
 */
class VmspliceTest {
    private Machine m;
    private Task t;
    private ExecutorService threads;

    @BeforeEach
    void boot() {
        m = Machine.boot();
        t = m.newTask();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, SECONDS), "a test thread did not stop");
    }

    private static Iovec iov(String s) {
        return Iovec.of(UserBuffer.of(Machine.bytes(s)));
    }

    @Test
    void vmsplice_userBufferChangedBeforeRead_readerSeesTheNewBytes() {
        int[] p = m.pipe(t, 0);
        UserBuffer buf = UserBuffer.of(Machine.bytes("AAAA"));

        assertEquals(4, m.vmsplice(t, p[1], List.of(Iovec.of(buf)), 0));
        buf.write(0, Machine.bytes("BBBB"), 0, 4);

        assertEquals("BBBB", m.read(t, p[0], 100).text());
    }

    @Test
    void write_afterVmsplice_doesNotMergeIntoTheUserPage() {
        int[] p = m.pipe(t, 0);
        UserBuffer buf = UserBuffer.allocate(8);
        buf.write(0, Machine.bytes("ab"), 0, 2);

        assertEquals(2, m.vmsplice(t, p[1], List.of(new Iovec(buf, 2)), 0));
        assertEquals(2, m.write(t, p[1], "cd"));

        assertEquals("ab\0\0\0\0\0\0", new String(buf.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("abcd", m.read(t, p[0], 100).text());
    }

    @Test
    void vmsplice_seventeenSegmentsNonblocking_addsSixteen() {
        int[] p = m.pipe(t, 0);
        List<Iovec> iov = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            iov.add(iov(String.valueOf((char) ('a' + i))));
        }

        assertEquals(16, m.vmsplice(t, p[1], iov, SPLICE_F_NONBLOCK));
        assertEquals("abcdefghijklmnop", m.read(t, p[0], 100).text());
    }

    @Test
    void vmsplice_zeroLengthFirstSegment_isSkipped() {
        int[] p = m.pipe(t, 0);

        assertEquals(5, m.vmsplice(t, p[1], List.of(new Iovec(UserBuffer.allocate(0), 0), iov("hello")), 0));
    }

    @Test
    void vmsplice_gift_marksTheSlot() {
        int[] p = m.pipe(t, 0);

        assertEquals(3, m.vmsplice(t, p[1], List.of(iov("abc")), SPLICE_F_GIFT));

        Pipe pipe = Machine.pipeOf(t, p[0]);
        pipe.mutex().lock();
        try {
            assertEquals(PipeBuffer.GIFT, pipe.buf(pipe.tail).flags);
            assertEquals(PipeBufOps.USER_PAGE, pipe.buf(pipe.tail).ops);
        } finally {
            pipe.mutex().unlock();
        }
    }

    @Test
    void vmsplice_fullPipeWithSpliceNonblock_returnsEagain() {
        int[] p = m.pipe(t, 0);
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS);

        assertEquals(Errno.EAGAIN.neg(), m.vmsplice(t, p[1], List.of(iov("x")), SPLICE_F_NONBLOCK));
    }

    @Test
    void vmsplice_fullPipeOpenedNonblocking_sleepsUntilASignal() throws Exception {
        int[] p = m.pipe(t, Fcntl.O_NONBLOCK);
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS);
        Task writer = m.thread(t);
        CountDownLatch asleep = new CountDownLatch(1);
        List<Object> queues = Collections.synchronizedList(new ArrayList<>());
        writer.setSleepHook((task, what) -> {
            queues.add(what);
            asleep.countDown();
        });

        Future<Long> call = threads.submit(() -> m.vmsplice(writer, p[1], List.of(iov("x")), 0));

        assertTrue(asleep.await(10, SECONDS), "vmsplice did not sleep on a full O_NONBLOCK pipe");
        assertTrue(queues.get(0).toString().endsWith("wr_wait"), queues.toString());
        writer.sendSignal(Signal.SIGINT);
        assertEquals(Errno.ERESTARTSYS.neg(), call.get(10, SECONDS));
        assertEquals(List.of(Signal.SIGINT), writer.takeRaisedSignals());
        assertEquals((long) Pipe.DEF_BUFFERS * Page.SIZE, Machine.pipeOf(t, p[0]).bytesQueued());
    }

    @Test
    void vmsplice_fullPipe_proceedsOnceAReaderMakesRoom() throws Exception {
        int[] p = m.pipe(t, 0);
        m.fillWithPages(t, p[1], Pipe.DEF_BUFFERS);
        Task writer = m.thread(t);
        CountDownLatch asleep = new CountDownLatch(1);
        writer.setSleepHook((task, what) -> asleep.countDown());

        Future<Long> call = threads.submit(() -> m.vmsplice(writer, p[1], List.of(iov("x")), 0));
        assertTrue(asleep.await(10, SECONDS));
        assertEquals(Page.SIZE, m.read(t, p[0], Page.SIZE).ret());

        assertEquals(1, call.get(10, SECONDS));
    }

    @Test
    void vmsplice_unknownFlag_returnsEinval() {
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.vmsplice(t, p[1], List.of(iov("x")), 0x10));
        assertEquals(Errno.EINVAL.neg(), m.vmsplice(t, -1, List.of(), 0x10));
    }

    @Test
    void vmsplice_badDescriptorWithNoSegments_returnsEbadf() {
        assertEquals(Errno.EBADF.neg(), m.vmsplice(t, -1, List.of(), 0));
    }

    @Test
    void vmsplice_badDescriptorWithTooManySegments_returnsEbadf() {
        assertEquals(Errno.EBADF.neg(), m.vmsplice(t, -1, Collections.nCopies(Fcntl.IOV_MAX + 1, iov("x")), 0));
    }

    @Test
    void vmsplice_pipeWithTooManySegments_returnsEinval() {
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EINVAL.neg(), m.vmsplice(t, p[1], Collections.nCopies(Fcntl.IOV_MAX + 1, iov("x")), 0));
    }

    @Test
    void vmsplice_noSegments_returnsZero() {
        int[] p = m.pipe(t, 0);

        assertEquals(0, m.vmsplice(t, p[1], List.of(), 0));
    }

    @Test
    void vmsplice_regularFile_returnsEbadf() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDWR);

        assertEquals(Errno.EBADF.neg(), m.vmsplice(t, fd, List.of(iov("x")), 0));
    }

    @Test
    void vmsplice_regularFileWithNothingToMove_checksVectorsBeforeThePipe() {
        int fd = m.createFile(t, "/f", "data", Fcntl.O_RDWR);

        // 6.18 order: import_iovec, then "nothing to do", then "not a pipe".
        assertEquals(0, m.vmsplice(t, fd, List.of(), 0));
        assertEquals(Errno.EINVAL.neg(), m.vmsplice(t, fd, Collections.nCopies(Fcntl.IOV_MAX + 1, iov("x")), 0));
    }

    @Test
    void vmsplice_readEnd_copiesOutOfThePipe() {
        int[] p = m.pipe(t, 0);
        assertEquals(6, m.write(t, p[1], "abcdef"));
        UserBuffer first = UserBuffer.allocate(2);
        UserBuffer second = UserBuffer.allocate(3);

        assertEquals(5, m.vmsplice(t, p[0], List.of(Iovec.of(first), Iovec.of(second)), 0));

        assertEquals("ab", new String(first.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("cde", new String(second.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("f", m.read(t, p[0], 100).text());
    }

    @Test
    void vmsplice_withoutReaders_returnsEpipeAndRaisesSigpipe() {
        int[] p = m.pipe(t, 0);
        assertEquals(0, m.close(t, p[0]));
        t.takeRaisedSignals();

        assertEquals(Errno.EPIPE.neg(), m.vmsplice(t, p[1], List.of(iov("x")), 0));
        assertEquals(List.of(Signal.SIGPIPE), t.takeRaisedSignals());
    }

    @Test
    void vmsplice_faultingSegment_returnsEfault() {
        int[] p = m.pipe(t, 0);

        assertEquals(Errno.EFAULT.neg(), m.vmsplice(t, p[1], List.of(new Iovec(null, 4)), 0));
    }
}
