package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Null;
import dev.kemu.strace.StraceString;
import dev.kemu.strace.Str;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Net;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.Task;
import java.util.Set;

/**
 * AF_UNIX sockets as far as programs that probe them need ({@code net/unix/af_unix.c}): glibc's nscd probe
 * ({@code socket}, {@code connect} = ENOENT, {@code close}), binding a name. A socket of another family, or a
 * connection the model cannot carry, is not modelled: the trace is UNSUPPORTED with the reason.
 */
final class SocketCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("socket", "connect", "bind");

    private final Syscalls kernel;
    private final Task task;

    SocketCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
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
}
