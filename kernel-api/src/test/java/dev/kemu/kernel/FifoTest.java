package dev.kemu.kernel;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** mknod and FIFOs opened by name ({@code fs/namei.c:do_mknodat()}, {@code fs/pipe.c:fifo_open()}). */
class FifoTest {
    private final Booted m = new Booted();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private void mkfifo(String path) {
        assertEquals(0, m.k.mknod(m.t, path, StatMode.S_IFIFO | 0644, 0));
    }

    /** Runs {@code body} as {@code task} on another thread and returns once that task is asleep. */
    private Future<Long> startAsleep(Task task, java.util.concurrent.Callable<Long> body) throws Exception {
        CountDownLatch asleep = new CountDownLatch(1);
        task.setSleepHook((t, what) -> asleep.countDown());
        Future<Long> f = pool.submit(body);
        assertTrue(asleep.await(10, SECONDS), "the call did not sleep");
        return f;
    }

    @Test
    void mknod_fifo_statShowsAFifoWithTheUmaskApplied() {
        mkfifo("/f");
        var st = m.k.newfstatat(m.t, Fcntl.AT_FDCWD, "/f", 0).stat();
        assertEquals(StatMode.S_IFIFO | 0644, st.mode());
        assertEquals(0, st.rdev());
    }

    @Test
    void mknod_errors_inLinuxOrder() {
        mkfifo("/f");
        assertEquals(Errno.EEXIST.neg(), m.k.mknod(m.t, "/f", StatMode.S_IFIFO | 0644, 0));
        assertEquals(Errno.EPERM.neg(), m.k.mknod(m.t, "/d", StatMode.S_IFDIR | 0755, 0));
        assertEquals(Errno.EINVAL.neg(), m.k.mknod(m.t, "/x", 0170000 | 0644, 0));
        assertEquals(Errno.EINVAL.neg(), m.k.mknod(m.t, "/missing/x", 0170000 | 0644, 0), "the type is checked before the path");
        assertEquals(Errno.ENOENT.neg(), m.k.mknod(m.t, "/missing/x", StatMode.S_IFIFO | 0644, 0));
        m.t.dropCapability(Capability.CAP_MKNOD);
        assertEquals(Errno.EPERM.neg(), m.k.mknod(m.t, "/c", StatMode.S_IFCHR | 0644, 0x105));
        assertEquals(0, m.k.mknod(m.t, "/g", StatMode.S_IFIFO | 0644, 0), "a FIFO needs no capability");
    }

    @Test
    void mknod_typeZeroOrRegular_createsARegularFile() {
        assertEquals(0, m.k.mknodat(m.t, Fcntl.AT_FDCWD, "/r", 0644, 0));
        assertEquals(StatMode.S_IFREG | 0644, m.k.newfstatat(m.t, Fcntl.AT_FDCWD, "/r", 0).stat().mode());
    }

    @Test
    void open_fifoNonblock_readerSucceedsWriterWithoutReaderIsEnxio() {
        mkfifo("/f");
        assertEquals(Errno.ENXIO.neg(), m.k.open(m.t, "/f", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, 0));
        int r = m.open("/f", Fcntl.O_RDONLY | Fcntl.O_NONBLOCK);
        int w = m.open("/f", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK);
        assertEquals(3, m.write(w, "abc"));
        assertEquals("abc", m.read(r, 10));
    }

    @Test
    void open_fifoReadWrite_neverBlocksAndIsAPipe() {
        mkfifo("/f");
        int fd = m.open("/f", Fcntl.O_RDWR);
        assertEquals(5, m.write(fd, "hello"));
        assertEquals("hello", m.read(fd, 5));
        assertEquals(65536, m.k.fcntl(m.t, fd, Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(Errno.ESPIPE.neg(), m.k.lseek(m.t, fd, 0, Fcntl.SEEK_SET));
    }

    @Test
    void open_fifoReader_blocksUntilAWriterOpens() throws Exception {
        mkfifo("/f");
        Task reader = m.k.cloneTask(m.t, false);
        Future<Long> open = startAsleep(reader, () -> m.k.open(reader, "/f", Fcntl.O_RDONLY, 0));
        assertFalse(open.isDone());
        int w = m.open("/f", Fcntl.O_WRONLY);
        long rfd = open.get(10, SECONDS);
        assertTrue(rfd >= 0, () -> Errno.of(rfd).name());
        assertEquals(2, m.write(w, "hi"));
        UserBufferRead got = UserBufferRead.of(m.k, reader, (int) rfd, 2);
        assertEquals("hi", got.text());
    }

    @Test
    void open_fifoWriter_blocksUntilAReaderOpens() throws Exception {
        mkfifo("/f");
        Task writer = m.k.cloneTask(m.t, false);
        Future<Long> open = startAsleep(writer, () -> m.k.open(writer, "/f", Fcntl.O_WRONLY, 0));
        int r = m.open("/f", Fcntl.O_RDONLY);
        assertTrue(open.get(10, SECONDS) >= 0);
        assertEquals("EAGAIN", readNonblock(r));
    }

    @Test
    void open_fifoBlockedReader_signalGivesErestartsysAndLeavesNoReader() throws Exception {
        mkfifo("/f");
        Task reader = m.k.cloneTask(m.t, false);
        Future<Long> open = startAsleep(reader, () -> m.k.open(reader, "/f", Fcntl.O_RDONLY, 0));
        reader.sendSignal(Signal.SIGALRM);
        assertEquals(Errno.ERESTARTSYS.neg(), open.get(10, SECONDS));
        assertEquals(Errno.ENXIO.neg(), m.k.open(m.t, "/f", Fcntl.O_WRONLY | Fcntl.O_NONBLOCK, 0),
                "the interrupted open left no reader behind");
    }

    @Test
    void close_lastOpener_discardsTheFifosContent() {
        mkfifo("/f");
        int fd = m.open("/f", Fcntl.O_RDWR);
        assertEquals(4, m.write(fd, "lost"));
        assertEquals(0, m.k.close(m.t, fd));
        int again = m.open("/f", Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
        assertEquals("EAGAIN", m.read(again, 4));
    }

    @Test
    void spliceAndTee_onFifoDescriptors_workAsOnPipes() {
        mkfifo("/f");
        int fifo = m.open("/f", Fcntl.O_RDWR);
        int[] p = m.pipe();
        m.write(p[1], "spliced");
        assertEquals(7, m.k.splice(m.t, p[0], null, fifo, null, 7, 0));
        assertEquals(7, m.k.tee(m.t, fifo, p[1], 7, 0));
        assertEquals("spliced", m.read(fifo, 7));
        assertEquals("spliced", m.read(p[0], 7));
    }

    private String readNonblock(int fd) {
        m.k.fcntl(m.t, fd, Fcntl.F_SETFL, Fcntl.O_NONBLOCK);
        return m.read(fd, 1);
    }

    /** A read by another task. */
    record UserBufferRead(long ret, byte[] data) {
        static UserBufferRead of(Kernel k, Task t, int fd, int n) {
            dev.kemu.vfs.UserBuffer buf = dev.kemu.vfs.UserBuffer.allocate(n);
            long r = k.read(t, fd, buf, n);
            return new UserBufferRead(r, r > 0 ? buf.read(0, (int) r) : new byte[0]);
        }

        String text() {
            return new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
