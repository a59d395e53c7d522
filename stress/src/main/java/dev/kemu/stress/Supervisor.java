package dev.kemu.stress;

import dev.kemu.vfs.Signal;

/**
 * The engine thread's part while the workers run: it ends the run and makes sure every task
 * comes back.
 *
 * <p>Timed run: at the deadline it sets {@code stop}, then signals every task still in a call
 * (SIGTERM; a sleeping call returns ERESTARTSYS). Quota run: when the pump has done its quota
 * nobody is left to wake a sleeper for sure, so it sets {@code ending} (no more blocking calls)
 * and signals the sleepers. Either way it repeats the signal to every task still asleep each
 * time it looks (a signal raised while the task was between calls is kept pending, but two
 * signals raised at once can lose one in {@code Task.sendSignal}). A task that has not returned
 * within the exit bound after {@code stop} is reported as deadlocked.
 */
final class Supervisor {
    private static final long LOOK_MILLIS = 20;

    private final StressConfig config;
    private final Worker[] workers;
    private final Thread[] threads;
    private final SleepCensus census;
    private final Topology topo;
    private final RunControl ctl;

    Supervisor(StressConfig config, Worker[] workers, Thread[] threads, SleepCensus census, Topology topo, RunControl ctl) {
        this.config = config;
        this.workers = workers;
        this.threads = threads;
        this.census = census;
        this.topo = topo;
        this.ctl = ctl;
    }

    /** Waits for the run to end; returns when its active part ended ({@code System.nanoTime()}). */
    long supervise(long start) {
        long deadline = start + config.duration().toNanos();
        long exitBound = Math.max(2_000_000_000L, config.stallTimeout().toNanos());
        long end = -1;
        long stopAt = -1;
        for (;;) {
            long now = System.nanoTime();
            if (ctl.deadlock() != null) {
                end = end < 0 ? now : end;
                abandon();
                return end;
            }
            if (allFinished()) {
                return end < 0 ? now : end;
            }
            if (!ctl.stop() && now >= deadline) {
                ctl.setStop();
                end = now;
                stopAt = now;
                signal(false);
            } else if (config.opsPerTask() > 0 && !ctl.ending() && workers[0].finished()) {
                ctl.setEnding();
                signal(false);
            } else if (ctl.stop() || ctl.ending()) {
                signal(true);
            }
            if (stopAt >= 0 && now - stopAt > exitBound) {
                ctl.deadlock(ThreadDump.describe("a task did not return within " + exitBound / 1_000_000
                        + " ms of being signalled (an uninterruptible wait)", threads, census, topo.pipes()));
                continue;
            }
            ctl.await(LOOK_MILLIS);
        }
    }

    private boolean allFinished() {
        for (Worker w : workers) {
            if (!w.finished()) {
                return false;
            }
        }
        return true;
    }

    /** Signals unfinished tasks (only those asleep when {@code asleepOnly}). */
    private void signal(boolean asleepOnly) {
        ctl.setSignalsSent();
        for (int i = 0; i < workers.length; i++) {
            if (!workers[i].finished() && (!asleepOnly || census.slot(i).what != null)) {
                workers[i].context().task.sendSignal(Signal.SIGTERM);
            }
        }
    }

    /** After a deadlock: stop everything that still can, and give it a moment to leave. */
    private void abandon() {
        ctl.setStop();
        signal(false);
        long until = System.nanoTime() + 2_000_000_000L;
        for (Thread t : threads) {
            StressEngine.join(t, Math.max(1, (until - System.nanoTime()) / 1_000_000));
        }
    }
}
