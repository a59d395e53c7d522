package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.fail;

import dev.kemu.vfs.Signal;
import dev.kemu.vfs.SleepHook;
import dev.kemu.vfs.Task;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Tasks run on their own Java threads, with every wait bounded. Each task's sleeps are tracked
 * through its {@link SleepHook}, so a run that misses its deadline fails naming the wait queue
 * every task is asleep on and any cycle of threads blocked on each other's locks; stragglers
 * are then interrupted with signals, as a stuck scenario is stopped. A body that throws fails
 * the run at once, with its own exception.
 */
final class TaskThreads implements AutoCloseable {
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Task> tasks = new ArrayList<>();
    private final List<Future<?>> futures = new ArrayList<>();
    private final Map<Task, Object> asleepOn = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    /** Starts {@code body} on a new thread, which runs syscalls for {@code task}. */
    <T> Future<T> start(Task task, Callable<T> body) {
        task.setSleepHook(new SleepHook() {
            @Override
            public void beforeSleep(Task t, Object what) {
                asleepOn.put(t, what);
            }

            @Override
            public void afterSleep(Task t, Object what) {
                asleepOn.remove(t);
            }
        });
        Future<T> f = pool.submit(body);
        tasks.add(task);
        futures.add(f);
        return f;
    }

    /** True once the run is being stopped: bodies that spin (non-blocking retries) must return. */
    boolean stopping() {
        return stopping;
    }

    /** Where each sleeping task sleeps, and any Java-level lock cycle, for failure messages. */
    String sleepers() {
        String sleeping = asleepOn.isEmpty() ? "no task asleep (spinning or blocked on a lock)" : "asleep: " + asleepOn;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ids = mx.findDeadlockedThreads();
        if (ids == null) {
            return sleeping;
        }
        StringBuilder sb = new StringBuilder(sleeping).append("; deadlocked:");
        for (ThreadInfo info : mx.getThreadInfo(ids, true, true)) {
            sb.append(' ').append(info.getThreadName()).append(" waits for ").append(info.getLockName())
                    .append(" held by ").append(info.getLockOwnerName()).append(';');
        }
        return sb.toString();
    }

    /**
     * Waits for every body to finish within {@code timeoutMillis} in total. Fails as soon as a
     * body throws (with that exception; the others are then interrupted), or with the sleepers
     * when the deadline passes.
     */
    void awaitAll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (;;) {
            boolean allDone = true;
            for (Future<?> f : futures) {
                if (!f.isDone()) {
                    allDone = false;
                    continue;
                }
                try {
                    f.get();
                } catch (ExecutionException e) {
                    interruptAll(5_000);
                    Throwable cause = e.getCause();
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new AssertionError("a task failed: " + cause, cause);
                }
            }
            if (allDone) {
                return;
            }
            if (System.nanoTime() > deadline) {
                String where = sleepers();
                interruptAll(5_000);
                fail("tasks still running after " + timeoutMillis + " ms; " + where);
            }
            Thread.sleep(1);
        }
    }

    /**
     * Sends SIGINT to every task whose body has not finished, again and again (a signal that
     * lands between two syscalls is delivered on the way out of the first and the next call may
     * sleep again) until all bodies are done or {@code timeoutMillis} passed. Bodies are expected
     * to stop once a call returns ERESTARTSYS or {@link #stopping()} is set.
     *
     * @return true when every body finished
     */
    boolean interruptAll(long timeoutMillis) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (;;) {
            boolean allDone = true;
            for (int i = 0; i < futures.size(); i++) {
                if (!futures.get(i).isDone()) {
                    allDone = false;
                    tasks.get(i).sendSignal(Signal.SIGINT);
                }
            }
            if (allDone) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        interruptAll(5_000);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
