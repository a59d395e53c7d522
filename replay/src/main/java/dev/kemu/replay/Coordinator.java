package dev.kemu.replay;

import dev.kemu.kernel.SyscallCatalog;
import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.ExitLine;
import dev.kemu.strace.Result;
import dev.kemu.strace.ResumedLine;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TraceLine;
import dev.kemu.vfs.ExitState;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One replay in progress: the tasks of the record, each a {@link Proc} mapped to a model task, run in the log's
 * order ({@link Schedule}), with the machine quiet between events ({@link RunQueue}); the verdict so far and the
 * counts. {@link Replayer} feeds it the events of one pass and reads the result.
 *
 * <p>Threads: the replayer's thread runs everything here; each task's own thread runs only its calls
 * ({@link Proc#submit}). The replayer's thread touches a task's state only while the machine is quiet, so the two
 * never race: the handing over of a call and the {@link RunQueue}'s lock order them.
 */
final class Coordinator implements ProcessCalls.Pids {
    private final Syscalls kernel;
    private final boolean traced;
    private final boolean keepOutcomes;
    private final long settleMillis;
    private final boolean wakeEarly;
    private final java.util.function.Consumer<CallOutcome> listener;

    final RunQueue cpu = new RunQueue();
    /** By recorded pid (thread id); a pid the record reuses is bound to the new task. */
    final Map<Integer, Proc> procs = new LinkedHashMap<>();
    final Map<Integer, Integer> recordedOf = new HashMap<>();
    final List<Proc> all = new ArrayList<>();
    /** Tasks whose split call has not been started yet, oldest first. */
    final java.util.ArrayDeque<Proc> deferred = new java.util.ArrayDeque<>();
    /**
     * Tasks with a call handed to their thread, or run here and asleep, and not finished yet (or stuck where the
     * record shows it done); a call run here that returned is finished within its event and never listed.
     */
    private final java.util.Set<Proc> inFlight = new java.util.LinkedHashSet<>();
    final List<CallOutcome> outcomes = new ArrayList<>();
    final ExternalFiles external;
    final boolean stdioInherited;
    Verdict verdict = Verdict.PASS;
    int firstLine;
    String reason = "";
    Throwable bug;
    int calls;
    int compared;
    int outsideCalls;
    int cut;
    int lastModelTid;
    boolean halted;
    /** Told of every call kept, or null. */
    CallListener callListener;

    Coordinator(Syscalls kernel, ExternalFiles external, boolean stdioInherited, Settings settings) {
        this.kernel = kernel;
        this.external = external;
        this.stdioInherited = stdioInherited;
        this.traced = settings.traced();
        this.keepOutcomes = settings.keepOutcomes();
        this.settleMillis = settings.settleMillis();
        this.wakeEarly = settings.wakeEarly();
        this.listener = settings.listener();
    }

    /**
     * How a replay runs: function graphs kept, outcomes kept, how long to wait for quiet, a planted fault, who hears
     * of each outcome (or null).
     */
    record Settings(boolean traced, boolean keepOutcomes, long settleMillis, boolean wakeEarly,
            java.util.function.Consumer<CallOutcome> listener) {
    }

    boolean passing() {
        return verdict == Verdict.PASS;
    }

    /** After the last line: a signal the model raised that the record never showed is a divergence. */
    void atEnd(int lastLine) {
        if (verdict != Verdict.PASS) {
            return;
        }
        for (Proc p : procs.values()) {
            if (p.raised.pending() != null) {
                stop(Verdict.FAIL, lastLine, "the emulated kernel raised " + p.raised.pending() + " on pid "
                        + p.recordedPid + " after its last call; the record shows no signal");
                return;
            }
        }
    }

    TraceReport report(String name, String release) {
        return new TraceReport(name, release, verdict, firstLine, reason, outcomes, bug,
                new TraceReport.Counts(calls, compared, outsideCalls, cut));
    }

    /** The first line of a call started or put off that has not finished yet, or {@code Integer.MAX_VALUE}. */
    int oldestOpen() {
        // The calls put off wait in log order: the first is the oldest.
        Proc first = deferred.peekFirst();
        int min = first == null || first.deferred == null ? Integer.MAX_VALUE : first.deferred.lineNo();
        for (Proc p : inFlight) {
            if (p.inFlight != null) {
                min = Math.min(min, p.inFlight.line.lineNo());
            }
        }
        return min;
    }

    boolean going() {
        return verdict != Verdict.UNSUPPORTED && !halted;
    }

    void keep(CallOutcome o) {
        if (listener != null) {
            listener.accept(o);
        }
        if (keepOutcomes) {
            outcomes.add(o);
        }
        if (callListener != null) {
            callListener.called(o, all.stream().map(p -> p.task).toList());
        }
    }

    void stop(Verdict v, int line, String why) {
        verdict = v;
        firstLine = line;
        reason = why;
    }

    @Override
    public int toModel(int recorded) {
        Proc p = procs.get(recorded);
        return p == null ? recorded : p.task.pid();
    }

    @Override
    public int toRecord(int model) {
        return recordedOf.getOrDefault(model, model);
    }

    Proc bind(int recordedPid, Task task, Outside outside) {
        Ftrace tracer = traced ? new Ftrace() : null;
        task.setTracer(tracer);
        InlineSleep guard = new InlineSleep(task, wakeEarly ? new EarlyWaker(cpu) : cpu);
        task.setSleepHook(guard);
        CallExecutor exec = new CallExecutor(kernel, task, this);
        exec.recordedDirectories(external::isRecordedDirectory);
        Proc p = new Proc(recordedPid, task, exec, outside, tracer, guard);
        exec.recordingMachineFds(fd -> p.outside.holdsRecordingMachines(fd));
        procs.put(recordedPid, p);
        recordedOf.put(task.pid(), recordedPid);
        all.add(p);
        lastModelTid = Math.max(lastModelTid, task.pid());
        return p;
    }

    /** The task of a recorded pid; the first pid of the log is the program the log starts in. */
    Proc proc(int pid) {
        Proc p = procs.get(pid);
        if (p == null && procs.isEmpty()) {
            Task task = kernel.newTask();
            external.identity().applyTo(task);
            external.startingNofile().ifPresent(l -> {
                task.rlimits().set(dev.kemu.vfs.Rlimits.RLIMIT_NOFILE, l);
                task.files().setLimit(dev.kemu.vfs.Rlimits.tableSize(l));
            });
            p = bind(pid, task, new Outside());
        }
        return p;
    }

    /** Waits until no task runs; false (and the replay halted) when some task never stops. */
    boolean settle(SyscallLine line) {
        if (cpu.awaitQuiet(settleMillis)) {
            return true;
        }
        stop(Verdict.FAIL, line.lineNo(), "the emulated kernel did not settle within " + settleMillis
                + " ms of this line: tasks " + cpu.runningTasks() + " still run");
        halted = true;
        return false;
    }

    String event(Schedule.Event e, Schedule events) {
        if (e instanceof Schedule.Start st) {
            if (st.endless()) {
                // The log ends (or the task vanished) before the call did: nothing to run or compare.
                calls++;
                outsideCalls++;
                keep(new CallOutcome(st.call(), st.call(), null, List.of(), List.of(), false));
                return null;
            }
            return start(st.call(), st.split(), events);
        }
        if (e instanceof Schedule.Resume r) {
            Proc p = procs.get(r.pid());
            if (p == null || p.deferred != r.call() && (p.inFlight == null || p.inFlight.line != r.call())) {
                return null; // outside the model: taken from the record at its start
            }
            if (p.deferred == r.call() && isExit(r.call())) {
                return null; // ends at +++ exited +++
            }
            return finish(p, r.call(), events);
        }
        TraceLine line = ((Schedule.Other) e).line();
        if (line instanceof SignalLine sl) {
            Proc p = proc(sl.pid());
            if (p == null) {
                return null;
            }
            if (p.inFlight == null) {
                // In user space a signal is taken as soon as it is sent.
                p.task.deliverPendingSignals();
                collectSignals(p);
            }
            if (p.outside.ignores(sl.signal())) {
                // Set to SIG_IGN, yet shown: a traced task's ignored signals still reach the tracer
                // (kernel/signal.c:sig_ignored() keeps them for a ptraced task), so strace may print them.
                return null;
            }
            return p.raised.recordShows(sl.signal());
        }
        if (line instanceof ExitLine el) {
            return exited(el, events);
        }
        if (line instanceof ResumedLine) {
            stop(Verdict.UNSUPPORTED, line.lineNo(), "a call strace split (<unfinished ...>, resumed>) whose other "
                    + "half the log does not hold");
        }
        return null;
    }

    /** A call starts where its line, or its first half, stands; a whole line must also finish there. */
    String start(SyscallLine line, boolean split, Schedule events) {
        Proc p = proc(line.pid());
        if (p == null) {
            stop(Verdict.UNSUPPORTED, line.lineNo(), "pid " + line.pid() + " makes calls, but no clone in the log "
                    + "made it (was strace attached to a running program?)");
            return null;
        }
        if (calls++ == 0 && (line.name().equals("execve") || stdioInherited)) {
            p.outside.inheritStdio();
        }
        if (p.stuck) {
            return null;
        }
        if (p.exited) {
            return "the record shows " + line.name() + " after pid " + p.recordedPid + " exited";
        }
        if (p.deferred != null || p.inFlight != null) {
            return "pid " + p.recordedPid + " starts " + line.name() + " while its call at line "
                    + (p.deferred != null ? p.deferred : p.inFlight.line).lineNo() + " has not finished";
        }
        if (p.raised.pending() != null && !p.outside.isOutside(line, p.task)) {
            return "the emulated kernel raised " + p.raised.pending() + " before this call; the record shows no signal";
        }
        SyscallCatalog.Kind kind = SyscallCatalog.kind(line.name());
        String unusable = line.opaque();
        boolean machineFile = p.outside.describesRecordingMachine(line, kernel, p.task);
        boolean anonymous = false;
        try {
            anonymous = MemoryCalls.NAMES.contains(line.name()) && unusable == null
                    && p.exec.memory().isAnonymous(line, new Args(line));
        } catch (ReplayException e) {
            // The call reports its own arguments when it runs.
        }
        if (kind == SyscallCatalog.Kind.OUTSIDE || machineFile || anonymous || p.outside.isOutside(line, p.task)) {
            outsideCalls++;
            p.outside.observe(line);
            p.outside.dispositions(line, p.task);
            p.outside.mask(line, p.task);
            if (anonymous) {
                p.exec.memory().apply(line, new Args(line));
            }
            if (machineFile && (line.name().equals("open") || line.name().equals("openat"))) {
                String problem = p.exec.placeholder(line);
                if (problem != null) {
                    keep(new CallOutcome(line, line, problem, List.of(), List.of(), false));
                    return Replayer.shortCall(line) + ": " + problem;
                }
                p.outside.adopt((int) line.result().value().orElse(-1));
            }
            keep(new CallOutcome(line, line, null, List.of(), List.of(), false));
            return null;
        }
        if (kind == SyscallCatalog.Kind.UNSUPPORTED || !CallExecutor.SUPPORTED.contains(line.name())) {
            stop(Verdict.UNSUPPORTED, line.lineNo(), "syscall " + line.name() + " is not modelled yet");
            return null;
        }
        if (unusable != null) {
            stop(Verdict.UNSUPPORTED, line.lineNo(), line.name() + ": " + unusable);
            return null;
        }
        if (split && !isClone(line) || isExit(line)) {
            // Started lazily: strace printed its entry, but the kernel may have run it anywhere up to its end.
            // An exit ends where the record shows the task gone
            // (+++ exited +++): strace prints the call's end at the exit event, before the task releases its
            // files and its parent hears of it.
            p.deferred = line;
            deferred.addLast(p);
            return null;
        }
        if (!dispatch(p, line, events)) {
            return null;
        }
        if (isClone(line)) {
            bindChildren(p, line);
        }
        return split ? null : finish(p, line, events);
    }

    /**
     * Before a read from a pipe that the record shows taking R bytes while the pipe holds fewer: writes into
     * that pipe that other tasks have started (in the record) but the replayer put off had run by then, since
     * the data was there. They are started, oldest first, until the pipe holds R bytes or none is left. (A write
     * that ran later than the read shows as the read taking less; that is found when the read is compared.)
     *
     * @return false when the machine never settled
     */
    private boolean feedPipe(Proc p, SyscallLine line, Schedule events) {
        if (deferred.isEmpty() || !feedsOnPipe(line.name())
                || line.result().isError() || line.result().value().orElse(0) <= 0) {
            return true;
        }
        long want = line.result().value().getAsLong();
        int fd;
        try {
            fd = new Args(line).integer(0);
        } catch (ReplayException e) {
            return true;
        }
        dev.kemu.vfs.Kstat pipe = PipeProbe.pipeAt(kernel, p, fd);
        if (pipe == null) {
            return true;
        }
        for (Proc q : List.copyOf(deferred)) {
            if (PipeProbe.queued(kernel, p, fd) >= want) {
                break;
            }
            if (q == p || q.deferred == null || !PipeProbe.writesInto(kernel, q, q.deferred, pipe)) {
                continue;
            }
            deferred.remove(q);
            SyscallLine w = q.deferred;
            q.deferred = null;
            if (!dispatch(q, w, events)) {
                return false;
            }
        }
        return true;
    }

    /** Hands the call to its task's thread and waits until the machine is quiet; false when it never is. */
    private boolean dispatch(Proc p, SyscallLine line, Schedule events) {
        if (!feedPipe(p, line, events)) {
            return false;
        }
        // A signal sent while the task was in user space was taken there, before this call.
        p.task.deliverPendingSignals();
        String interrupter = interrupted(line.result()) ? events.signalAfter(p.recordedPid) : null;
        if (interrupter != null && Signal.byName(interrupter) != null) {
            // The record shows a signal breaking this call (one from outside the model, a timer, or one ptrace
            // kept although the task ignores it): it was pending while the call ran.
            p.task.sendSignal(Signal.byName(interrupter));
        }
        Proc.InFlight f = new Proc.InFlight(line);
        p.inFlight = f;
        if (interrupter == null && runsInline(p, line)) {
            runInline(p, f);
            if (!f.done) {
                inFlight.add(p);
            }
            return true;
        }
        inFlight.add(p);
        cpu.started(p.task);
        p.submit(() -> {
            try {
                f.executed = p.exec.run(line);
            } catch (RuntimeException | Error ex) {
                // Handed to the replayer's thread: an exception is reported as a bug, an Error (out of memory)
                // ends the replay there, as it would have in a call run on that thread.
                f.failure = ex;
            } finally {
                f.done = true;
                cpu.finished(p.task);
            }
        });
        return settle(line);
    }

    /**
     * Whether the call may run on the replayer's own thread instead of its task's: the machine has one task, no call
     * is put off, and the record shows the call return by itself (no signal breaks it, no clone makes a task that
     * could wake it). Nothing can then wake the task if the call goes to sleep, so a sleep is the end of the call
     * ({@link InlineSleep}) and the hand-over to another thread, with its two context switches per call, is saved.
     */
    private boolean runsInline(Proc p, SyscallLine line) {
        if (wakeEarly || all.size() != 1 || !deferred.isEmpty() || isClone(line) || isExit(line)) {
            return false;
        }
        Result r = line.result();
        return !interrupted(r) && (r.value().isPresent() || r.errno() != null);
    }

    /**
     * Runs the call here. A call that goes to sleep is broken out of it at once (nobody is left to wake it): it stays
     * in flight, not done, and {@link #finish} reports it blocked where the record shows it done, as it would for a
     * call asleep on its own thread.
     */
    private void runInline(Proc p, Proc.InFlight f) {
        p.sleepGuard.enter();
        try {
            f.executed = p.exec.run(f.line);
        } catch (RuntimeException ex) {
            f.failure = ex;
        } finally {
            f.sleptOn = p.sleepGuard.leave();
        }
        f.done = f.sleptOn == null;
    }

    /** Starts the oldest call whose start was put off; false when there is none or the machine never settled. */
    private boolean startDeferred(Schedule events) {
        Proc q = deferred.pollFirst();
        if (q == null) {
            return false;
        }
        SyscallLine line = q.deferred;
        q.deferred = null;
        return dispatch(q, line, events);
    }

    /** Maps the task a clone made (found by its model thread id, the next ones allocated) to the recorded pid. */
    private void bindChildren(Proc parent, SyscallLine line) {
        int child = ProcessCalls.recordedChild(line);
        for (int tid = lastModelTid + 1; ; tid++) {
            Task t = kernel.task(tid);
            if (t == null) {
                break;
            }
            lastModelTid = tid;
            if (child > 0) {
                bind(child, t, ProcessCalls.sharesFiles(line) ? parent.outside : parent.outside.copy());
                child = -1;
            }
        }
    }

    /** The call must have finished here: at its line, or at its {@code <... resumed>} line. */
    String finish(Proc p, SyscallLine line, Schedule events) {
        if (p.deferred == line) {
            deferred.remove(p);
            p.deferred = null;
            if (!dispatch(p, line, events)) {
                return null;
            }
        }
        Proc.InFlight f = p.inFlight;
        // Asleep where the record shows it done: what woke it in the record must be a call started since,
        // whose start was put off. Start them, oldest first, until this one is done.
        while (!f.done && !deferred.isEmpty()) {
            if (!startDeferred(events)) {
                return null;
            }
        }
        if (!f.done && interrupted(line.result())) {
            // The record shows a signal from outside the model (a timer, another program) breaking the sleep.
            String name = events.signalAfter(p.recordedPid);
            Signal sig = name == null ? null : Signal.byName(name);
            if (sig != null) {
                p.task.sendSignal(sig);
                if (!settle(line)) {
                    return null;
                }
            }
        } else if (!f.done && line.result().value().isEmpty() && line.result().errno() == null) {
            // "= ?": the task was killed in the call, by what the record shows next for it.
            p.task.sendSignal(Signal.SIGKILL);
            if (!settle(line)) {
                return null;
            }
        }
        if (!f.done) {
            p.stuck = true;
            Object on = f.sleptOn != null ? f.sleptOn : cpu.sleepingOn(p.task);
            String where = line.endLineNo() > line.lineNo()
                    ? "is still blocked" + (on == null ? "" : " on " + on) + " at line " + line.endLineNo()
                            + ", where the record shows it done (it started at line " + line.lineNo() + ")"
                    : "blocked forever" + (on == null ? "" : " on " + on) + " (nothing in the record wakes it)";
            String diff = "the call " + where + "; the record shows = " + Results.describe(line.result());
            keep(new CallOutcome(line, line, diff, List.of(), List.of(), true));
            return Replayer.shortCall(line) + ": " + diff;
        }
        p.inFlight = null;
        if (!inFlight.isEmpty()) {
            inFlight.remove(p);
        }
        if (f.failure instanceof ReplayException e) {
            stop(Verdict.UNSUPPORTED, line.lineNo(), e.getMessage());
            return null;
        }
        if (f.failure instanceof Error err) {
            throw err;
        }
        if (f.failure != null) {
            // A Java exception out of a syscall is an emulator bug: report it, never crash.
            stop(Verdict.FAIL, line.lineNo(), Replayer.shortCall(line) + ": emulator bug: " + f.failure);
            bug = f.failure;
            return null;
        }
        Executed ex = f.executed;
        if (isClone(line) && ex.ret() > 0) {
            // The child is bound to its recorded pid once the call settled: show it as the record would.
            long shown = toRecord((int) ex.ret());
            ex = new Executed(shown, ex.actual().withResult(Results.of(shown)), ex.dataDifference());
        }
        compared++;
        if (Args.hasCutString(line)) {
            cut++;
        }
        p.outside.track(line, ex.ret());
        if (ex.ret() >= 0 && (line.name().equals("openat") || line.name().equals("open"))
                && external.opensRecordedDirectory(line.lineNo())) {
            p.outside.adopt((int) ex.ret());
        }
        if (line.name().equals("exit_group") || line.name().equals("exit")) {
            p.exited = true;
        }
        List<String> signals = collectSignals(p);
        String diff;
        if (!Results.matches(line.result(), ex.ret())) {
            diff = "expected = " + Results.describe(line.result()) + ", got = " + Results.describe(ex.ret());
        } else {
            diff = ex.dataDifference();
        }
        keep(new CallOutcome(line, ex.actual(), diff, signals, p.tracer == null ? List.of() : p.tracer.drain(), true));
        return diff == null ? null : Replayer.shortCall(line) + ": " + diff;
    }

    /** The signals delivered to the task since the last look, queued for the record to show. */
    private List<String> collectSignals(Proc p) {
        List<String> signals = new ArrayList<>();
        for (Signal s : p.task.takeRaisedSignals()) {
            if (s != Signal.SIGKILL && !p.outside.ignores(s.name())) {
                p.raised.add(s.name());
                signals.add(s.name());
            }
        }
        return signals;
    }

    /** {@code +++ exited with N +++} or {@code +++ killed by SIG +++}: the task has ended in the model too. */
    private String exited(ExitLine el, Schedule events) {
        Proc p = procs.get(el.pid());
        if (p == null || p.stuck) {
            return null;
        }
        Optional<String> signal = el.signal();
        if (signal.isPresent()) {
            Signal sig = Signal.byName(signal.get());
            if (p.task.exitState() == ExitState.RUNNING && sig != null) {
                // The signal's default action, user space's decision: the whole thread group ends.
                cpu.started(p.task);
                p.submit(() -> {
                    try {
                        kernel.killedBy(p.task, sig, el.coreDumped());
                    } finally {
                        cpu.finished(p.task);
                    }
                });
                settleAt(el.lineNo());
            }
            p.exited = true;
            return null;
        }
        if (p.deferred != null && isExit(p.deferred)) {
            String problem = finish(p, p.deferred, events);
            if (problem != null || !going()) {
                return problem;
            }
        }
        p.exited = true;
        if (p.task.exitState() == ExitState.RUNNING) {
            return "the record shows pid " + p.recordedPid + " " + el.text() + "; the emulated task still runs";
        }
        return null;
    }

    private void settleAt(int lineNo) {
        if (!cpu.awaitQuiet(settleMillis)) {
            stop(Verdict.FAIL, lineNo, "the emulated kernel did not settle within " + settleMillis
                    + " ms of this line: tasks " + cpu.runningTasks() + " still run");
            halted = true;
        }
    }

    /** Ends every task's thread, breaking the sleeps the log left them in. */
    void shutdown() {
        for (Proc p : all) {
            p.stop(5_000);
            p.task.setTracer(null);
        }
    }

    private static boolean isClone(SyscallLine line) {
        String n = line.name();
        return n.equals("clone") || n.equals("clone3") || n.equals("fork") || n.equals("vfork");
    }

    /** The calls that take bytes out of a pipe, which writes put off may have to fill first ({@link #feedPipe}). */
    private static boolean feedsOnPipe(String name) {
        return name.equals("read") || name.equals("readv") || name.equals("splice") || name.equals("tee");
    }

    private static boolean isExit(SyscallLine line) {
        return line.name().equals("exit_group") || line.name().equals("exit");
    }

    /** True for the results of a call a signal broke. */
    private static boolean interrupted(Result r) {
        String e = r.errno();
        return e != null && (e.equals("EINTR") || e.startsWith("ERESTART"));
    }
}
