package dev.kemu.stress;

/**
 * The watchdog's rules, as a pure function of what it samples every tick (so they can be tested
 * with made-up samples). A task is <em>asleep</em> when it sleeps on a wait queue, and
 * <em>ripe</em> when the condition it waits for already holds (data or no writers for a reader,
 * room or no readers for a writer) and it has not been signalled (a signalled sleeper queues for
 * the pipe mutex, where a busy mutex may keep it for a while).
 *
 * <ol>
 * <li><b>lock cycle</b>: the JVM finds worker threads deadlocked on locks (pipe mutexes are
 *     ReentrantLocks). Always.
 * <li><b>lost wake-up</b>: a task stays asleep in one sleep while ripe at every sample for the
 *     stall time: whoever made the condition true did not wake it, and nobody else will. Always.
 * <li><b>nobody to wake</b>: every live task is asleep, none is ripe, and the pump (task 0) is
 *     among them, for the stall time. The pump never makes a blocking call and performs every
 *     kind of operation on every pipe, so while it lives every sleeper has a waker; a sleeping
 *     pump is a model bug. While the run is active only.
 * <li><b>no progress</b>: no task completed an operation for twice the stall time (a task
 *     stuck where no wait queue or lock cycle shows it, e.g. on a lock held by a sleeper).
 *     While the run is active or ending.
 * </ol>
 * Legitimately idle, never reported: sleepers whose condition is false while someone who can
 * change it still runs; and, once the pump has finished its quota or the time is up, sleepers
 * with nobody left to wake them. The engine ends those sleeps with a signal (ERESTARTSYS); a
 * task that does not return from its call within the exit bound after that is reported.
 */
final class StallRules {
    /** Whether a sleeper's condition holds; UNKNOWN when its pipe could not be inspected. */
    enum Ripe { YES, NO, UNKNOWN }

    /** The run's phase as the rules see it. */
    enum Phase { ACTIVE, ENDING, STOPPING }

    /** One task at one sample. */
    record TaskView(boolean finished, long opsDone, boolean asleep, long episode, Ripe ripe, String waitingOn) {
    }

    private final long stallNanos;
    private final int pump;
    private long[] ripeEpisode;
    private long[] ripeSince;
    private long lastOps = -1;
    private long lastProgress;
    private long allAsleepSince = -1;

    StallRules(long stallNanos, int pump) {
        this.stallNanos = stallNanos;
        this.pump = pump;
    }

    /** Applies the rules to one sample; returns a description of the finding, or null. */
    String tick(long now, TaskView[] tasks, Phase phase, String lockCycle) {
        if (lockCycle != null) {
            return "lock cycle: " + lockCycle;
        }
        if (ripeEpisode == null) {
            ripeEpisode = new long[tasks.length];
            ripeSince = new long[tasks.length];
            java.util.Arrays.fill(ripeEpisode, -1);
            lastProgress = now;
        }
        long ops = 0;
        boolean anyLive = false;
        boolean allAsleep = true;
        boolean anyRipe = false;
        for (int i = 0; i < tasks.length; i++) {
            TaskView t = tasks[i];
            ops += t.opsDone();
            if (t.asleep() && t.ripe() == Ripe.YES) {
                anyRipe = true;
                if (ripeEpisode[i] != t.episode()) {
                    ripeEpisode[i] = t.episode();
                    ripeSince[i] = now;
                } else if (now - ripeSince[i] >= stallNanos) {
                    return "lost wake-up: task " + i + " has slept on " + t.waitingOn() + " for "
                            + (now - ripeSince[i]) / 1_000_000 + " ms while what it waits for holds";
                }
            } else {
                ripeEpisode[i] = -1;
            }
            if (!t.finished()) {
                anyLive = true;
                allAsleep &= t.asleep();
            }
        }
        if (ops != lastOps) {
            lastOps = ops;
            lastProgress = now;
        } else if (phase != Phase.STOPPING && anyLive && now - lastProgress >= 2 * stallNanos) {
            return "no progress: no task completed an operation for " + (now - lastProgress) / 1_000_000 + " ms";
        }
        boolean pumpAsleep = pump < tasks.length && !tasks[pump].finished() && tasks[pump].asleep();
        if (phase == Phase.ACTIVE && anyLive && allAsleep && !anyRipe && pumpAsleep) {
            if (allAsleepSince < 0) {
                allAsleepSince = now;
            } else if (now - allAsleepSince >= stallNanos) {
                return "nobody to wake: every task, the non-blocking pump included, has slept for "
                        + (now - allAsleepSince) / 1_000_000 + " ms on conditions that do not hold";
            }
        } else {
            allAsleepSince = -1;
        }
        return null;
    }
}
