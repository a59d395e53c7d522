package dev.kemu.vfs;

import static dev.kemu.vfs.PollTable.POLLHUP;
import static dev.kemu.vfs.PollTable.POLLIN;
import static dev.kemu.vfs.PollTable.POLLNVAL;
import static dev.kemu.vfs.PollTable.POLLOUT;
import static dev.kemu.vfs.PollTable.POLLPRI;
import static dev.kemu.vfs.PollTable.POLLRDHUP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.testing.TestMachine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * poll and ppoll ({@code fs/select.c:do_sys_poll()}) on sockets and plain files; the expected
 * masks are what a 6.18.44 host answered.
 */
class PollCallsTest {
    private static final int IN_OUT_RDHUP = POLLIN | POLLOUT | POLLRDHUP;
    private TestMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = TestMachine.mounted("ramfs", "/mnt", Map.of());
    }

    private int[] pair(int type) {
        int[] fds = new int[2];
        assertEquals(0, m.call(() -> m.sys.socketpair(m.task, Net.AF_UNIX, type, 0, fds, 46)));
        return fds;
    }

    private PollResult poll(int timeout, PollFd... fds) {
        m.task.enter();
        try {
            return m.sys.poll(m.task, List.of(fds), fds.length, timeout);
        } finally {
            m.task.exit();
        }
    }

    @Test
    void poll_streamPair_followsDataAndPeerClose() {
        int[] fds = pair(Net.SOCK_STREAM);
        assertArrayEquals(new int[] {POLLOUT}, poll(0, new PollFd(fds[0], IN_OUT_RDHUP)).revents());
        assertEquals(2, m.write(fds[1], "hi".getBytes()));
        assertArrayEquals(new int[] {POLLIN | POLLOUT}, poll(0, new PollFd(fds[0], IN_OUT_RDHUP)).revents());
        m.close(fds[1]);
        assertArrayEquals(new int[] {POLLIN | POLLOUT | POLLHUP | POLLRDHUP}, poll(0, new PollFd(fds[0], IN_OUT_RDHUP)).revents());
        assertArrayEquals(new int[] {POLLIN | POLLHUP}, poll(0, new PollFd(fds[0], POLLIN)).revents(), "POLLHUP is always reported");
    }

    @Test
    void poll_datagramPairPeerClosed_noHangup() {
        int[] fds = pair(Net.SOCK_DGRAM);
        assertEquals(1, m.write(fds[1], "x".getBytes()));
        m.close(fds[1]);
        assertArrayEquals(new int[] {POLLIN | POLLOUT}, poll(0, new PollFd(fds[0], IN_OUT_RDHUP)).revents());
    }

    @Test
    void poll_unconnectedSockets_streamHungUpDatagramWritable() {
        long s = m.call(() -> m.sys.socket(m.task, Net.AF_UNIX, Net.SOCK_STREAM, 0, 46));
        long d = m.call(() -> m.sys.socket(m.task, Net.AF_UNIX, Net.SOCK_DGRAM, 0, 46));
        PollResult r = poll(0, new PollFd((int) s, IN_OUT_RDHUP), new PollFd((int) d, IN_OUT_RDHUP));
        assertEquals(2, r.ret());
        assertArrayEquals(new int[] {POLLOUT | POLLHUP, POLLOUT}, r.revents());
    }

    @Test
    void poll_fileBadAndNegativeDescriptors_defaultMaskNvalAndSkipped() {
        m.touch("f");
        int f = m.openOk("f", Fcntl.O_RDONLY, 0);
        PollResult r = poll(0, new PollFd(f, POLLIN | POLLOUT | POLLPRI), new PollFd(99, POLLIN), new PollFd(-1, POLLIN));
        assertEquals(2, r.ret());
        assertArrayEquals(new int[] {POLLIN | POLLOUT, POLLNVAL, 0}, r.revents());
    }

    @Test
    void poll_nothingReadyWithATimeout_returnsZeroAtOnce() {
        int[] fds = pair(Net.SOCK_STREAM);
        PollResult r = poll(5000, new PollFd(fds[0], POLLIN));
        assertEquals(0, r.ret());
        assertArrayEquals(new int[] {0}, r.revents());
    }

    @Test
    void poll_errors_einvalAboveNofileEfaultForUnreadableArray() {
        m.task.enter();
        try {
            assertEquals(Errno.EINVAL.neg(), m.sys.poll(m.task, List.of(), 1 << 20, 0).ret());
            assertEquals(Errno.EFAULT.neg(), m.sys.poll(m.task, null, 1, 0).ret());
            assertEquals(Errno.EINVAL.neg(), m.sys.ppoll(m.task, List.of(), 0, new Timespec(0, 1_000_000_000L)).ret());
            assertEquals(0, m.sys.ppoll(m.task, List.of(), 0, new Timespec(0, 0)).ret());
        } finally {
            m.task.exit();
        }
    }

    @Test
    void poll_infinite_wakesWhenAnotherTaskWrites() throws Exception {
        int[] fds = pair(Net.SOCK_STREAM);
        Task writer = m.vfs.cloneTask(m.task, true);
        CountDownLatch asleep = new CountDownLatch(1);
        m.task.setSleepHook((t, what) -> asleep.countDown());
        CompletableFuture<PollResult> r = CompletableFuture.supplyAsync(() -> poll(-1, new PollFd(fds[0], POLLIN)));
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the poll never slept");
        assertEquals(3, TestMachine.callAs(writer, () -> m.sys.write(writer, fds[1], UserBuffer.of("abc".getBytes()), 3)));
        PollResult got = r.get(10, TimeUnit.SECONDS);
        assertEquals(1, got.ret());
        assertArrayEquals(new int[] {POLLIN}, got.revents());
    }

    @Test
    void poll_infinite_signalEndsItWithErestartnohand() throws Exception {
        int[] fds = pair(Net.SOCK_STREAM);
        CountDownLatch asleep = new CountDownLatch(1);
        m.task.setSleepHook((t, what) -> asleep.countDown());
        CompletableFuture<PollResult> r = CompletableFuture.supplyAsync(() -> poll(-1, new PollFd(fds[0], POLLIN)));
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the poll never slept");
        m.task.sendSignal(Signal.SIGALRM);
        PollResult got = r.get(10, TimeUnit.SECONDS);
        assertEquals(Errno.ERESTARTNOHAND.neg(), got.ret());
        assertNull(got.revents());
    }

    private SelectResult select(int n, java.util.BitSet in, java.util.BitSet out, Timespec timeout) {
        m.task.enter();
        try {
            return m.sys.select(m.task, n, in, out, null, timeout);
        } finally {
            m.task.exit();
        }
    }

    private static java.util.BitSet bits(int... fds) {
        java.util.BitSet b = new java.util.BitSet();
        for (int fd : fds) {
            b.set(fd);
        }
        return b;
    }

    @Test
    void select_readableAndWritableDescriptor_countsEachBit() {
        int[] fds = pair(Net.SOCK_STREAM);
        assertEquals(2, m.write(fds[1], "hi".getBytes()));
        SelectResult r = select(fds[1] + 1, bits(fds[0], fds[1]), bits(fds[0]), new Timespec(0, 0));
        assertEquals(2, r.ret());
        assertEquals(bits(fds[0]), r.in());
        assertEquals(bits(fds[0]), r.out());
    }

    @Test
    void select_closedDescriptorBelowTableSize_ebadfAboveIgnored() {
        Timespec zero = new Timespec(0, 0);
        assertEquals(Errno.EBADF.neg(), select(64, bits(63), null, zero).ret());
        SelectResult r = select(100, bits(99), null, zero);
        assertEquals(0, r.ret(), "fdt->max_fds is 64: bit 99 is past n");
        assertEquals(Errno.EINVAL.neg(), select(-1, null, null, zero).ret());
        assertEquals(Errno.EINVAL.neg(), select(1, null, null, new Timespec(0, 1_000_000_000L)).ret());
    }
}
