package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Changed;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Num;
import dev.kemu.strace.Null;
import dev.kemu.strace.StraceString;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.MsgResult;
import dev.kemu.vfs.SockName;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AF_UNIX sockets as far as programs that probe them need ({@code net/unix/af_unix.c}): glibc's nscd probe
 * ({@code socket}, {@code connect} = ENOENT, {@code close}), binding a name. A socket of another family, or a
 * connection the model cannot carry, is not modelled: the trace is UNSUPPORTED with the reason.
 */
final class SocketCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("socket", "connect", "bind", "socketpair", "getsockname", "getpeername",
            "sendto", "recvfrom", "sendmsg", "recvmsg");

    private final Syscalls kernel;
    private final Task task;

    SocketCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
        switch (line.name()) {
            case "socketpair":
                return socketpair(line, a);
            case "getsockname":
            case "getpeername":
                return getname(line, a);
            case "sendto":
            case "recvfrom":
                return transfer(line, a);
            case "sendmsg":
            case "recvmsg":
                return msg(line, a);
            default:
                break;
        }
        long ret = switch (line.name()) {
            case "socket" -> kernel.socket(task, a.integer(0), a.integer(1), a.integer(2));
            case "connect" -> kernel.connect(task, a.integer(0), address(a.raw(1)), a.integer(2));
            default -> kernel.bind(task, a.integer(0), address(a.raw(1)), a.integer(2));
        };
        if (ret == Net.NOT_MODELLED) {
            throw new ReplayException(line.name() + ": " + (line.name().equals("socket")
                    ? "sockets of family " + Args.describe(a.raw(0)) + " are not modelled yet (AF_UNIX is)"
                    : "a connection to a bound AF_UNIX socket is not modelled yet"));
        }
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /**
     * {@code {sa_family=AF_UNIX, sun_path="/run/x"}}, {@code {sa_family=AF_UNIX, sun_path=@"name"}} (an abstract
     * name), NULL, or an address strace could not read (null: it faults).
     */
    private static Sockaddr address(Arg arg) {
        if (arg instanceof Null) {
            return null;
        }
        if (arg instanceof StructArg s) {
            int family = (int) Args.constant(s.field("sa_family").filter(f -> f instanceof Sym).map(f -> ((Sym) f).text())
                    .orElseThrow(() -> new ReplayException("a socket address without sa_family: " + Args.describe(s))));
            Arg path = s.field("sun_path").orElse(null);
            if (path instanceof Str p) {
                return family == Net.AF_UNIX ? Sockaddr.unix(p.text()) : new Sockaddr(family, p.bytes());
            }
            if (path == null) {
                return new Sockaddr(family, new byte[0]);
            }
            throw new ReplayException("a socket address strace printed as " + Args.describe(s) + " is not modelled yet");
        }
        if (arg instanceof Sym s && s.text().startsWith("{sa_family=AF_UNIX, sun_path=@\"") && s.text().endsWith("\"}")) {
            String literal = s.text().substring(s.text().indexOf("@\"") + 1, s.text().length() - 1);
            byte[] name = StraceString.unquote(literal).bytes();
            return Sockaddr.unixAbstract(new String(name, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (arg instanceof dev.kemu.strace.Addr) {
            return null;
        }
        throw new ReplayException("a socket address strace printed as " + Args.describe(arg) + " is not modelled yet");
    }

    /** {@code socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4])}: the descriptors must be the recorded ones. */
    private Executed socketpair(SyscallLine line, Args a) {
        Arg rec = a.raw(3);
        boolean unwritable = rec instanceof Null || rec instanceof dev.kemu.strace.Addr;
        int[] fds = unwritable ? null : new int[2];
        long ret = kernel.socketpair(task, a.integer(0), a.integer(1), a.integer(2), fds);
        if (ret == Net.NOT_MODELLED) {
            throw new ReplayException("socketpair: sockets of family " + Args.describe(a.raw(0)) + " are not modelled yet (AF_UNIX is)");
        }
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (ret == 0 && fds != null) {
            actual = actual.withArg(3, ListArg.of(Num.of(fds[0]), Num.of(fds[1])));
            if (rec instanceof ListArg l && l.size() == 2 && l.get(0) instanceof Num r0 && l.get(1) instanceof Num r1
                    && (r0.value() != fds[0] || r1.value() != fds[1])) {
                diff = "descriptors: expected [" + r0.value() + ", " + r1.value() + "], got [" + fds[0] + ", " + fds[1] + "]";
            }
        }
        return new Executed(ret, actual, diff);
    }

    /**
     * {@code getsockname(3, {sa_family=AF_UNIX}, [16 => 2])}: the length the kernel stored and the family must be the
     * recorded ones; {@code getpeername(0, 0x7ffe..., [16])} on a non-socket is ENOTSOCK.
     */
    private Executed getname(SyscallLine line, Args a) {
        // [16], or [110 => 2]: what *addrlen held, and what the kernel stored.
        Arg lenArg = a.raw(2);
        Arg before = lenArg;
        Arg stored = null;
        if (lenArg instanceof ListArg l && l.size() == 1) {
            before = l.get(0);
            if (before instanceof Changed c) {
                before = c.before();
                stored = c.after();
            }
        } else if (line.args().get(2) instanceof Changed c && c.after() instanceof ListArg l && l.size() == 1) {
            stored = l.get(0);
        }
        boolean peer = line.name().equals("getpeername");
        int addrlen = before instanceof Num n ? (int) n.value() : 0;
        SockName r = peer ? kernel.getpeername(task, a.integer(0), addrlen) : kernel.getsockname(task, a.integer(0), addrlen);
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() == 0) {
            if (stored instanceof Num n && n.value() != r.addrlen()) {
                diff = "address length: expected " + n.value() + ", got " + r.addrlen();
            }
            if (diff == null && a.raw(1) instanceof StructArg s) {
                Arg fam = s.field("sa_family").orElse(null);
                if (fam instanceof Sym f && Args.constant(f.text()) != r.addr().family()) {
                    diff = "sa_family: expected " + f.text() + ", got " + r.addr().family();
                }
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    /** {@code sendto(fd, buf, len, flags, NULL, 0)} and {@code recvfrom(fd, buf, len, flags, NULL, NULL)}. */
    private Executed transfer(SyscallLine line, Args a) {
        boolean send = line.name().equals("sendto");
        if (!(a.raw(4) instanceof Null)) {
            throw new ReplayException(line.name() + " with an address is not modelled yet");
        }
        long len = a.num(2);
        UserBuffer buf;
        if (send) {
            buf = a.raw(1) instanceof Str s ? UserBuffer.of(java.util.Arrays.copyOf(s.bytes(), (int) Math.min(len, Integer.MAX_VALUE)))
                    : kernel.userMemory(task, a.num(1), Math.max(0, Math.min(len, MAX)), false).buf();
        } else {
            buf = a.raw(1) instanceof dev.kemu.strace.Addr ad ? kernel.userMemory(task, ad.value(), Math.max(0, Math.min(len, MAX)), true).buf()
                    : UserBuffer.allocate((int) Math.max(0, Math.min(len, MAX)));
        }
        long ret = send ? kernel.sendto(task, a.integer(0), buf, len, a.integer(3)) : kernel.recvfrom(task, a.integer(0), buf, len, a.integer(3));
        SyscallLine actual = line.withResult(Results.of(ret));
        String diff = null;
        if (!send && ret > 0) {
            // MSG_TRUNC returns a datagram's whole length; the buffer holds what fitted.
            byte[] got = buf.read(0, (int) Math.min(ret, Math.min(len, buf.length())));
            actual = actual.withArg(1, Str.of(got, a.raw(1) instanceof Str s ? s.quoting() : dev.kemu.strace.Quoting.HEX_ALL));
            if (a.raw(1) instanceof Str s && !Args.hasCutString(line) && !java.util.Arrays.equals(s.bytes(), got)) {
                diff = "data received differs from the record";
            }
        }
        return new Executed(ret, actual, diff);
    }

    /** The most user memory a transfer is given (MAX_RW_COUNT). */
    private static final long MAX = dev.kemu.vfs.Fcntl.MAX_RW_COUNT;

    /**
     * {@code sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="abc", iov_len=3}], msg_iovlen=1,
     * msg_controllen=0, msg_flags=0}, 0)}; a name or control data is not modelled. recvmsg's bytes and returned
     * {@code msg_flags} must be the recorded ones.
     */
    private Executed msg(SyscallLine line, Args a) {
        boolean send = line.name().equals("sendmsg");
        if (!(a.raw(1) instanceof StructArg hdr)) {
            throw new ReplayException(line.name() + " with a msghdr strace printed as " + Args.describe(a.raw(1)) + " is not modelled yet");
        }
        Arg name = hdr.field("msg_name").orElse(null);
        if (name != null && !(name instanceof Null)) {
            throw new ReplayException(line.name() + " with an address is not modelled yet");
        }
        Arg control = hdr.field("msg_controllen").orElse(null);
        if (hdr.field("msg_control").isPresent() || control instanceof Num c && c.value() != 0) {
            throw new ReplayException(line.name() + " with control data is not modelled yet");
        }
        List<Iovec> iov = new ArrayList<>();
        List<byte[]> recorded = new ArrayList<>();
        if (hdr.field("msg_iov").orElse(null) instanceof ListArg l) {
            for (Arg item : l.items()) {
                if (!(item instanceof StructArg v)) {
                    throw new ReplayException("an iovec strace printed as " + Args.describe(item) + " is not modelled yet");
                }
                long len = v.field("iov_len").filter(x -> x instanceof Num).map(x -> ((Num) x).value())
                        .orElseThrow(() -> new ReplayException("iovec without a numeric iov_len"));
                Arg base = v.field("iov_base").orElse(null);
                UserBuffer buf = UserBuffer.allocate((int) Math.max(0, Math.min(len, MAX)));
                if (base instanceof Str str) {
                    byte[] d = str.bytes();
                    recorded.add(d);
                    if (send) {
                        buf.write(0, d, 0, Math.min(d.length, buf.length()));
                    }
                }
                iov.add(new Iovec(base instanceof Null ? null : buf, len));
            }
        }
        long ret;
        String diff = null;
        SyscallLine actual;
        if (send) {
            ret = kernel.sendmsg(task, a.integer(0), iov, a.integer(2));
            actual = line.withResult(Results.of(ret));
        } else {
            MsgResult r = kernel.recvmsg(task, a.integer(0), iov, a.integer(2));
            ret = r.ret();
            actual = line.withResult(Results.of(ret));
            if (ret >= 0) {
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                java.io.ByteArrayOutputStream want = new java.io.ByteArrayOutputStream();
                long left = ret;
                for (int i = 0; i < iov.size() && left > 0; i++) {
                    int n = (int) Math.min(left, iov.get(i).len());
                    if (iov.get(i).base() != null) {
                        got.writeBytes(iov.get(i).base().read(0, n));
                    }
                    if (i < recorded.size()) {
                        want.writeBytes(java.util.Arrays.copyOf(recorded.get(i), Math.min(n, recorded.get(i).length)));
                    }
                    left -= n;
                }
                if (!Args.hasCutString(line) && recorded.size() == iov.size() && !java.util.Arrays.equals(want.toByteArray(), got.toByteArray())) {
                    diff = "data received differs from the record";
                }
                Arg flags = hdr.field("msg_flags").orElse(null);
                Arg after = line.args().get(1) instanceof Changed c && c.after() instanceof StructArg s2 ? s2.field("msg_flags").orElse(null) : flags;
                if (diff == null && after != null) {
                    long want2 = after instanceof Num n ? n.value() : Args.constant(Args.describe(after));
                    if (want2 != r.msgFlags()) {
                        diff = "msg_flags: expected " + Args.describe(after) + ", got " + r.msgFlags();
                    }
                }
            }
        }
        return new Executed(ret, actual, diff);
    }
}
