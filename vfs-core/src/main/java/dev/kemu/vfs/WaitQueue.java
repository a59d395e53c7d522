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
    /**
     * The poll entries on this queue ({@code fs/select.c:__pollwait()} adds one per polled queue,
     * with {@code pollwake} as its function). Added and removed by the polling task without the
     * owning lock, so the list is copy-on-write; the wake-up calls them holding that lock.
     */
    private final List<Runnable> pollEntries = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** {@code add_wait_queue()} of a poll entry: {@code wake} runs at every wake-up of this queue. */
    void addPollEntry(Runnable wake) {
        pollEntries.add(wake);
    }

    /** {@code remove_wait_queue()} of a poll entry ({@code poll_freewait}). */
    void removePollEntry(Runnable wake) {
        pollEntries.remove(wake);
    }

    /** {@code wake_up_all()}: every sleeper is made runnable, and every poller's {@code pollwake} runs. */
    @Override
    public void signalAll() {
        for (Task t : sleepers) {
            t.wokenBy();
        }
        cond.signalAll();
        pollWake();
    }

    /** {@code wake_up()} of one exclusive waiter: the longest sleeping; pollers are not exclusive and all wake. */
    @Override
    public void signal() {
        if (!sleepers.isEmpty()) {
            sleepers.get(0).wokenBy();
        }
        cond.signal();
        pollWake();
    }

    private void pollWake() {
        for (Runnable r : pollEntries) {
            r.run();
        }
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
