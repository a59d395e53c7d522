package dev.kemu.vfs;

import static dev.kemu.vfs.Net.AF_INET;
import static dev.kemu.vfs.Net.AF_INET6;
import static dev.kemu.vfs.Net.AF_NETLINK;
import static dev.kemu.vfs.Net.AF_UNIX;
import static dev.kemu.vfs.Net.SOCK_CLOEXEC;
import static dev.kemu.vfs.Net.SOCK_DGRAM;
import static dev.kemu.vfs.Net.SOCK_NONBLOCK;
import static dev.kemu.vfs.Net.SOCK_RAW;
import static dev.kemu.vfs.Net.SOCK_SEQPACKET;
import static dev.kemu.vfs.Net.SOCK_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.testing.TestMachine;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AF_UNIX socket, connect and bind ({@code net/socket.c}, {@code net/unix/af_unix.c}) on a ramfs
 * machine; every expected value is what a 6.18 host answered to the same calls.
 */
class SocketCallsTest {
    private static final int AF_MAX = 46;
    private static final int LEN = Net.SOCKADDR_UN_SIZE;
    private TestMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = TestMachine.mounted("ramfs", "/mnt", Map.of());
        m.task.setUmask(022);
    }

    private long socket(int family, int type, int protocol) {
        return m.call(() -> m.sys.socket(m.task, family, type, protocol, AF_MAX));
    }

    private int sock(int type) {
        long fd = socket(AF_UNIX, type, 0);
        assertTrue(fd >= 0, () -> "socket: " + Errno.of(fd));
        return (int) fd;
    }

    private long connect(int fd, Sockaddr a, int len) {
        return m.call(() -> m.sys.connect(m.task, fd, a, len, true));
    }

    private long bind(int fd, Sockaddr a, int len) {
        return m.call(() -> m.sys.bind(m.task, fd, a, len));
    }

    private static int abstractLen(String name) {
        return 2 + 1 + name.length();
    }

    @Test
    void socket_unixTypes_fstatShowsASocketInode() {
        for (int type : new int[] {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET, SOCK_RAW}) {
            int fd = sock(type);
            Kstat st = m.fstat(fd);
            assertEquals(StatMode.S_IFSOCK | 0777, st.mode());
            assertEquals(0, st.size());
            assertEquals(1, st.nlink());
            assertEquals(4096, st.blksize());
            assertEquals(0, m.close(fd));
        }
    }

    @Test
    void socket_badArguments_errnosInLinuxOrder() {
        assertEquals(Errno.EINVAL.neg(), socket(AF_UNIX, SOCK_STREAM | 0x100, 0));
        assertEquals(Errno.EINVAL.neg(), socket(99, SOCK_STREAM | 0x100, 0), "flags before the family");
        assertEquals(Errno.EAFNOSUPPORT.neg(), socket(99, 11, 0), "the family's range before the type's");
        assertEquals(Errno.EAFNOSUPPORT.neg(), socket(AF_MAX, SOCK_STREAM, 0));
        assertEquals(Errno.EAFNOSUPPORT.neg(), socket(-1, SOCK_STREAM, 0));
        assertEquals(Errno.EAFNOSUPPORT.neg(), socket(Net.AF_UNSPEC, SOCK_STREAM, 0));
        assertEquals(Errno.EINVAL.neg(), socket(AF_UNIX, 11, 0));
        assertEquals(Errno.ESOCKTNOSUPPORT.neg(), socket(AF_UNIX, 0, 0));
        assertEquals(Errno.ESOCKTNOSUPPORT.neg(), socket(AF_UNIX, Net.SOCK_RDM, 0));
        assertEquals(Errno.ESOCKTNOSUPPORT.neg(), socket(AF_UNIX, Net.SOCK_PACKET, 0));
        assertEquals(Errno.EPROTONOSUPPORT.neg(), socket(AF_UNIX, SOCK_STREAM, 2));
        assertEquals(Errno.EPROTONOSUPPORT.neg(), socket(AF_UNIX, 0, 2), "the protocol before the type");
        assertEquals(0, socket(AF_UNIX, SOCK_STREAM, AF_UNIX), "PF_UNIX is the protocol");
    }

    @Test
    void socket_otherFamilies_areNotModelledAndTakeNoDescriptor() {
        assertEquals(Net.NOT_MODELLED, socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        assertEquals(Net.NOT_MODELLED, socket(AF_INET6, SOCK_DGRAM, 0));
        assertEquals(Net.NOT_MODELLED, socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0));
        assertEquals(0, sock(SOCK_STREAM), "no descriptor was used");
    }

    @Test
    void socket_cloexecNonblock_fcntlShowsAndChangesThem() {
        int fd = sock(SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK);
        assertEquals(Fcntl.FD_CLOEXEC, m.fcntl(fd, Fcntl.F_GETFD, 0));
        assertEquals(Fcntl.O_RDWR | Fcntl.O_NONBLOCK, m.fcntl(fd, Fcntl.F_GETFL, 0));
        assertEquals(0, m.fcntl(fd, Fcntl.F_SETFL, 0));
        assertEquals(Fcntl.O_RDWR, m.fcntl(fd, Fcntl.F_GETFL, 0));
        assertEquals(0, m.fcntl(fd, Fcntl.F_SETFD, 0));
        assertEquals(0, m.fcntl(fd, Fcntl.F_GETFD, 0));
        int plain = sock(SOCK_DGRAM);
        assertEquals(Fcntl.O_RDWR, m.fcntl(plain, Fcntl.F_GETFL, 0));
        assertEquals(0, m.fcntl(plain, Fcntl.F_SETFL, Fcntl.O_NONBLOCK));
        assertEquals(Errno.EAGAIN.neg(), m.read(plain, 4).ret(), "O_NONBLOCK set by fcntl counts");
    }

    @Test
    void readWrite_unconnected_answerAsAfUnixDoes() {
        int stream = sock(SOCK_STREAM);
        assertEquals(Errno.EINVAL.neg(), m.read(stream, 4).ret());
        assertEquals(Errno.ENOTCONN.neg(), m.write(stream, new byte[4]));
        assertEquals(0, m.read(stream, 0).ret());
        assertEquals(Errno.ENOTCONN.neg(), m.write(stream, new byte[0]));
        assertEquals(Errno.ESPIPE.neg(), m.lseek(stream, 0, Fcntl.SEEK_SET));
        assertEquals(Errno.ESPIPE.neg(), m.pread(stream, 4, 0).ret());
        int seq = sock(SOCK_SEQPACKET);
        assertEquals(Errno.ENOTCONN.neg(), m.read(seq, 4).ret());
        assertEquals(Errno.ENOTCONN.neg(), m.write(seq, new byte[4]));
        int dgram = sock(SOCK_DGRAM | SOCK_NONBLOCK);
        assertEquals(Errno.EAGAIN.neg(), m.read(dgram, 4).ret());
        assertEquals(Errno.ENOTCONN.neg(), m.write(dgram, new byte[4]));
        assertEquals(java.util.List.of(), m.task.takeRaisedSignals(), "ENOTCONN raises no SIGPIPE");
    }

    @Test
    void read_blockingDatagram_sleepsUntilASignal() throws Exception {
        int fd = sock(SOCK_DGRAM);
        CountDownLatch asleep = new CountDownLatch(1);
        m.task.setSleepHook((t, what) -> asleep.countDown());
        CompletableFuture<Long> r = CompletableFuture.supplyAsync(() -> m.read(fd, 4).ret());
        assertTrue(asleep.await(10, TimeUnit.SECONDS), "the read never slept");
        m.task.sendSignal(Signal.SIGALRM);
        assertEquals(Errno.ERESTARTSYS.neg(), r.get(10, TimeUnit.SECONDS));
    }

    @Test
    void connect_errors_asA618HostAnswers() {
        int s = sock(SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC);
        Sockaddr nscd = Sockaddr.unix("/var/run/nscd/socket");
        assertEquals(Errno.ENOENT.neg(), connect(s, nscd, LEN));
        assertEquals(Errno.EINVAL.neg(), connect(s, nscd, LEN + 1));
        assertEquals(Errno.EINVAL.neg(), connect(s, nscd, 2));
        assertEquals(Errno.EINVAL.neg(), connect(s, nscd, 1));
        assertEquals(Errno.EINVAL.neg(), connect(s, nscd, 0));
        assertEquals(Errno.EINVAL.neg(), connect(s, nscd, -1));
        assertEquals(Errno.EINVAL.neg(), connect(s, new Sockaddr(AF_INET, "/mnt".getBytes()), LEN));
        assertEquals(Errno.EFAULT.neg(), connect(s, null, LEN));
        assertEquals(Errno.EBADF.neg(), connect(99, nscd, LEN));
        m.touch("file");
        int file = m.openOk("file", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.ENOTSOCK.neg(), connect(file, nscd, LEN));
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix("/mnt/file"), LEN), "not a socket inode");
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix("/mnt"), LEN));
        assertEquals(Errno.ENOENT.neg(), connect(s, Sockaddr.unix("/mnt/nodir/x"), LEN));
        assertEquals(Errno.ENOTDIR.neg(), connect(s, Sockaddr.unix("/mnt/file/x"), LEN));
        assertEquals(0, m.call(() -> m.sys.mknod(m.task, "nod", StatMode.S_IFSOCK | 0644, 0)));
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix("nod"), LEN), "a socket inode nobody bound");
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unixAbstract("kemu-xyz"), abstractLen("kemu-xyz")));
        assertEquals(Errno.EINVAL.neg(), connect(s, Sockaddr.unixAbstract("kemu-xyz"), 2));
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix(""), LEN), "108 NULs are an abstract name");
        int d = sock(SOCK_DGRAM);
        assertEquals(Errno.ECONNREFUSED.neg(), connect(d, Sockaddr.unix("nod"), LEN));
        assertEquals(Errno.ENOENT.neg(), connect(d, nscd, LEN));
        assertEquals(0, connect(d, new Sockaddr(Net.AF_UNSPEC, new byte[0]), 2), "AF_UNSPEC dissolves an association");
        assertEquals(Errno.EINVAL.neg(), connect(d, new Sockaddr(Net.AF_UNSPEC, new byte[0]), 1));
    }

    @Test
    void connect_nonSocketWithBadAddress_orderDependsOnTheVersion() {
        m.touch("file");
        int file = m.openOk("file", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.EFAULT.neg(), m.call(() -> m.sys.connect(m.task, file, null, LEN, true)), "5.5+: the address first");
        assertEquals(Errno.ENOTSOCK.neg(), m.call(() -> m.sys.connect(m.task, file, null, LEN, false)), "before 5.5: the socket first");
        assertEquals(Errno.EINVAL.neg(), m.call(() -> m.sys.connect(m.task, file, Sockaddr.unix("x"), 200, true)));
        assertEquals(Errno.ENOTSOCK.neg(), m.call(() -> m.sys.connect(m.task, file, Sockaddr.unix("x"), 200, false)));
    }

    @Test
    void bind_path_makesASocketInodeThatRefusesConnections() {
        int b1 = sock(SOCK_STREAM);
        assertEquals(0, bind(b1, Sockaddr.unix("/mnt/bound"), LEN));
        assertEquals(StatMode.S_IFSOCK | 0755, m.lstatResult("bound").stat().mode(), "0777 less the umask");
        int s = sock(SOCK_STREAM);
        int d = sock(SOCK_DGRAM);
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix("bound"), LEN), "bound but not listening");
        assertEquals(Errno.EPROTOTYPE.neg(), connect(d, Sockaddr.unix("bound"), LEN));
        int b2 = sock(SOCK_STREAM);
        assertEquals(Errno.EADDRINUSE.neg(), bind(b2, Sockaddr.unix("bound"), LEN));
        m.touch("file");
        assertEquals(Errno.EADDRINUSE.neg(), bind(b2, Sockaddr.unix("file"), LEN));
        assertEquals(Errno.ENOENT.neg(), bind(b2, Sockaddr.unix("nodir/x"), LEN));
        assertEquals(Errno.EINVAL.neg(), bind(b1, Sockaddr.unix("second"), LEN), "already bound");
        assertEquals(Errno.ENOENT.neg(), m.lstatResult("second").ret(), "the name made for it is gone again");
        assertEquals(0, m.close(b1));
        assertEquals(StatMode.S_IFSOCK | 0755, m.lstatResult("bound").stat().mode(), "the name outlives the socket");
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unix("bound"), LEN));
        assertEquals(Errno.EBADF.neg(), bind(b1, Sockaddr.unix("x"), LEN));
        m.touch("f2");
        int file = m.openOk("f2", Fcntl.O_RDONLY, 0);
        assertEquals(Errno.ENOTSOCK.neg(), bind(file, null, LEN), "bind looks at the socket before the address");
    }

    @Test
    void bind_datagramPeer_connectIsNotModelled() {
        int peer = sock(SOCK_DGRAM);
        assertEquals(0, bind(peer, Sockaddr.unix("peer"), LEN));
        int d = sock(SOCK_DGRAM);
        assertEquals(Net.NOT_MODELLED, connect(d, Sockaddr.unix("peer"), LEN));
        assertEquals(Errno.ENOTCONN.neg(), m.write(d, new byte[1]), "nothing changed");
    }

    @Test
    void bind_abstractNames_takenOnceForgottenAtClose() {
        String name = "kemu-abstract";
        int b = sock(SOCK_STREAM);
        int other = sock(SOCK_STREAM);
        int d = sock(SOCK_DGRAM);
        assertEquals(0, bind(b, Sockaddr.unixAbstract(name), abstractLen(name)));
        assertEquals(Errno.EADDRINUSE.neg(), bind(other, Sockaddr.unixAbstract(name), abstractLen(name)));
        assertEquals(0, bind(other, Sockaddr.unixAbstract(name), abstractLen(name) + 1), "the length is part of the name");
        assertEquals(Errno.EINVAL.neg(), bind(b, Sockaddr.unixAbstract("again"), abstractLen("again")));
        int s = sock(SOCK_STREAM);
        assertEquals(Errno.ECONNREFUSED.neg(), connect(s, Sockaddr.unixAbstract(name), abstractLen(name)));
        assertEquals(Errno.EPROTOTYPE.neg(), connect(d, Sockaddr.unixAbstract(name), abstractLen(name)));
        assertEquals(0, m.close(b));
        assertEquals(Errno.ECONNREFUSED.neg(), connect(d, Sockaddr.unixAbstract(name), abstractLen(name)), "the name went with the socket");
        int c = sock(SOCK_STREAM);
        assertEquals(0, bind(c, Sockaddr.unixAbstract(name), abstractLen(name)), "free again");
    }

    @Test
    void bind_bareFamily_autobindsOnce() {
        int s = sock(SOCK_DGRAM);
        assertEquals(0, bind(s, new Sockaddr(AF_UNIX, new byte[0]), 2));
        assertEquals(0, bind(s, new Sockaddr(AF_UNIX, new byte[0]), 2), "already bound: nothing to do");
        assertEquals(Errno.EINVAL.neg(), bind(s, Sockaddr.unix("late"), LEN));
    }

    @Test
    void fchown_socket_changesTheSockfsInode() {
        int s = sock(SOCK_STREAM);
        assertEquals(0, m.call(() -> m.sys.fchown(m.task, s, 7, 8)));
        assertEquals(7, m.fstat(s).uid());
        assertEquals(8, m.fstat(s).gid());
    }
}
