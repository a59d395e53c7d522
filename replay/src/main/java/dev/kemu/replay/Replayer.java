package dev.kemu.replay;

import dev.kemu.kernel.Syscalls;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Replays a trace on an emulated kernel: every recorded call runs in order on one task, and
 * its return value, errno, the bytes it read and the signals it raised are compared with the
 * record.
 *
 * <p>A trace is one task, so a call that would sleep can only be woken by a signal. When the
 * record shows the call interrupted ({@code = ? ERESTARTSYS} followed by {@code --- SIGALRM}),
 * the replayer delivers that signal as the task falls asleep; otherwise the call would sleep
 * forever, and the replayer breaks the wait and reports it. Files outside the scenario
 * directory are rebuilt from the record first ({@link ExternalFiles}).
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

    public Replayer(Syscalls kernel, Mode mode) {
        this.kernel = kernel;
        this.mode = mode;
    }

    /** Interrupts sleeps the way the record says, or notes that the task would sleep forever. */
    private static final class Hook implements SleepHook {
        SyscallLine current;
        Signal delivered;
        boolean blockedForever;
        String signalName;

        @Override
        public void beforeSleep(Task task, Object what) {
            if (current != null && "ERESTARTSYS".equals(current.result().errno()) && signalName != null) {
                Signal s = signalFor(signalName);
                delivered = s;
                task.sendSignal(s);
            } else {
                blockedForever = true;
                delivered = Signal.SIGKILL;
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

    public TraceReport replay(Trace trace, String name) {
        ExternalFiles.scan(trace, kernel.workingDirectory()).install(kernel);
        Task task = kernel.newTask();
        dev.kemu.vfs.Ftrace tracer = traced ? new dev.kemu.vfs.Ftrace() : null;
        task.setTracer(tracer);
        Hook hook = new Hook();
        task.setSleepHook(hook);
        CallExecutor exec = new CallExecutor(kernel, task);
        List<CallOutcome> outcomes = new ArrayList<>();
        Deque<Signal> raised = new ArrayDeque<>();
        Verdict verdict = Verdict.PASS;
        int firstLine = 0;
        String reason = "";
        List<TraceLine> lines = trace.lines();
        Throwable bug = null;
        for (int i = 0; i < lines.size(); i++) {
            TraceLine tl = lines.get(i);
            String problem = null;
            int problemLine = tl.lineNo();
            if (tl instanceof SignalLine) {
                SignalLine sl = (SignalLine) tl;
                if (!raised.isEmpty() && raised.peekFirst().name().equals(sl.signal())) {
                    raised.removeFirst();
                } else {
                    problem = "the record shows " + sl.signal() + " here; the emulated kernel raised "
                            + (raised.isEmpty() ? "none" : raised.peekFirst().name());
                }
            } else if (tl instanceof SyscallLine) {
                SyscallLine line = (SyscallLine) tl;
                if (!raised.isEmpty()) {
                    problem = "the emulated kernel raised " + raised.peekFirst().name() + " before this call; the record shows no signal";
                    problemLine = line.lineNo();
                } else if (!CallExecutor.SUPPORTED.contains(line.name())) {
                    verdict = Verdict.UNSUPPORTED;
                    firstLine = line.lineNo();
                    reason = "syscall " + line.name() + " is not modelled yet";
                    break;
                } else {
                    hook.current = line;
                    hook.delivered = null;
                    hook.blockedForever = false;
                    hook.signalName = nextSignal(lines, i);
                    Executed ex;
                    try {
                        ex = exec.run(line);
                    } catch (ReplayException e) {
                        verdict = Verdict.UNSUPPORTED;
                        firstLine = line.lineNo();
                        reason = e.getMessage();
                        break;
                    } catch (RuntimeException e) {
                        // A Java exception out of a syscall is an emulator bug: report it, never crash.
                        verdict = Verdict.FAIL;
                        firstLine = line.lineNo();
                        reason = shortCall(line) + ": emulator bug: " + e;
                        bug = e;
                        break;
                    }
                    List<String> signals = new ArrayList<>();
                    for (Signal s : task.takeRaisedSignals()) {
                        if (s != Signal.SIGKILL) {
                            raised.addLast(s);
                            signals.add(s.name());
                        }
                    }
                    String diff;
                    if (hook.blockedForever) {
                        diff = "the call blocked forever (no other task can wake it); the record shows = "
                                + Results.describe(line.result());
                    } else if (!Results.matches(line.result(), ex.ret())) {
                        diff = "expected = " + Results.describe(line.result()) + ", got = " + Results.describe(ex.ret());
                    } else {
                        diff = ex.dataDifference();
                    }
                    outcomes.add(new CallOutcome(line, ex.actual(), diff, signals, tracer == null ? List.of() : tracer.drain()));
                    if (diff != null) {
                        problem = shortCall(line) + ": " + diff;
                    }
                }
            }
            if (problem != null && verdict == Verdict.PASS) {
                verdict = Verdict.FAIL;
                firstLine = problemLine;
                reason = problem;
                if (mode == Mode.FIRST_DIVERGENCE) {
                    break;
                }
            }
        }
        if (verdict == Verdict.PASS && !raised.isEmpty()) {
            verdict = Verdict.FAIL;
            firstLine = lines.isEmpty() ? 0 : lines.get(lines.size() - 1).lineNo();
            reason = "the emulated kernel raised " + raised.peekFirst().name() + " after the last call; the record shows no signal";
        }
        task.setTracer(null);
        return new TraceReport(name, kernel.release(), verdict, firstLine, reason, outcomes, bug);
    }

    /** The signal of the first signal line right after line {@code i}, or null. */
    private static String nextSignal(List<TraceLine> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            TraceLine t = lines.get(j);
            if (t instanceof SignalLine) {
                return ((SignalLine) t).signal();
            }
            if (t instanceof SyscallLine) {
                return null;
            }
        }
        return null;
    }

    /** The call as printed, cut to 70 characters. */
    static String shortCall(SyscallLine line) {
        String s = TracePrinter.format(line.withResult(dev.kemu.strace.Result.unknown()));
        int eq = s.lastIndexOf(" = ");
        if (eq > 0) {
            s = s.substring(0, eq).stripTrailing();
        }
        return s.length() > 70 ? s.substring(0, 67) + "..." : s;
    }
}
