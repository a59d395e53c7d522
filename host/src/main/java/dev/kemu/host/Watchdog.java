package dev.kemu.host;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a host call that sleeps from hanging the tool. While a call that may sleep runs, a timer
 * looks at the calling thread every {@value #PROBE_MS} ms; once the thread has been asleep
 * ({@code /proc/self/task/TID/stat} state {@code S}, inside this very system call by
 * {@code /proc/self/task/TID/syscall}, no CPU time used since the last look) the task's
 * {@link dev.kemu.vfs.SleepHook} is told, exactly as the emulated kernel tells it from
 * {@link Task#sleepOn}: a replayer then raises the signal the record shows, or notes that the
 * call would sleep forever and raises SIGKILL. When a signal is pending the call is interrupted
 * the way a real signal does it: {@code tgkill(2)} sends {@link Libc#SIGWAKE}, whose handler is
 * installed without {@code SA_RESTART}, so the sleeping call returns EINTR
 * ({@code kernel/signal.c}; strace shows the kernel's {@code ? ERESTARTSYS}, which is what this
 * backend reports). A sleep nobody decides about is cut after {@link #maxSleepMillis} ms the same
 * way, with SIGKILL raised on the task.
 *
 * <p>Threads: the calling thread arms and disarms a {@link Guard}; one shared timer thread
 * samples; a short-lived thread per detected sleep runs the hook (it may block in
 * {@link Task#sleepOn} until the call ends). The guard's {@code state} is the only shared word:
 * IN_CALL → DONE by the caller, IN_CALL → KILLING → KILLED by the waker; the caller that loses
 * the race waits for KILLED, then lets the wake signal be delivered before it returns, so the
 * signal can never interrupt a later call.
 */
final class Watchdog {
    static final int PROBE_MS = 10;
    private static final int IN_CALL = 0;
    private static final int DONE = 1;
    private static final int KILLING = 2;
    private static final int KILLED = 3;
    private static final long PID = ProcessHandle.current().pid();
    private static final ScheduledThreadPoolExecutor TIMER;

    static {
        TIMER = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "kemu-host-watchdog");
            t.setDaemon(true);
            return t;
        });
        TIMER.setRemoveOnCancelPolicy(true);
        Libc.installWakeHandler();
    }

    private final long maxSleepMillis;

    Watchdog(long maxSleepMillis) {
        this.maxSleepMillis = maxSleepMillis;
    }

    /** One guarded call. */
    static final class Guard {
        final Task task;
        final long tid;
        final long number;
        final String what;
        final AtomicInteger state = new AtomicInteger(IN_CALL);
        final ReentrantLock lock = new ReentrantLock();
        final Condition ended = lock.newCondition();
        volatile ScheduledFuture<?> probe;
        long lastRuntime = -1;

        Guard(Task task, long tid, long number, String what) {
            this.task = task;
            this.tid = tid;
            this.number = number;
            this.what = what;
        }
    }

    private static final ThreadLocal<Long> TID = ThreadLocal.withInitial(() -> Libc.sys(Libc.GETTID, 0));

    /** Runs system call {@code number} for {@code task} on the calling thread under watch; returns its result. */
    long call(Task task, String what, long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        Guard g = new Guard(task, TID.get(), number, what);
        g.probe = TIMER.schedule(() -> probe(g), PROBE_MS, TimeUnit.MILLISECONDS);
        long r = Libc.sys(number, a1, a2, a3, a4, a5, a6);
        return disarm(g, r);
    }

    private long disarm(Guard g, long r) {
        g.probe.cancel(false);
        if (g.state.compareAndSet(IN_CALL, DONE)) {
            wakeSleeper(g);
            return r;
        }
        while (g.state.get() != KILLED) {
            Thread.onSpinWait();
        }
        // The wake signal is queued for this thread; any return to user mode delivers it.
        Libc.sys(Libc.SCHED_YIELD, 0);
        return r == -Libc.EINTR ? Errno.ERESTARTSYS.neg() : r;
    }

    private static void wakeSleeper(Guard g) {
        g.lock.lock();
        try {
            g.ended.signalAll();
        } finally {
            g.lock.unlock();
        }
    }

    private void probe(Guard g) {
        if (g.state.get() != IN_CALL) {
            return;
        }
        long runtime = asleepIn(g.tid, g.number);
        if (runtime >= 0 && runtime == g.lastRuntime) {
            Thread t = new Thread(() -> decide(g), "kemu-host-sleep");
            t.setDaemon(true);
            t.start();
            return;
        }
        g.lastRuntime = runtime;
        g.probe = TIMER.schedule(() -> probe(g), PROBE_MS, TimeUnit.MILLISECONDS);
    }

    /** The thread's CPU time when it sleeps in system call {@code number}, or -1. */
    private static long asleepIn(long tid, long number) {
        Path task = Path.of("/proc/self/task/" + tid);
        try {
            String stat = Files.readString(task.resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            String sys = Files.readString(task.resolve("syscall"));
            int sp = sys.indexOf(' ');
            if (state != 'S' || sp < 0 || Long.parseLong(sys.substring(0, sp)) != number) {
                return -1;
            }
            String sched = Files.readString(task.resolve("schedstat"));
            return Long.parseLong(sched.substring(0, sched.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Runs the task's sleep hook for the sleeping call and interrupts the call once a signal is
     * pending. With nothing pending after {@link #maxSleepMillis} and the call still asleep,
     * nobody is going to wake it: SIGKILL is raised on the task and the call interrupted.
     */
    private void decide(Guard g) {
        Thread self = Thread.currentThread();
        g.lock.lock();
        try {
            while (g.state.get() == IN_CALL) {
                // The bound wakes this thread with an interrupt, which sleepOn takes for a spurious
                // wake-up; the flag says it was the bound.
                AtomicBoolean expired = new AtomicBoolean();
                ScheduledFuture<?> bound = TIMER.schedule(() -> {
                    expired.set(true);
                    self.interrupt();
                }, maxSleepMillis, TimeUnit.MILLISECONDS);
                boolean woken = g.task.sleepOn(g.ended, g.what);
                bound.cancel(false);
                Thread.interrupted();
                if (g.state.get() != IN_CALL || (woken && !expired.get())) {
                    continue; // the call ended, or a spurious wake-up: look again
                }
                if (!g.task.signalPending()) {
                    if (asleepIn(g.tid, g.number) < 0) {
                        continue; // woken meanwhile and still working: keep watching
                    }
                    g.task.sendSignal(Signal.SIGKILL);
                }
                if (g.state.compareAndSet(IN_CALL, KILLING)) {
                    Libc.sys(Libc.TGKILL, PID, g.tid, Libc.SIGWAKE);
                    g.state.set(KILLED);
                }
                return;
            }
        } finally {
            g.lock.unlock();
        }
    }
}
