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

    /** Does nothing. */
    SleepHook NONE = (task, what) -> { };
}
