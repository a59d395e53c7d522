package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.Named;
import dev.kemu.strace.Num;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.Sched;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.WaitResult;
import java.util.Set;

/**
 * The process calls of a record ({@code clone}, {@code clone3}, {@code fork}, {@code vfork}, {@code wait4},
 * {@code waitid}, {@code kill}, {@code tkill}, {@code tgkill}, {@code setpgid}, {@code getpgid}, {@code getpgrp},
 * {@code setsid}, {@code getsid}): process ids, and the process group and session ids named after them, in
 * arguments and results are the recording machine's, mapped to and from the model's through {@link Pids}; the
 * {@link Executed#ret()} of these calls is the result as the record would show it (a child's recorded pid).
 */
final class ProcessCalls {
    static final Set<String> NAMES = Set.of("clone", "clone3", "fork", "vfork", "wait4", "waitid", "kill", "tkill",
            "tgkill", "setpgid", "getpgid", "getpgrp", "setsid", "getsid");

    /** The mapping between the record's process ids and the model's. */
    interface Pids {
        /** The model's id for a recorded one; an id the record never showed is passed as it is. */
        int toModel(int recorded);

        /** The recorded id of a model task, or the model's id when the record does not know it. */
        int toRecord(int model);
    }

    private final Syscalls kernel;
    private final Task task;
    private final Pids pids;

    ProcessCalls(Syscalls kernel, Task task, Pids pids) {
        this.kernel = kernel;
        this.task = task;
        this.pids = pids;
    }

    Executed run(SyscallLine line, Args a) {
        switch (line.name()) {
            case "fork":
                return cloned(line, kernel.fork(task));
            case "vfork":
                return cloned(line, kernel.vfork(task));
            case "clone": {
                long flags = flags(line);
                return cloned(line, kernel.clone(task, flags & ~Sched.CSIGNAL, (int) (flags & Sched.CSIGNAL)));
            }
            case "clone3": {
                long exit = cloneArgs(line).field("exit_signal").map(f -> value(f, line)).orElse(0L);
                return cloned(line, kernel.clone3(task, flags(line), (int) exit));
            }
            case "wait4":
                return wait4(line, a);
            case "waitid":
                return waitid(line, a);
            case "kill":
                return signalled(line, kernel.kill(task, pid(a.integer(0)), signal(a, 1)));
            case "tkill":
                return signalled(line, kernel.tkill(task, pid(a.integer(0)), signal(a, 1)));
            case "tgkill":
                return signalled(line, kernel.tgkill(task, pid(a.integer(0)), pid(a.integer(1)), signal(a, 2)));
            case "setpgid": {
                long ret = kernel.setpgid(task, pid(a.integer(0)), pid(a.integer(1)));
                return new Executed(ret, line.withResult(Results.of(ret)), null);
            }
            case "getpgid":
                return groupId(line, kernel.getpgid(task, pid(a.integer(0))));
            case "getpgrp":
                return groupId(line, kernel.getpgrp(task));
            case "setsid":
                return groupId(line, kernel.setsid(task));
            case "getsid":
                return groupId(line, kernel.getsid(task, pid(a.integer(0))));
            default:
                throw new ReplayException("syscall " + line.name() + " is not modelled");
        }
    }

    /** A process id argument: positive ids are tasks of the record, negative ones their process groups. */
    private int pid(int recorded) {
        if (recorded > 0) {
            return pids.toModel(recorded);
        }
        if (recorded < -1) {
            return -pids.toModel(-recorded);
        }
        return recorded;
    }

    private static int signal(Args a, int i) {
        Arg s = a.raw(i);
        if (s instanceof Sym sym) {
            Signal sig = Signal.byName(sym.text());
            if (sig == null) {
                throw new ReplayException("signal " + sym.text() + " is not modelled");
            }
            return sig.number();
        }
        return a.integer(i);
    }

    private Executed signalled(SyscallLine line, long ret) {
        if (ret == dev.kemu.vfs.Net.NOT_MODELLED) {
            throw new ReplayException(line.name() + " of a real-time signal: real-time signals are not modelled");
        }
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /**
     * A process group or session id ({@code getpgid}, {@code getpgrp}, {@code setsid}, {@code getsid}): the
     * record's id of the process that made it. Group and session 0 are those the first task was started in,
     * outside the machine (the recording's shell or tracer, an id no recorded task has): the record's value
     * stands for them and is not compared.
     */
    private Executed groupId(SyscallLine line, long ret) {
        long shown = ret > 0 ? pids.toRecord((int) ret) : ret;
        if (ret == 0 && !line.result().isError() && line.result().value().isPresent()) {
            shown = line.result().value().getAsLong();
        }
        return new Executed(shown, line.withResult(Results.of(shown)), null);
    }

    /**
     * The flags of a clone-type call as the record shows them: {@code clone(..., flags=A|B|SIGCHLD, ...)} (the exit
     * signal in the low byte), {@code clone3({flags=A|B, ...}, 88)}, {@code vfork()} (CLONE_VM|CLONE_VFORK),
     * {@code fork()} (none). The one reading of them, for the replay and for the first pass.
     *
     * @throws ReplayException when the record does not show them
     */
    static long flags(SyscallLine line) {
        switch (line.name()) {
            case "clone":
                for (Arg arg : line.args()) {
                    Arg x = arg instanceof dev.kemu.strace.Changed c ? c.before() : arg;
                    if (x instanceof Named n && n.name().equals("flags")) {
                        return value(n.value(), line);
                    }
                }
                throw new ReplayException("clone: the record does not show its flags");
            case "clone3":
                return cloneArgs(line).field("flags").map(f -> value(f, line)).orElse(0L);
            case "vfork":
                return Sched.CLONE_VM | Sched.CLONE_VFORK;
            default:
                return 0;
        }
    }

    /** {@code clone3}'s {@code struct clone_args}, as the first half of a split call printed it. */
    private static StructArg cloneArgs(SyscallLine line) {
        Arg first = line.args().isEmpty() ? null : line.args().get(0);
        Arg x = first instanceof dev.kemu.strace.Changed c ? c.before() : first;
        if (x instanceof StructArg s) {
            return s;
        }
        throw new ReplayException("clone3: the record does not show its clone_args");
    }

    /** A flag set of CLONE_ names and a signal name. */
    private static long value(Arg arg, SyscallLine line) {
        if (arg instanceof Num n) {
            return n.value();
        }
        if (!(arg instanceof Sym s)) {
            throw new ReplayException(line.name() + ": flags " + Args.describe(arg) + " are not a flag set");
        }
        long v = 0;
        for (String part : s.parts()) {
            String p = part.trim();
            Signal sig = Signal.byName(p);
            v |= sig != null ? sig.number() : Args.constant(p);
        }
        return v;
    }

    private Executed cloned(SyscallLine line, CloneResult r) {
        long ret = r.ret() > 0 ? pids.toRecord((int) r.ret()) : r.ret();
        if (r.ret() == dev.kemu.vfs.Net.NOT_MODELLED) {
            throw new ReplayException(line.name() + " into new namespaces: namespaces are not modelled");
        }
        return new Executed(ret, line.withResult(Results.of(ret)), null);
    }

    /**
     * {@code wait4}. A wait for any child (pid -1, 0 or a group) that the record shows reaping child C waits for C:
     * which of several children able to be reaped a wait takes depends on the moment it scanned its children, which
     * the record's order does not show (strace prints the exits and the wait's end as it sees them). Whether C
     * exited, when, and with what status is still the model's.
     */
    private Executed wait4(SyscallLine line, Args a) {
        int options = a.count() > 2 ? a.integer(2) : 0;
        int which = pid(a.integer(0));
        long shown = line.result().isError() ? -1 : line.result().value().orElse(-1);
        if (which <= 0 && shown > 0 && pids.toModel((int) shown) != shown) {
            which = pids.toModel((int) shown);
        }
        WaitResult r = kernel.wait4(task, which, options);
        long got = r.ret() > 0 ? pids.toRecord((int) r.ret()) : r.ret();
        SyscallLine actual = line.withResult(Results.of(got));
        String diff = null;
        if (r.ret() > 0 && a.count() > 1) {
            String status = "[" + status(r.status()) + "]";
            Arg recorded = line.args().get(1);
            actual = actual.withArg(1, new Sym(status, null));
            String want = recorded instanceof Sym s ? s.text()
                    : recorded instanceof dev.kemu.strace.ListArg l && l.size() == 1 && l.get(0) instanceof Sym s
                            ? "[" + s.text() + "]" : null;
            if (want != null && want.startsWith("[{") && !squash(want).equals(squash(status))) {
                diff = "status: expected " + want + ", got " + status;
            }
        }
        return new Executed(got, actual, diff);
    }

    /** {@code strace src/wait.c:printstatus()}: how strace prints a wait status word. */
    static String status(int status) {
        int sig = status & 0x7f;
        if (sig == 0) {
            return "{WIFEXITED(s) && WEXITSTATUS(s) == " + ((status >> 8) & 0xff) + "}";
        }
        Signal s = Signal.of(sig);
        String name = s == null ? String.valueOf(sig) : s.name();
        return "{WIFSIGNALED(s) && WTERMSIG(s) == " + name + ((status & 0x80) != 0 ? " && WCOREDUMP(s)" : "") + "}";
    }

    private static String squash(String s) {
        return s.replace(" ", "");
    }

    private Executed waitid(SyscallLine line, Args a) {
        int idtype = a.integer(0);
        int id = idtype == dev.kemu.vfs.Wait.P_PID || idtype == dev.kemu.vfs.Wait.P_PGID ? pid(a.integer(1)) : a.integer(1);
        WaitResult r = kernel.waitid(task, idtype, id, a.integer(3));
        SyscallLine actual = line.withResult(Results.of(r.ret()));
        String diff = null;
        if (r.ret() == 0 && line.args().get(2) instanceof StructArg info) {
            diff = field(info, "si_pid", r.pid() == 0 ? 0 : pids.toRecord(r.pid()), diff);
            diff = field(info, "si_status", r.status(), diff);
            if (info.field("si_code").orElse(null) instanceof Sym code) {
                String want = switch (r.code()) {
                    case WaitResult.CLD_EXITED -> "CLD_EXITED";
                    case WaitResult.CLD_KILLED -> "CLD_KILLED";
                    case WaitResult.CLD_DUMPED -> "CLD_DUMPED";
                    default -> "0";
                };
                if (diff == null && !code.text().equals(want)) {
                    diff = "si_code: expected " + code.text() + ", got " + want;
                }
            }
        }
        return new Executed(r.ret(), actual, diff);
    }

    private static String field(StructArg info, String name, long got, String diff) {
        if (diff != null) {
            return diff;
        }
        Arg f = info.field(name).orElse(null);
        long want;
        if (f instanceof Num n) {
            want = n.value();
        } else if (f instanceof Sym s && Signal.byName(s.text()) != null) {
            want = Signal.byName(s.text()).number();
        } else {
            return null;
        }
        return want == got ? null : name + ": expected " + want + ", got " + got;
    }

    /** The recorded process id a clone-type call returned, or -1. */
    static int recordedChild(SyscallLine line) {
        return line.result().isError() ? -1 : (int) line.result().value().orElse(-1);
    }

    /** True for {@code CLONE_FILES} in a clone-type call's flags. */
    static boolean sharesFiles(SyscallLine line) {
        try {
            return (flags(line) & Sched.CLONE_FILES) != 0;
        } catch (ReplayException e) {
            return false;
        }
    }
}
