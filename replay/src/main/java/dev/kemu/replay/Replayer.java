package dev.kemu.replay;

import dev.kemu.kernel.SyscallCatalog;
import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Result;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TracePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace on an emulated kernel: every recorded call runs, and its return value, errno, the bytes it read,
 * the offsets it wrote back and the signals it raised are compared with the record.
 *
 * <p>What each call is to the model comes from {@link SyscallCatalog}: a modelled call runs on the emulated
 * kernel and is compared; a call outside the model's state (anonymous memory, clocks, identity, signal set-up) is
 * taken from the record and counted; anything else makes the trace UNSUPPORTED, with the reason. Some calls are
 * outside for some arguments only ({@link Outside}): the recording machine's own descriptors 0, 1 and 2, resource
 * limits other than RLIMIT_NOFILE, terminal ioctls.
 *
 * <p>A log of several tasks ({@code strace -f}) runs each task on its own thread, in the log's order
 * ({@link Schedule}): a call starts where its line, or its {@code <unfinished ...>} half, stands, and the replayer
 * then waits until the machine is quiet ({@link RunQueue}: every task between calls or asleep in one) before it
 * reads on; a call must have finished where its line, or its {@code <... resumed>} half, stands. So a read that
 * blocked on an empty pipe in the record sleeps in the model until the other task's write wakes it, and a call
 * still asleep where the record shows it done is a FAIL that names both lines. Process ids are the record's in
 * the log and the model's in the kernel; clone binds the recorded child's pid to the task the model made
 * ({@link ProcessCalls}).
 *
 * <p>A call the record shows interrupted ({@code = ? ERESTARTSYS} followed by {@code --- SIGALRM}) by a signal
 * from outside the model (a timer, a program that was not traced) gets that signal where the record shows the
 * call end. The program image itself is outside the model: {@code execve} checks that the program exists in the
 * emulated tree (rebuilt from the record, as every file outside the scenario directory is, {@link ExternalFiles})
 * and closes the close-on-exec descriptors.
 */
public final class Replayer {
    /** How far to go. */
    public enum Mode {
        /** Stop at the first divergence (replay). */
        FIRST_DIVERGENCE,
        /** Run every call, whatever happens (run, compare). */
        WHOLE_TRACE
    }

    private final Syscalls kernel;
    private final Mode mode;
    private boolean traced;
    private boolean keepOutcomes = true;
    private long settleMillis = 60_000;
    private boolean wakeEarly;
    private java.util.function.Consumer<CallOutcome> listener;
    private CallListener callListener;
    private java.util.function.IntConsumer progress;

    public Replayer(Syscalls kernel, Mode mode) {
        this.kernel = kernel;
        this.mode = mode;
    }

    /** Records what the kernel does inside each call ({@link CallOutcome#graph()}), ftrace function_graph style. */
    public Replayer traced() {
        this.traced = true;
        return this;
    }

    /** Does not keep every call's outcome in the report, only the counts and the first divergence: for logs of any length. */
    public Replayer withoutOutcomes() {
        this.keepOutcomes = false;
        return this;
    }

    /**
     * Hands every call's outcome to {@code listener} as the call ends, on the replaying thread: what a command prints
     * as the replay goes, without the report keeping it (see {@link #withoutOutcomes()}).
     */
    public Replayer onOutcome(java.util.function.Consumer<CallOutcome> listener) {
        this.listener = java.util.Objects.requireNonNull(listener);
        return this;
    }

    /**
     * Tells {@code listener}, on the replaying thread after each line the replay has taken in, the first line whose
     * call may still have its outcome to come: every call that starts before it has been handed to the
     * {@link #onOutcome} listener, or never will be (the replay stopped, or took the call from the record unrun). A
     * command that prints the log with each call's outcome reads along that far behind the replay.
     */
    public Replayer onProgress(java.util.function.IntConsumer listener) {
        this.progress = java.util.Objects.requireNonNull(listener);
        return this;
    }

    /**
     * How long the replayer waits, after starting a call, for the emulated machine to be quiet (every task between
     * calls or asleep) before it reports the tasks still running; a minute unless changed.
     */
    public Replayer settleTimeout(java.time.Duration timeout) {
        this.settleMillis = Math.max(1, timeout.toMillis());
        return this;
    }

    /** Tells {@code listener} of every call once it is done with, while the machine is quiet ({@link CallListener}). */
    public Replayer onEachCall(CallListener listener) {
        this.callListener = listener;
        return this;
    }

    /**
     * A fault planted on purpose, for tests that show the replayer catches what it must: every call that goes to
     * sleep is woken at once by a signal, as if the replayer let blocked calls complete early.
     */
    Replayer wakingEveryCallEarly() {
        this.wakeEarly = true;
        return this;
    }

    public TraceReport replay(Trace trace, String name) {
        return replay(LogSource.of(trace), name);
    }

    /**
     * Replays a log in two passes over it: the first learns the world it implies (the recording machine's files,
     * {@link ExternalFiles}), the second runs it. Memory is bounded by what the emulated machine holds, by the lines
     * between a split call's halves and, unless {@link #withoutOutcomes()}, by the outcomes kept for the report.
     */
    public TraceReport replay(LogSource log, String name) {
        Coordinator run = begin(log, ExternalFiles.scan(log, kernel.workingDirectory()));
        try (LogSource.Pass pass = log.open()) {
            Schedule events = new Schedule(pass, log.callsEndUnseen());
            for (Schedule.Event e = events.next(); e != null && run.going(); e = events.next()) {
                String problem = run.event(e, events);
                if (problem != null && run.passing()) {
                    run.stop(Verdict.FAIL, e.lineNo(), problem);
                    if (mode == Mode.FIRST_DIVERGENCE) {
                        break;
                    }
                }
                if (progress != null) {
                    progress.accept(Math.min(e.lineNo() + 1, run.oldestOpen()));
                }
            }
            run.atEnd(events.lastLineNo());
        } finally {
            run.shutdown();
        }
        return run.report(name, kernel.release());
    }

    /** The machine set up for {@code log} ({@code external} installed), and a replay of it ready for its first event. */
    Coordinator begin(LogSource log, ExternalFiles external) {
        external.install(kernel);
        Coordinator run = new Coordinator(kernel, external, log.header("stdio").map(v -> v.equals("inherited")).orElse(false),
                new Coordinator.Settings(traced, keepOutcomes, settleMillis, wakeEarly, listener));
        run.callListener = callListener;
        return run;
    }

    Syscalls kernel() {
        return kernel;
    }

    Mode mode() {
        return mode;
    }

    /** The call as printed, in strace's default quoting (readable text), without its pid, cut to 70 characters. */
    static String shortCall(SyscallLine line) {
        List<dev.kemu.strace.Arg> args = new ArrayList<>();
        for (dev.kemu.strace.Arg a : line.args()) {
            args.add(a instanceof dev.kemu.strace.Str str ? str.withQuoting(dev.kemu.strace.Quoting.DEFAULT) : a);
        }
        String s = TracePrinter.format(new SyscallLine(0, line.name(), args, Result.unknown()));
        int eq = s.lastIndexOf(" = ");
        if (eq > 0) {
            s = s.substring(0, eq).stripTrailing();
        }
        return s.length() > 70 ? s.substring(0, 67) + "..." : s;
    }
}
