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
}
