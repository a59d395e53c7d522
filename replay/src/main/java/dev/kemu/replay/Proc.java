package dev.kemu.replay;

import dev.kemu.strace.SyscallLine;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.Task;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One task of the record as the replayer runs it: the model task it is mapped to, the Java thread that runs its
 * calls (a call may sleep, and only that task's thread may sleep in it), what the replayer follows for it (the
 * recording machine's descriptors it holds, the signals raised and not shown yet) and the call it has in flight.
 */
final class Proc {
    /** A call handed to the task's thread; the fields are written by that thread before {@code done}. */
    static final class InFlight {
        final SyscallLine line;
        volatile Executed executed;
        /** What the call threw instead of returning: an emulator bug, or an Error the replayer passes on. */
        volatile Throwable failure;
        volatile boolean done;
        /** What the call went to sleep on when it ran on the replayer's thread ({@link InlineSleep}), or null. */
        Object sleptOn;

        InFlight(SyscallLine line) {
            this.line = line;
        }
    }

    final int recordedPid;
    final Task task;
    final CallExecutor exec;
    final Ftrace tracer;
    final SignalQueue raised = new SignalQueue();
    final InlineSleep sleepGuard;
    /** The recording machine's descriptors this task's table holds; shared with a CLONE_FILES sibling. */
    Outside outside;
    InFlight inFlight;
    /** A split call whose start is put off until its end, or until another task needs it to have run. */
    SyscallLine deferred;
    /** A call of this task stayed blocked where the record shows it done: nothing more can be run for it. */
    boolean stuck;
    boolean exited;

    private final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
    private Thread thread;
    private volatile boolean stopping;

    Proc(int recordedPid, Task task, CallExecutor exec, Outside outside, Ftrace tracer, InlineSleep sleepGuard) {
        this.sleepGuard = sleepGuard;
        this.recordedPid = recordedPid;
        this.task = task;
        this.exec = exec;
        this.outside = outside;
        this.tracer = tracer;
    }

    /** Runs {@code job} on the task's own thread, started on first use. */
    void submit(Runnable job) {
        if (thread == null) {
            thread = new Thread(this::loop, "kemu-replay-" + recordedPid);
            thread.setDaemon(true);
            thread.start();
        }
        jobs.add(job);
    }

    private void loop() {
        while (!stopping) {
            try {
                jobs.take().run();
            } catch (InterruptedException e) {
                // A signal sent as the previous call returned interrupts this thread late: nothing to do.
            }
        }
    }

    /** Ends the task's thread, breaking a sleep it is in; waits at most {@code millis}. */
    void stop(long millis) {
        stopping = true;
        if (thread != null) {
            jobs.add(() -> { });
            if (inFlight != null && !inFlight.done) {
                task.sendSignal(dev.kemu.vfs.Signal.SIGKILL);
            }
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
