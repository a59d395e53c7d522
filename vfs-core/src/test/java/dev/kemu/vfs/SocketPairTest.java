package dev.kemu.vfs;

import static dev.kemu.vfs.Net.AF_INET;
import static dev.kemu.vfs.Net.AF_INET6;
import static dev.kemu.vfs.Net.AF_NETLINK;
import static dev.kemu.vfs.Net.AF_UNIX;
import static dev.kemu.vfs.Net.SOCK_DGRAM;
import static dev.kemu.vfs.Net.SOCK_NONBLOCK;
import static dev.kemu.vfs.Net.SOCK_SEQPACKET;
import static dev.kemu.vfs.Net.SOCK_STREAM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.testing.TestMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * socketpair and the AF_UNIX data paths ({@code net/socket.c:__sys_socketpair()},
 * {@code net/unix/af_unix.c}); every expected value is what a 6.18.44 host answered to the same
 * calls (Python's socket module and ctypes on that host).
 */
class SocketPairTest {
    private static final int AF_MAX = 46;
    private TestMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = TestMachine.mounted("ramfs", "/mnt", Map.of());
    }

    private long socketpair(int family, int type, int protocol, int[] fds) {
        return m.call(() -> m.sys.socketpair(m.task, family, type, protocol, fds, AF_MAX));
    }

    private int[] pair(int type) {
        int[] fds = new int[2];
        long r = socketpair(AF_UNIX, type, 0, fds);
        assertEquals(0, r, () -> "socketpair: " + Errno.of(r));
        return fds;
    }

    private long send(int fd, byte[] data, int flags) {
        return m.call(() -> m.sys.sendto(m.task, fd, UserBuffer.of(data), data.length, flags));
    }

    @Test
    void socketpair_errors_inLinuxOrder() {
        int[] fds = new int[2];
        assertEquals(Errno.EINVAL.neg(), socketpair(AF_UNIX, SOCK_STREAM | 0x10, 0, fds));
        assertEquals(Errno.EAFNOSUPPORT.neg(), socketpair(Net.AF_UNSPEC, SOCK_STREAM, 0, fds));
        assertEquals(Errno.EAFNOSUPPORT.neg(), socketpair(46, SOCK_STREAM, 0, fds));
        assertEquals(Errno.EINVAL.neg(), socketpair(AF_UNIX, 11, 0, fds));
        assertEquals(Errno.EOPNOTSUPP.neg(), socketpair(AF_INET, SOCK_DGRAM, 0, fds));
        assertEquals(Errno.EOPNOTSUPP.neg(), socketpair(AF_INET, SOCK_STREAM, 0, fds));
        assertEquals(Errno.EOPNOTSUPP.neg(), socketpair(AF_INET6, SOCK_STREAM, 0, fds));
        assertEquals(Errno.EOPNOTSUPP.neg(), socketpair(AF_NETLINK, SOCK_DGRAM, 0, fds));
        assertEquals(Errno.EPROTONOSUPPORT.neg(), socketpair(AF_UNIX, SOCK_DGRAM, 17, fds));
        assertEquals(Errno.EPROTONOSUPPORT.neg(), socketpair(AF_INET, SOCK_DGRAM, 6, fds));
        assertEquals(Errno.ESOCKTNOSUPPORT.neg(), socketpair(AF_UNIX, Net.SOCK_RDM, 0, fds));
        assertEquals(Errno.EFAULT.neg(), socketpair(AF_UNIX, SOCK_STREAM, 0, null));
        assertEquals(Errno.EFAULT.neg(), socketpair(Net.AF_UNSPEC, SOCK_STREAM, 0, null), "the array before the family");
        assertEquals(0, m.task.files().openFds().length, "no descriptor is left behind");
    }

    @Test
    void socketpair_oneFreeDescriptor_returnsEmfile() {
        m.task.files().setLimit(3);
        m.touch("a");
        m.openOk("a", Fcntl.O_RDONLY, 0);
        m.openOk("a", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.EMFILE.neg(), socketpair(AF_UNIX, SOCK_STREAM, 0, new int[2]));
        assertEquals(2, m.task.files().openFds().length);
    }

    @Test
    void write_nonblockingDatagramPair_takes278OneByteDatagramsThenEagain() {
        for (int type : new int[] {SOCK_DGRAM, SOCK_STREAM, SOCK_SEQPACKET}) {
            int[] fds = pair(type | SOCK_NONBLOCK);
            int n = 0;
            while (m.write(fds[1], new byte[] {'a'}) == 1) {
                n++;
                assertTrue(n < 1000);
            }
            assertEquals(278, n, "type " + type);
            assertEquals(Errno.EAGAIN.neg(), m.write(fds[1], new byte[] {'a'}));
            assertEquals(1, m.read(fds[0], 1).ret());
            assertEquals(1, m.write(fds[1], new byte[] {'a'}), "a freed buffer makes room");
        }
    }

    @Test
    void write_nonblockingStream_acceptsBuffersUntilTheSendBufferIsFull() {
        int[] fds = pair(SOCK_STREAM | SOCK_NONBLOCK);
        List<Long> got = new ArrayList<>();
        long r;
        while ((r = m.write(fds[1], new byte[65536])) > 0) {
            got.add(r);
        }
        assertEquals(List.of(65536L, 65536L, 65536L, 36544L), got);
        assertEquals(Errno.EAGAIN.neg(), r);
    }

    @Test
    void sendto_datagramAboveSendBuffer_returnsEmsgsize() {
        int[] fds = pair(SOCK_DGRAM);
        assertEquals(Errno.EMSGSIZE.neg(), send(fds[1], new byte[212961], 0));
        assertEquals(212960, send(fds[1], new byte[212960], 0));
        assertEquals(212960, m.read(fds[0], 300000).ret());
    }

    @Test
    void read_streamAfterPeerClosed_drainsThenEof() {
        int[] fds = pair(SOCK_STREAM);
        assertEquals(3, m.write(fds[1], "abc".getBytes()));
        m.close(fds[1]);
        assertEquals("a", m.read(fds[0], 1).text());
        assertEquals("bc", m.read(fds[0], 10).text());
        assertEquals(0, m.read(fds[0], 10).ret());
        assertEquals(Errno.EPIPE.neg(), m.write(fds[0], "x".getBytes()));
        assertEquals(List.of(Signal.SIGPIPE), m.task.takeRaisedSignals());
    }

    @Test
    void write_streamPeerClosedWithUnreadData_epipeThenEconnresetThenEof() {
        int[] fds = pair(SOCK_STREAM);
        assertEquals(3, m.write(fds[1], "abc".getBytes()));
        m.close(fds[0]);
        assertEquals(Errno.EPIPE.neg(), send(fds[1], "x".getBytes(), Net.MSG_NOSIGNAL));
        assertEquals(List.of(), m.task.takeRaisedSignals(), "MSG_NOSIGNAL");
        assertEquals(Errno.ECONNRESET.neg(), m.read(fds[1], 10).ret());
        assertEquals(0, m.read(fds[1], 10).ret());
    }

    @Test
    void write_datagramPeerClosed_econnrefusedThenEnotconn() {
        int[] fds = pair(SOCK_DGRAM);
        m.close(fds[0]);
        assertEquals(Errno.ECONNREFUSED.neg(), m.write(fds[1], "x".getBytes()));
        assertEquals(Errno.ENOTCONN.neg(), m.write(fds[1], "x".getBytes()));
    }

    @Test
    void read_seqpacketPeerClosed_keepsRecordsThenEof() {
        int[] fds = pair(SOCK_SEQPACKET);
        assertEquals(2, m.write(fds[1], "hi".getBytes()));
        assertEquals(2, m.write(fds[1], "yo".getBytes()));
        m.close(fds[1]);
        assertEquals("h", m.read(fds[0], 1).text(), "the rest of a record is dropped");
        assertEquals("yo", m.read(fds[0], 10).text());
        assertEquals(0, m.read(fds[0], 10).ret());
        assertEquals(Errno.EPIPE.neg(), m.write(fds[0], "x".getBytes()));
    }

    @Test
    void read_blockingStream_wakesWhenAnotherTaskWrites() throws Exception {
        int[] fds = pair(SOCK_STREAM);
        Task writer = m.vfs.cloneTask(m.task, true);
        CountDownLatch asleep = new CountDownLatch(1);
        m.task.setSleepHook((t, what) -> asleep.countDown());
        CompletableFuture<TestMachine.Read> r = CompletableFuture.supplyAsync(() -> m.read(fds[0], 10));
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the read never slept");
        assertEquals(5, TestMachine.callAs(writer, () -> m.sys.write(writer, fds[1], UserBuffer.of("hello".getBytes()), 5)));
        assertEquals("hello", r.get(10, TimeUnit.SECONDS).text());
    }

    @Test
    void write_blockingFullStream_wakesWhenTheReaderDrainsThreeQuarters() throws Exception {
        int[] fds = pair(SOCK_STREAM);
        Task reader = m.vfs.cloneTask(m.task, true);
        CountDownLatch asleep = new CountDownLatch(1);
        m.task.setSleepHook((t, what) -> asleep.countDown());
        CompletableFuture<Long> w = CompletableFuture.supplyAsync(() -> m.write(fds[1], new byte[300000]));
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the write never slept");
        long total = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            long sum = 0;
            while (sum < 300000) {
                UserBuffer buf = UserBuffer.allocate(65536);
                long n = TestMachine.callAs(reader, () -> m.sys.read(reader, fds[0], buf, 65536));
                assertTrue(n > 0);
                sum += n;
            }
            return sum;
        });
        assertEquals(300000, total);
        assertEquals(300000, w.get(10, TimeUnit.SECONDS));
    }

    @Test
    void getname_pairAndNonSocket_asLinuxAnswers() {
        int[] fds = pair(SOCK_STREAM);
        SockName name = m.sys.getsockname(m.task, fds[0], 16);
        assertEquals(0, name.ret());
        assertEquals(2, name.addrlen());
        assertEquals(AF_UNIX, name.addr().family());
        SockName peer = m.sys.getpeername(m.task, fds[0], 16);
        assertEquals(0, peer.ret());
        assertEquals(2, peer.addrlen());
        m.touch("f");
        int f = m.openOk("f", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.ENOTSOCK.neg(), m.sys.getpeername(m.task, f, 16).ret());
        assertEquals(Errno.EBADF.neg(), m.sys.getpeername(m.task, 99, 16).ret());
        assertEquals(Errno.EINVAL.neg(), m.sys.getsockname(m.task, fds[0], -1).ret());
        long s = m.call(() -> m.sys.socket(m.task, AF_UNIX, SOCK_STREAM, 0, AF_MAX));
        assertEquals(Errno.ENOTCONN.neg(), m.sys.getpeername(m.task, (int) s, 16).ret());
    }

    @Test
    void getsockname_boundSocket_returnsTheNameWithItsNul() {
        long s = m.call(() -> m.sys.socket(m.task, AF_UNIX, SOCK_DGRAM, 0, AF_MAX));
        assertEquals(0, m.call(() -> m.sys.bind(m.task, (int) s, Sockaddr.unix("/mnt/sock"), 12)));
        SockName name = m.sys.getsockname(m.task, (int) s, 110);
        assertEquals(2 + 9 + 1, name.addrlen());
        assertArrayEquals("/mnt/sock\0".getBytes(), name.addr().data());
    }
}
