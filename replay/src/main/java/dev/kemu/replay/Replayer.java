package dev.kemu.replay;

import dev.kemu.kernel.SyscallCatalog;
import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.Result;
import dev.kemu.strace.ResumedLine;
import dev.kemu.strace.UnfinishedLine;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace on an emulated kernel: every recorded call runs in order, and its return value, errno, the
 * bytes it read, the offsets it wrote back and the signals it raised are compared with the record.
 *
 * <p>What each call is to the model comes from {@link SyscallCatalog}: a modelled call runs on the emulated
 * kernel and is compared; a call outside the model's state (anonymous memory, clocks, identity, signal set-up) is
 * taken from the record and counted; anything else makes the trace UNSUPPORTED, with the reason. Some calls are
 * outside for some arguments only ({@link Outside}): the recording machine's own descriptors 0, 1 and 2, resource
 * limits other than RLIMIT_NOFILE, terminal ioctls.
 *
 * <p>The program image itself is outside the model: the first {@code execve} of the log checks that the program
 * exists in the emulated tree (rebuilt from the record, as every file outside the scenario directory is,
 * {@link ExternalFiles}) and closes the close-on-exec descriptors.
 *
 * <p>A call that would sleep can only be woken by a signal, since one task runs: when the record shows the call
 * interrupted ({@code = ? ERESTARTSYS} followed by {@code --- SIGALRM}), the replayer delivers that signal as the
 * task falls asleep; otherwise the call would sleep forever, and the replayer breaks the wait and reports it.
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

    public Replayer(Syscalls kernel, Mode mode) {
        this.kernel = kernel;
        this.mode = mode;
    }

    /** Interrupts sleeps the way the record says, or notes that the task would sleep forever. */
    private static final class Hook implements SleepHook {
        SyscallLine current;
        boolean blockedForever;
        String signalName;

        @Override
        public void beforeSleep(Task task, Object what) {
            if (current != null && "ERESTARTSYS".equals(current.result().errno()) && signalName != null) {
                task.sendSignal(signalFor(signalName));
            } else {
                blockedForever = true;
                task.sendSignal(Signal.SIGKILL);
            }
        }

        private static Signal signalFor(String name) {
            for (Signal s : Signal.values()) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return Signal.SIGALRM;
        }
    }

    /** Records what the kernel does inside each call ({@link CallOutcome#graph()}), ftrace function_graph style. */
    public Replayer traced() {
        this.traced = true;
        return this;
    }

    /** The state of one replay. */
    private final class Run {
        final Task task;
        final Ftrace tracer;
        final Hook hook = new Hook();
        final CallExecutor exec;
        final Outside outside = new Outside();
        final List<CallOutcome> outcomes = new ArrayList<>();
        final SignalQueue raised = new SignalQueue();
        Verdict verdict = Verdict.PASS;
        int firstLine;
        String reason = "";
        Throwable bug;
        int pid = -1;
        int calls;
        int compared;
        int outsideCalls;
        int cut;
        boolean exited;
        boolean stdioInherited;
        ExternalFiles external;

        Run() {
            task = kernel.newTask();
            tracer = traced ? new Ftrace() : null;
            task.setTracer(tracer);
            task.setSleepHook(hook);
            exec = new CallExecutor(kernel, task);
        }

        void keep(CallOutcome o) {
            if (keepOutcomes) {
                outcomes.add(o);
            }
        }

        void stop(Verdict v, int line, String why) {
            verdict = v;
            firstLine = line;
            reason = why;
        }
    }

    /** Does not keep every call's outcome in the report, only the counts and the first divergence: for logs of any length. */
    public Replayer withoutOutcomes() {
        this.keepOutcomes = false;
        return this;
    }

    public TraceReport replay(Trace trace, String name) {
        return replay(LogSource.of(trace), name);
    }

    /**
     * Replays a log in two passes over it: the first learns the world it implies (the recording machine's files,
     * {@link ExternalFiles}), the second runs it. Memory is bounded by what the emulated machine holds and, unless
     * {@link #withoutOutcomes()}, by the outcomes kept for the report.
     */
    public TraceReport replay(LogSource log, String name) {
        ExternalFiles external = ExternalFiles.scan(log, kernel.workingDirectory());
        external.install(kernel);
        Run run = new Run();
        run.external = external;
        external.identity().applyTo(run.task);
        run.exec.recordedDirectories(external::isRecordedDirectory);
        run.stdioInherited = log.header("stdio").map(v -> v.equals("inherited")).orElse(false);
        try (LogSource.Pass pass = log.open()) {
            Lookahead lines = new Lookahead(pass);
            for (TraceLine tl = lines.next(); tl != null && run.verdict != Verdict.UNSUPPORTED; tl = lines.next()) {
                String problem = null;
                if (tl instanceof SignalLine sl) {
                    problem = run.raised.recordShows(sl.signal());
                } else if (tl instanceof SyscallLine line) {
                    problem = call(run, line, lines);
                } else if (tl instanceof UnfinishedLine || tl instanceof ResumedLine) {
                    run.stop(Verdict.UNSUPPORTED, tl.lineNo(), "a call strace split (<unfinished ...>, resumed>) whose other "
                            + "half the log does not hold");
                }
                if (problem != null && run.verdict == Verdict.PASS) {
                    run.stop(Verdict.FAIL, tl.lineNo(), problem);
                    if (mode == Mode.FIRST_DIVERGENCE) {
                        break;
                    }
                }
            }
            if (run.verdict == Verdict.PASS && run.raised.pending() != null) {
                run.stop(Verdict.FAIL, lines.lastLineNo(),
                        "the emulated kernel raised " + run.raised.pending() + " after the last call; the record shows no signal");
            }
        }
        run.task.setTracer(null);
        return new TraceReport(name, kernel.release(), run.verdict, run.firstLine, run.reason, run.outcomes, run.bug,
                new TraceReport.Counts(run.calls, run.compared, run.outsideCalls, run.cut));
    }

    /** Handles one system call line; returns the divergence, or null. */
    private String call(Run run, SyscallLine line, Lookahead lines) {
        int pid = line.pid();
        if (run.pid < 0) {
            run.pid = pid;
        } else if (pid != run.pid) {
            run.stop(Verdict.UNSUPPORTED, line.lineNo(), "the log holds several processes (pid " + run.pid + " and "
                    + pid + "); only single-process logs are replayed");
            return null;
        }
        if (run.calls++ == 0 && (line.name().equals("execve") || run.stdioInherited)) {
            run.outside.inheritStdio();
        }
        if (run.exited) {
            return "the record shows " + line.name() + " after the process exited";
        }
        if (run.raised.pending() != null && !run.outside.isOutside(line, run.task)) {
            return "the emulated kernel raised " + run.raised.pending() + " before this call; the record shows no signal";
        }
        SyscallCatalog.Kind kind = SyscallCatalog.kind(line.name());
        String unusable = line.opaque();
        boolean machineFile = run.outside.describesRecordingMachine(line, kernel, run.task);
        boolean anonymous = false;
        try {
            anonymous = MemoryCalls.NAMES.contains(line.name()) && unusable == null
                    && run.exec.memory().isAnonymous(line, new Args(line));
        } catch (ReplayException e) {
            // The call reports its own arguments when it runs.
        }
        if (kind == SyscallCatalog.Kind.OUTSIDE || machineFile || anonymous || run.outside.isOutside(line, run.task)) {
            run.outsideCalls++;
            run.outside.observe(line);
            run.outside.dispositions(line, run.task);
            if (anonymous) {
                run.exec.memory().apply(line, new Args(line));
            }
            if (machineFile && (line.name().equals("open") || line.name().equals("openat"))) {
                String problem = run.exec.placeholder(line);
                if (problem != null) {
                    run.keep(new CallOutcome(line, line, problem, List.of(), List.of(), false));
                    return shortCall(line) + ": " + problem;
                }
                run.outside.adopt((int) line.result().value().orElse(-1));
            }
            run.keep(new CallOutcome(line, line, null, List.of(), List.of(), false));
            return null;
        }
        if (kind == SyscallCatalog.Kind.UNSUPPORTED || !CallExecutor.SUPPORTED.contains(line.name())) {
            run.stop(Verdict.UNSUPPORTED, line.lineNo(), "syscall " + line.name() + " is not modelled yet");
            return null;
        }
        if (unusable != null) {
            run.stop(Verdict.UNSUPPORTED, line.lineNo(), line.name() + ": " + unusable);
            return null;
        }
        run.hook.current = line;
        run.hook.blockedForever = false;
        run.hook.signalName = lines.signalBeforeNextCall();
        Executed ex;
        try {
            ex = run.exec.run(line);
        } catch (ReplayException e) {
            run.stop(Verdict.UNSUPPORTED, line.lineNo(), e.getMessage());
            return null;
        } catch (RuntimeException e) {
            // A Java exception out of a syscall is an emulator bug: report it, never crash.
            run.stop(Verdict.FAIL, line.lineNo(), shortCall(line) + ": emulator bug: " + e);
            run.bug = e;
            return null;
        }
        run.compared++;
        if (Args.hasCutString(line)) {
            run.cut++;
        }
        run.outside.track(line, ex.ret());
        if (ex.ret() >= 0 && (line.name().equals("openat") || line.name().equals("open"))
                && run.external.opensRecordedDirectory(line.lineNo())) {
            run.outside.adopt((int) ex.ret());
        }
        if (line.name().equals("exit_group") || line.name().equals("exit")) {
            run.exited = true;
        }
        List<String> signals = new ArrayList<>();
        for (Signal s : run.task.takeRaisedSignals()) {
            if (s != Signal.SIGKILL && !run.outside.ignores(s.name())) {
                run.raised.add(s.name());
                signals.add(s.name());
            }
        }
        String diff;
        if (run.hook.blockedForever) {
            diff = "the call blocked forever (no other task can wake it); the record shows = " + Results.describe(line.result());
        } else if (!Results.matches(line.result(), ex.ret())) {
            diff = "expected = " + Results.describe(line.result()) + ", got = " + Results.describe(ex.ret());
        } else {
            diff = ex.dataDifference();
        }
        run.keep(new CallOutcome(line, ex.actual(), diff, signals,
                run.tracer == null ? List.of() : run.tracer.drain(), true));
        return diff == null ? null : shortCall(line) + ": " + diff;
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
