package dev.kemu.replay;

import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which of the replayed tasks are running, so the replayer can wait until the emulated machine is quiet before it
 * acts on the next line of the log: every task is then either between calls or asleep in one, and nothing the
 * record shows next can race with what the previous line set going.
 *
 * <p>A task runs from the moment the replayer hands it a call ({@link #started}) until the call returns
 * ({@link #finished}), except while it sleeps: it stops running when it goes to sleep ({@link #beforeSleep}, on its
 * own thread) and runs again when it is woken ({@link #woken}, on the waker's thread, before the waker goes on, as
 * {@code try_to_wake_up()} makes it runnable) or when it leaves the sleep for any reason ({@link #afterSleep}).
 * Counting the wake-up on the waker's thread is what makes "quiet" exact: the waker's own call cannot finish before
 * the task it woke is counted as running again.
 *
 * <p>Lock order: a task's model locks (a pipe's mutex, the task list lock), then this queue's lock, a leaf.
 */
final class RunQueue implements SleepHook {
    private enum State { IDLE, RUNNING, ASLEEP }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private final Map<Task, State> states = new IdentityHashMap<>();
    private final Map<Task, Object> sleepingOn = new IdentityHashMap<>();
    private int running;

    /** The replayer hands {@code t} a call. */
    void started(Task t) {
        lock.lock();
        try {
            if (states.get(t) != State.RUNNING) {
                running++;
            }
            states.put(t, State.RUNNING);
        } finally {
            lock.unlock();
        }
    }

    /** {@code t}'s call returned. */
    void finished(Task t) {
        lock.lock();
        try {
            if (states.get(t) == State.RUNNING) {
                running--;
            }
            states.put(t, State.IDLE);
            sleepingOn.remove(t);
            if (running == 0) {
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void beforeSleep(Task t, Object what) {
        lock.lock();
        try {
            if (states.get(t) == State.RUNNING) {
                running--;
                states.put(t, State.ASLEEP);
                sleepingOn.put(t, what);
                if (running == 0) {
                    quiet.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void woken(Task t) {
        wake(t);
    }

    @Override
    public void afterSleep(Task t, Object what) {
        wake(t);
    }

    private void wake(Task t) {
        lock.lock();
        try {
            if (states.get(t) == State.ASLEEP) {
                running++;
                states.put(t, State.RUNNING);
                sleepingOn.remove(t);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until no task runs.
     *
     * @return false when tasks still ran after {@code timeoutMillis}
     */
    boolean awaitQuiet(long timeoutMillis) {
        long left = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (running > 0) {
                if (left <= 0) {
                    return false;
                }
                left = quiet.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** True when {@code t} sleeps in a call. */
    boolean asleep(Task t) {
        lock.lock();
        try {
            return states.get(t) == State.ASLEEP;
        } finally {
            lock.unlock();
        }
    }

    /** What {@code t} sleeps on, or null. */
    Object sleepingOn(Task t) {
        lock.lock();
        try {
            return sleepingOn.get(t);
        } finally {
            lock.unlock();
        }
    }

    /** The tasks still running, by thread id, for a report. */
    List<Integer> runningTasks() {
        lock.lock();
        try {
            List<Integer> out = new ArrayList<>();
            states.forEach((t, s) -> {
                if (s == State.RUNNING) {
                    out.add(t.pid());
                }
            });
            return out;
        } finally {
            lock.unlock();
        }
    }
}
