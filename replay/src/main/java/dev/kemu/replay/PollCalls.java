package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Arg;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Null;
import dev.kemu.strace.Result;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.PollFd;
import dev.kemu.vfs.PollResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.SelectResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * poll and ppoll ({@code fs/select.c}): {@code poll([{fd=5, events=POLLOUT}], 1, -1) = 1 ([{fd=5, revents=POLLOUT}])}.
 * Besides the count, the descriptors strace shows with events and their {@code revents} must be the recorded ones;
 * {@code = 0 (Timeout)} is a timed poll that found nothing ready (the model does not wait out a timeout).
 */
final class PollCalls {
    /** The calls this class runs. */
    static final Set<String> NAMES = Set.of("poll", "ppoll", "select", "pselect6");
    private static final Pattern SET = Pattern.compile("(in|out|except) \\[([0-9 ]*)\\]");

    private static final Pattern REVENTS = Pattern.compile("\\{fd=(-?\\d+), revents=([^}]*)\\}");
    /** strace's order of the poll flags ({@code xlat/pollflags.in}): by value. */
    private static final String[] FLAG_NAMES = {"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL",
        "POLLRDNORM", "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", null, "POLLREMOVE", "POLLRDHUP"};

    private final Syscalls kernel;
    private final Task task;

    PollCalls(Syscalls kernel, Task task) {
        this.kernel = kernel;
        this.task = task;
    }

    Executed run(SyscallLine line, Args a) {
        if (line.name().equals("select") || line.name().equals("pselect6")) {
            return select(line, a);
        }
        List<PollFd> fds = pollfds(a.raw(0));
        long nfds = a.num(1);
        PollResult r;
        if (line.name().equals("poll")) {
            r = kernel.poll(task, fds, nfds, a.integer(2));
        } else {
            r = kernel.ppoll(task, fds, nfds, timeout(a.raw(2)));
        }
        long ret = r.ret();
        SyscallLine actual = line.withResult(result(ret, fds, r.revents()));
        String diff = null;
        if (ret > 0 && line.result().comment() != null) {
            String want = events(line.result().comment());
            String got = events(result(ret, fds, r.revents()).comment());
            if (!want.equals(got)) {
                diff = "revents: expected " + line.result().comment() + ", got " + actual.result().comment();
            }
        }
        return new Executed(ret, actual, diff);
    }

    /** {@code [{fd=3, events=POLLIN}, ...]}; null for an array the kernel cannot read (NULL or an address). */
    private static List<PollFd> pollfds(Arg arg) {
        if (arg instanceof Null || arg instanceof dev.kemu.strace.Addr) {
            return null;
        }
        if (!(arg instanceof ListArg l)) {
            throw new ReplayException("a poll array strace printed as " + Args.describe(arg) + " is not modelled yet");
        }
        List<PollFd> out = new ArrayList<>();
        for (Arg item : l.items()) {
            if (!(item instanceof StructArg s)) {
                throw new ReplayException("a pollfd strace printed as " + Args.describe(item) + " is not modelled yet");
            }
            out.add(new PollFd((int) number(s, "fd"), (int) number(s, "events")));
        }
        return out;
    }

    private static long number(StructArg s, String field) {
        Arg v = s.field(field).orElseThrow(() -> new ReplayException("a pollfd without " + field + ": " + Args.describe(s)));
        if (v instanceof dev.kemu.strace.Num n) {
            return n.value();
        }
        return Args.constant(Args.describe(v));
    }

    /** {@code {tv_sec=0, tv_nsec=0}}, or NULL (no timeout). */
    private static Timespec timeout(Arg arg) {
        if (arg instanceof Null) {
            return null;
        }
        if (arg instanceof StructArg s) {
            return new Timespec(number(s, "tv_sec"), number(s, "tv_nsec"));
        }
        throw new ReplayException("a ppoll timeout strace printed as " + Args.describe(arg) + " is not modelled yet");
    }

    /** The result as strace prints it: {@code 1 ([{fd=5, revents=POLLOUT}])}, {@code 0 (Timeout)}, or an error. */
    private static Result result(long ret, List<PollFd> fds, int[] revents) {
        if (Errno.isError(ret)) {
            return Results.of(ret);
        }
        if (ret == 0) {
            return new Result(OptionalLong.of(0), null, "Timeout", null);
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < revents.length; i++) {
            if (revents[i] == 0) {
                continue;
            }
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append("{fd=").append(fds.get(i).fd()).append(", revents=").append(flags(revents[i])).append('}');
        }
        return new Result(OptionalLong.of(ret), null, b.append(']').toString(), null);
    }

    private static String flags(int mask) {
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < FLAG_NAMES.length; bit++) {
            if ((mask & 1 << bit) != 0 && FLAG_NAMES[bit] != null) {
                b.append(b.length() > 0 ? "|" : "").append(FLAG_NAMES[bit]);
                mask &= ~(1 << bit);
            }
        }
        if (mask != 0) {
            b.append(b.length() > 0 ? "|" : "").append(String.format("%#x", mask));
        }
        return b.toString();
    }

    /** The (fd, revents) pairs of a result comment, the flags as numbers, in order. */
    private static String events(String comment) {
        StringBuilder b = new StringBuilder();
        Matcher m = REVENTS.matcher(comment);
        while (m.find()) {
            b.append(m.group(1)).append('=').append(Args.constant(m.group(2))).append(';');
        }
        return b.toString();
    }

    /**
     * {@code select(5, [3 4], [], NULL, {tv_sec=0, tv_usec=0}) = 1 (in [3], left {...})}: the sets the kernel
     * wrote back must hold the recorded descriptors.
     */
    private Executed select(SyscallLine line, Args a) {
        BitSet in = fdSet(a.raw(1));
        BitSet out = fdSet(a.raw(2));
        BitSet ex = fdSet(a.raw(3));
        boolean usec = line.name().equals("select");
        Timespec timeout = null;
        if (a.raw(4) instanceof StructArg s) {
            timeout = usec ? new Timespec(number(s, "tv_sec"), number(s, "tv_usec") * 1000) : new Timespec(number(s, "tv_sec"), number(s, "tv_nsec"));
        } else if (!(a.raw(4) instanceof Null)) {
            throw new ReplayException("a " + line.name() + " timeout strace printed as " + Args.describe(a.raw(4)) + " is not modelled yet");
        }
        SelectResult r = usec ? kernel.select(task, a.integer(0), in, out, ex, timeout) : kernel.pselect6(task, a.integer(0), in, out, ex, timeout);
        long ret = r.ret();
        String comment = null;
        if (ret == 0) {
            comment = "Timeout";
        } else if (ret > 0) {
            StringBuilder b = new StringBuilder();
            String[] names = {"in", "out", "except"};
            BitSet[] sets = {r.in(), r.out(), r.ex()};
            for (int k = 0; k < 3; k++) {
                if (sets[k] != null && !sets[k].isEmpty()) {
                    b.append(b.length() > 0 ? ", " : "").append(names[k]).append(" [");
                    b.append(sets[k].stream().mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(" "))).append(']');
                }
            }
            comment = b.toString();
        }
        Result res = Errno.isError(ret) ? Results.of(ret) : new Result(OptionalLong.of(ret), null, comment, null);
        SyscallLine actual = line.withResult(res);
        String diff = null;
        if (ret > 0 && line.result().comment() != null && !sets(line.result().comment()).equals(sets(comment))) {
            diff = "ready sets: expected " + line.result().comment() + ", got " + comment;
        }
        return new Executed(ret, actual, diff);
    }

    /** {@code [3 4]}, {@code []} or NULL (null); strace's complement form {@code ~[...]} is not modelled. */
    private static BitSet fdSet(Arg arg) {
        if (arg instanceof Null) {
            return null;
        }
        BitSet b = new BitSet();
        if (arg instanceof ListArg l) {
            for (Arg item : l.items()) {
                if (!(item instanceof dev.kemu.strace.Num n)) {
                    throw new ReplayException("a descriptor set strace printed as " + Args.describe(arg) + " is not modelled yet");
                }
                b.set((int) n.value());
            }
            return b;
        }
        String t = Args.describe(arg).trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            for (String part : t.substring(1, t.length() - 1).trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    b.set(Integer.parseInt(part));
                }
            }
            return b;
        }
        throw new ReplayException("a descriptor set strace printed as " + t + " is not modelled yet");
    }

    /** The {@code in}, {@code out} and {@code except} sets of a select result comment, normalised. */
    private static String sets(String comment) {
        StringBuilder b = new StringBuilder();
        Matcher m = SET.matcher(comment == null ? "" : comment);
        while (m.find()) {
            b.append(m.group(1)).append(':').append(m.group(2).trim().replaceAll("\\s+", " ")).append(';');
        }
        return b.toString();
    }
}
