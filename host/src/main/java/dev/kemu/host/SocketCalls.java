package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.Task;
import java.nio.charset.StandardCharsets;

/**
 * socket, connect and bind on the host ({@code net/socket.c}). Every family goes to the host
 * kernel, so AF_INET and the rest give real sockets here (the emulated kernel answers
 * {@link Net#NOT_MODELLED} for them).
 *
 * <p>The address is laid out in native memory as the caller's process would hold it: the family,
 * the data, zeros up to {@code addrlen}. A relative AF_UNIX name is resolved from the task's
 * working directory by rewriting it to {@code /proc/self/fd/N/name} (the JVM's own directory is
 * shared by every task); a rewritten name longer than {@code sun_path} is refused. bind to a
 * filesystem name outside the machine's directory is refused like any other name it would make.
 */
final class SocketCalls {
    private final Machine m;

    SocketCalls(Machine m) {
        this.m = m;
    }

    long socket(Task t, int family, int type, int protocol) {
        return m.run(t, () -> m.install(m.fds(t), Libc.sys(Libc.SOCKET, family & 0xFFFFFFFFL, type & 0xFFFFFFFFL,
                protocol & 0xFFFFFFFFL), 0));
    }

    long connect(Task t, int fd, Sockaddr addr, int addrlen) {
        return call(t, "connect", Libc.CONNECT, fd, addr, addrlen);
    }

    long bind(Task t, int fd, Sockaddr addr, int addrlen) {
        return call(t, "bind", Libc.BIND, fd, addr, addrlen);
    }

    private long call(Task t, String call, long nr, int fd, Sockaddr addr, int addrlen) {
        return m.run(t, () -> {
            FdMap fds = m.fds(t);
            int h = fds.host(fd);
            Sockaddr a = addr;
            int len = addrlen;
            String name = unixName(a, len);
            if (name != null) {
                int base = name.startsWith("/") ? -1 : m.cwdFd(fds);
                if (nr == Libc.BIND) {
                    String why = m.sandbox.refuseWrite(base < 0 ? dev.kemu.vfs.Fcntl.AT_FDCWD : base, name, Sandbox.Intent.NAME);
                    if (why != null) {
                        return m.refuse(call, name, why);
                    }
                }
                if (base >= 0) {
                    String abs = "/proc/self/fd/" + base + "/" + name;
                    byte[] b = abs.getBytes(StandardCharsets.UTF_8);
                    if (b.length >= Net.SOCKADDR_UN_SIZE - 2) {
                        return m.refuse(call, name, "a relative socket name too long to resolve from the working directory");
                    }
                    a = new Sockaddr(Net.AF_UNIX, b);
                    len = 2 + b.length + 1;
                }
            }
            if (a == null) {
                return Libc.sys(nr, h, 0, len & 0xFFFFFFFFL);
            }
            try (Memory mem = new Memory(Net.SOCKADDR_STORAGE_SIZE + 8)) {
                mem.clear();
                byte[] data = a.data();
                mem.setShort(0, (short) a.family());
                mem.write(2, data, 0, Math.min(data.length, Net.SOCKADDR_STORAGE_SIZE - 2));
                return Libc.sys(nr, h, Machine.addr(mem), len & 0xFFFFFFFFL);
            }
        });
    }

    /** The filesystem name an AF_UNIX address of a valid length carries, or null (abstract, invalid, another family). */
    private static String unixName(Sockaddr a, int len) {
        if (a == null || a.family() != Net.AF_UNIX || len <= 2 || len > Net.SOCKADDR_UN_SIZE) {
            return null;
        }
        byte[] d = a.data();
        int n = 0;
        while (n < d.length && n < len - 2 && d[n] != 0) {
            n++;
        }
        return n == 0 ? null : new String(d, 0, n, StandardCharsets.UTF_8);
    }

    /** {@code socketpair} on the host; both descriptors numbered in the trace's table (EMFILE when it has no two free). */
    long socketpair(Task t, int family, int type, int protocol, int[] out) {
        return m.run(t, () -> {
            try (Memory cell = new Memory(8)) {
                long r = Libc.sys(Libc.SOCKETPAIR, family & 0xFFFFFFFFL, type & 0xFFFFFFFFL, protocol & 0xFFFFFFFFL,
                        out == null ? m.memory.faultingAddress() : Machine.addr(cell), 0, 0);
                if (r < 0) {
                    return r;
                }
                int a = cell.getInt(0);
                int b = cell.getInt(4);
                FdMap fds = m.fds(t);
                if (fds.free(0) < 2) {
                    Libc.sys(Libc.CLOSE, a);
                    Libc.sys(Libc.CLOSE, b);
                    return dev.kemu.vfs.Errno.EMFILE.neg();
                }
                out[0] = fds.install(a, 0);
                out[1] = fds.install(b, 0);
                return 0;
            }
        });
    }

    /** {@code getsockname}/{@code getpeername} on the host. */
    dev.kemu.vfs.SockName getname(Task t, int fd, int addrlen, boolean peer) {
        long[] len = new long[1];
        byte[][] raw = new byte[1][];
        long r = m.run(t, () -> {
            try (Memory addr = new Memory(Net.SOCKADDR_STORAGE_SIZE); Memory lenCell = new Memory(4)) {
                addr.clear();
                lenCell.setInt(0, addrlen);
                long ret = Libc.sys(peer ? Libc.GETPEERNAME : Libc.GETSOCKNAME, m.fds(t).host(fd) & 0xFFFFFFFFL,
                        Machine.addr(addr), Machine.addr(lenCell));
                if (ret == 0) {
                    len[0] = lenCell.getInt(0);
                    raw[0] = addr.getByteArray(0, (int) Math.min(len[0], Net.SOCKADDR_STORAGE_SIZE));
                }
                return ret;
            }
        });
        if (r < 0) {
            return dev.kemu.vfs.SockName.error(r);
        }
        byte[] b = raw[0];
        int family = b.length >= 2 ? (b[0] & 0xff) | (b[1] & 0xff) << 8 : 0;
        byte[] data = b.length > 2 ? java.util.Arrays.copyOfRange(b, 2, b.length) : new byte[0];
        return new dev.kemu.vfs.SockName(0, new Sockaddr(family, data), (int) len[0]);
    }

    /** {@code sendto}/{@code recvfrom} without an address on the host (SIGPIPE raised on the task as the host sends it). */
    long transfer(Task t, int fd, dev.kemu.vfs.UserBuffer buf, long len, int flags, boolean send) {
        return m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory)) {
                long a = cm.buffer(buf, send ? len : 0);
                long h = m.fds(t).host(fd) & 0xFFFFFFFFL;
                long r = send
                        ? m.sys(t, "sendto", true, Libc.SENDTO, h, a, len, flags & 0xFFFFFFFFL, 0, 0)
                        : m.sys(t, "recvfrom", false, Libc.RECVFROM, h, a, len, flags & 0xFFFFFFFFL, 0, 0);
                if (!send && r > 0) {
                    cm.copyOut(buf, r);
                }
                return r;
            }
        });
    }

    /** {@code poll}/{@code ppoll} on the host, descriptors translated to the host's; null timeout waits. */
    dev.kemu.vfs.PollResult poll(Task t, java.util.List<dev.kemu.vfs.PollFd> fds, long nfds, boolean ppoll, long timeoutMs,
            dev.kemu.vfs.Timespec ts) {
        int n = fds == null ? 0 : (int) Math.min(nfds, fds.size());
        int[] revents = new int[n];
        long r = m.run(t, () -> {
            try (Memory arr = new Memory(Math.max(8, 8L * n)); Memory tsCell = new Memory(16)) {
                FdMap map = m.fds(t);
                for (int i = 0; i < n; i++) {
                    dev.kemu.vfs.PollFd p = fds.get(i);
                    arr.setInt(8L * i, p.fd() < 0 ? p.fd() : map.host(p.fd()));
                    arr.setShort(8L * i + 4, (short) p.events());
                    arr.setShort(8L * i + 6, (short) 0);
                }
                long a = fds == null && nfds > 0 ? m.memory.faultingAddress() : Machine.addr(arr);
                long ret;
                if (ppoll) {
                    long tsp = 0;
                    if (ts != null) {
                        tsCell.setLong(0, ts.sec());
                        tsCell.setLong(8, ts.nsec());
                        tsp = Machine.addr(tsCell);
                    }
                    ret = m.sys(t, "ppoll", false, Libc.PPOLL, a, nfds, tsp, 0, 8, 0);
                } else {
                    ret = m.sys(t, "poll", false, Libc.POLL, a, nfds, timeoutMs, 0, 0, 0);
                }
                for (int i = 0; i < n; i++) {
                    revents[i] = arr.getShort(8L * i + 6) & 0xffff;
                }
                return ret;
            }
        });
        return new dev.kemu.vfs.PollResult(r, r < 0 ? null : revents);
    }

    /** {@code sendmsg}/{@code recvmsg} on the host with a {@code msghdr} holding only the iovecs. */
    dev.kemu.vfs.MsgResult msg(Task t, int fd, java.util.List<dev.kemu.vfs.Iovec> iov, int flags, boolean send) {
        int[] msgFlags = new int[1];
        long r = m.run(t, () -> {
            try (CallMemory cm = new CallMemory(m.memory); Memory hdr = new Memory(56)) {
                hdr.clear();
                long a = cm.iovecs(iov, send);
                hdr.setLong(16, a);
                hdr.setLong(24, iov.size());
                long h = m.fds(t).host(fd) & 0xFFFFFFFFL;
                long ret = send
                        ? m.sys(t, "sendmsg", true, Libc.SENDMSG, h, Machine.addr(hdr), flags & 0xFFFFFFFFL, 0, 0, 0)
                        : m.sys(t, "recvmsg", false, Libc.RECVMSG, h, Machine.addr(hdr), flags & 0xFFFFFFFFL, 0, 0, 0);
                if (!send && ret > 0) {
                    cm.copyOutIovecs(iov, ret);
                }
                msgFlags[0] = hdr.getInt(48);
                return ret;
            }
        });
        return new dev.kemu.vfs.MsgResult(r, r < 0 ? 0 : msgFlags[0]);
    }
}
