package dev.kemu.vfs;

/**
 * Called when a task is about to sleep in a wait queue. A replayer uses it to deliver the
 * signal a recorded trace shows interrupting the wait (or to learn that a single-task scenario
 * would sleep forever); a stress watchdog uses it to see which tasks are blocked on what.
 */
public interface SleepHook {
    /** The task is about to sleep on {@code what} (a pipe's wait queue, described for humans). */
    void beforeSleep(Task task, Object what);

    /** The task woke up (or was interrupted) and is running again. */
    default void afterSleep(Task task, Object what) {
    }

    /**
     * The sleeping task was made runnable ({@code kernel/sched/core.c:try_to_wake_up()}): a wait
     * queue it sleeps on was woken, or a signal was sent to it. Called on the waker's thread,
     * before the waker goes on, possibly more than once per sleep; {@link #afterSleep} follows on
     * the task's own thread.
     */
    default void woken(Task task) {
    }

    /** Does nothing. */
    SleepHook NONE = (task, what) -> { };
}
