package dev.kemu.replay;

import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;

/**
 * The sleep hook of a replayed task, which lets the replayer run a call on its own thread when nothing but the
 * call's task could run ({@link Coordinator}): such a call must not sleep there, since the thread that would wake
 * it is the one asleep. When the task goes to sleep on the replayer's thread, SIGKILL is made pending on it, so
 * {@code kernel/sched: schedule()} returns at once and the call unwinds as a killed task's call does
 * ({@code -ERESTARTSYS}); the replayer then reports the call blocked, as it reports a call left asleep on its own
 * thread. Every other sleep goes to {@code next} (the run queue).
 *
 * <p>Threads: {@link #enter} and {@link #leave} are called by the replayer's thread around the call; the hook's
 * methods run on the sleeping thread (or the waker's), and test which thread they are on.
 */
final class InlineSleep implements SleepHook {
    private final Task task;
    private final SleepHook next;
    /** The replayer's thread while it runs a call of {@link #task}; written and read by that thread only. */
    private Thread inline;
    private Object sleptOn;

    InlineSleep(Task task, SleepHook next) {
        this.task = task;
        this.next = next;
    }

    /** The replayer's thread is about to run a call of the task. */
    void enter() {
        inline = Thread.currentThread();
        sleptOn = null;
    }

    /**
     * The call returned.
     *
     * @return what it went to sleep on, or null when it never slept
     */
    Object leave() {
        inline = null;
        Object what = sleptOn;
        sleptOn = null;
        return what;
    }

    @Override
    public void beforeSleep(Task t, Object what) {
        if (Thread.currentThread() == inline && t == task) {
            if (sleptOn == null) {
                sleptOn = what;
            }
            t.sendSignal(Signal.SIGKILL);
            return;
        }
        next.beforeSleep(t, what);
    }

    @Override
    public void afterSleep(Task t, Object what) {
        if (Thread.currentThread() != inline) {
            next.afterSleep(t, what);
        }
    }

    @Override
    public void woken(Task t) {
        if (Thread.currentThread() != inline) {
            next.woken(t);
        }
    }
}
