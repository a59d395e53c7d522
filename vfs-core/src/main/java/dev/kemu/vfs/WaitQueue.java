package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * A wait queue ({@code include/linux/wait.h:wait_queue_head_t}): a {@link Condition} of the lock
 * that guards it, which also knows the tasks sleeping on it, so that waking it up
 * ({@code kernel/sched/wait.c:__wake_up()}) tells each sleeper's {@link SleepHook} on the waker's
 * thread, as {@code try_to_wake_up()} makes the sleeper runnable before the waker goes on. A
 * replayer that runs one task at a time uses that to know when the machine is quiet.
 *
 * <p>The sleepers are guarded by the owning lock: a task adds itself in {@link Task#sleepOn}
 * while it holds the lock, and {@link #signalAll()} must be called holding it, as
 * {@link Condition} requires.
 */
public final class WaitQueue implements Condition {
    private final Condition cond;
    private final List<Task> sleepers = new ArrayList<>();

    private WaitQueue(Condition cond) {
        this.cond = cond;
    }

    /** A new wait queue guarded by {@code lock}. */
    public static WaitQueue of(Lock lock) {
        return new WaitQueue(lock.newCondition());
    }

    void add(Task t) {
        sleepers.add(t);
    }

    void remove(Task t) {
        sleepers.remove(t);
    }

    /** {@code wake_up_all()}: every sleeper is made runnable. */
    @Override
    public void signalAll() {
        for (Task t : sleepers) {
            t.wokenBy();
        }
        cond.signalAll();
    }

    /** {@code wake_up()} of one exclusive waiter: the longest sleeping. */
    @Override
    public void signal() {
        if (!sleepers.isEmpty()) {
            sleepers.get(0).wokenBy();
        }
        cond.signal();
    }

    @Override
    public void await() throws InterruptedException {
        cond.await();
    }

    @Override
    public void awaitUninterruptibly() {
        cond.awaitUninterruptibly();
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        return cond.awaitNanos(nanosTimeout);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        return cond.await(time, unit);
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        return cond.awaitUntil(deadline);
    }
}
