package dev.kemu.pipe;

import static dev.kemu.vfs.PollTable.POLLERR;
import static dev.kemu.vfs.PollTable.POLLHUP;
import static dev.kemu.vfs.PollTable.POLLIN;
import static dev.kemu.vfs.PollTable.POLLOUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.PollFd;
import dev.kemu.vfs.PollResult;
import dev.kemu.vfs.Task;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code fs/pipe.c:pipe_poll()} through poll, and splices between pipes and AF_UNIX sockets
 * ({@code splice_to_socket}, the socket's {@code splice_read}); the expected values are what a
 * 6.18.44 host answered.
 */
class PipePollTest {
    private final Machine m = Machine.boot();
    private final Task t = m.newTask();

    private PollResult poll(int timeout, PollFd... fds) {
        t.enter();
        try {
            return m.vfsCalls.poll(t, List.of(fds), fds.length, timeout);
        } finally {
            t.exit();
        }
    }

    private int[] socketpair(int type) {
        int[] fds = new int[2];
        assertEquals(0, Machine.call(t, () -> m.vfsCalls.socketpair(t, Net.AF_UNIX, type, 0, fds, 46)));
        return fds;
    }

    @Test
    void poll_pipeEnds_followDataAndClosedEnds() {
        int[] p = m.pipe(t, 0);
        PollResult r = poll(0, new PollFd(p[0], POLLIN | POLLOUT), new PollFd(p[1], POLLIN | POLLOUT));
        assertArrayEquals(new int[] {0, POLLOUT}, r.revents());
        assertEquals(1, m.write(t, p[1], "x"));
        assertArrayEquals(new int[] {POLLIN, POLLOUT}, poll(0, new PollFd(p[0], POLLIN | POLLOUT), new PollFd(p[1], POLLIN | POLLOUT)).revents());
        m.close(t, p[1]);
        assertArrayEquals(new int[] {POLLIN | POLLHUP}, poll(0, new PollFd(p[0], POLLIN)).revents());
        int[] q = m.pipe(t, 0);
        m.close(t, q[0]);
        assertArrayEquals(new int[] {POLLOUT | POLLERR}, poll(0, new PollFd(q[1], POLLIN | POLLOUT)).revents());
    }

    @Test
    void poll_fullPipe_notWritableUntilDrained() {
        int[] p = m.pipe(t, 0);
        byte[] page = new byte[4096];
        for (int i = 0; i < 16; i++) {
            assertEquals(4096, m.write(t, p[1], page));
        }
        assertEquals(0, poll(0, new PollFd(p[1], POLLOUT)).ret());
        assertEquals(4096, m.read(t, p[0], 4096).ret());
        assertArrayEquals(new int[] {POLLOUT}, poll(0, new PollFd(p[1], POLLOUT)).revents());
    }

    @Test
    void poll_infiniteOnEmptyPipe_wakesWhenAnotherTaskWrites() throws Exception {
        int[] p = m.pipe(t, 0);
        Task writer = m.thread(t);
        CountDownLatch asleep = new CountDownLatch(1);
        t.setSleepHook((task, what) -> asleep.countDown());
        CompletableFuture<PollResult> r = CompletableFuture.supplyAsync(() -> poll(-1, new PollFd(p[0], POLLIN)));
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the poll never slept");
        assertEquals(2, m.write(writer, p[1], "hi"));
        assertArrayEquals(new int[] {POLLIN}, r.get(10, TimeUnit.SECONDS).revents());
    }

    @Test
    void splice_pipeToStreamSocketAndBack_movesEveryByte() {
        int[] in = m.pipe(t, 0);
        int[] out = m.pipe(t, 0);
        int[] s = socketpair(Net.SOCK_STREAM);
        byte[] data = new byte[65536];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        assertEquals(65536, m.write(t, in[1], data));
        assertEquals(65536, m.splice(t, in[0], s[0], 65536, 0));
        assertEquals(65536, m.splice(t, s[1], out[1], 65536, 0));
        Machine.Read r = m.read(t, out[0], 70000);
        assertEquals(65536, r.ret());
        assertTrue(Arrays.equals(data, r.data()));
    }

    @Test
    void splice_emptyNonblockingSocket_returnsEagain() {
        int[] out = m.pipe(t, 0);
        int[] s = socketpair(Net.SOCK_STREAM | Net.SOCK_NONBLOCK);
        assertEquals(Errno.EAGAIN.neg(), m.splice(t, s[1], out[1], 100, 0));
    }
}
