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
import dev.kemu.vfs.SockName;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Task;
import java.util.Set;

/**
 * AF_UNIX sockets as far as programs that probe them need ({@code net/unix/af_unix.c}): glibc's nscd probe
 * ({@code socket}, {@code connect} = ENOENT, {@code close}), binding a name. A socket of another family, or a
 * connection the model cannot carry, is not modelled: the trace is UNSUPPORTED with the reason.
 */
final class SocketCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("socket", "connect", "bind", "socketpair", "getsockname", "getpeername",
            "sendto", "recvfrom");

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
        Long len = a.pointed(2);
        boolean peer = line.name().equals("getpeername");
        int addrlen = len == null ? 0 : (int) (long) len;
        SockName r = peer ? kernel.getpeername(task, a.integer(0), addrlen) : kernel.getsockname(task, a.integer(0), addrlen);
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() == 0) {
            Arg after = line.args().get(2) instanceof Changed c ? c.after() : null;
            if (after instanceof ListArg l && l.size() == 1 && l.get(0) instanceof Num n && n.value() != r.addrlen()) {
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
            byte[] got = buf.read(0, (int) ret);
            actual = actual.withArg(1, Str.of(got, a.raw(1) instanceof Str s ? s.quoting() : dev.kemu.strace.Quoting.HEX_ALL));
            if (a.raw(1) instanceof Str s && !Args.hasCutString(line) && !java.util.Arrays.equals(s.bytes(), got)) {
                diff = "data received differs from the record";
            }
        }
        return new Executed(ret, actual, diff);
    }

    /** The most user memory a transfer is given (MAX_RW_COUNT). */
    private static final long MAX = dev.kemu.vfs.Fcntl.MAX_RW_COUNT;
}
