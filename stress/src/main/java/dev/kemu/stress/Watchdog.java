package dev.kemu.stress;

import dev.kemu.pipe.Pipe;
import dev.kemu.vfs.Page;

/**
 * The watchdog thread: every tick it samples the workers (progress counters, the sleep census,
 * whether each sleeper's condition holds), asks the JVM for lock cycles, applies
 * {@link StallRules}, and on a finding files a deadlock report with every worker's stack and
 * locks. It also reports progress to the listener.
 *
 * <p>It never blocks on a pipe mutex: a sleeper's pipe is inspected under {@code tryLock} only
 * (the mutex is reentrant, so the pipe's own inspection methods then run without waiting), and
 * a pipe it cannot lock counts as unknown, which no rule acts on.
 */
final class Watchdog implements Runnable {
    static final long TICK_MILLIS = 100;

    private final Thread[] threads;
    private final Worker[] workers;
    private final SleepCensus census;
    private final Topology topo;
    private final RunControl ctl;
    private final StallRules rules;
    private final StressListener listener;
    private final long startNanos;
    private volatile boolean done;
    private long[] lastOps;

    Watchdog(Thread[] threads, Worker[] workers, SleepCensus census, Topology topo, RunControl ctl, StallRules rules,
            StressListener listener, long startNanos) {
        this.threads = threads;
        this.workers = workers;
        this.census = census;
        this.topo = topo;
        this.ctl = ctl;
        this.rules = rules;
        this.listener = listener;
        this.startNanos = startNanos;
    }

    void finish() {
        done = true;
    }

    @Override
    public void run() {
        while (!done && ctl.deadlock() == null) {
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            StallRules.TaskView[] views = sample();
            StallRules.Phase phase = ctl.stop() ? StallRules.Phase.STOPPING
                    : ctl.ending() ? StallRules.Phase.ENDING : StallRules.Phase.ACTIVE;
            String finding = rules.tick(now, views, phase, someoneStuck(views) ? ThreadDump.lockCycle(threads) : null);
            if (finding != null) {
                ctl.deadlock(ThreadDump.describe(finding, threads, census, topo.pipes()));
                return;
            }
            long ops = 0;
            for (StallRules.TaskView v : views) {
                ops += v.opsDone();
            }
            try {
                listener.progress(now - startNanos, ops);
            } catch (RuntimeException e) {
                // A failing progress display must not stop the watchdog.
            }
        }
    }

    /**
     * True when some live task neither sleeps nor completed an operation since the last tick:
     * only then can it be in a lock cycle, so only then is the JVM asked (a safepoint).
     */
    private boolean someoneStuck(StallRules.TaskView[] views) {
        boolean stuck = false;
        for (int i = 0; i < views.length; i++) {
            StallRules.TaskView v = views[i];
            if (lastOps != null && !v.finished() && !v.asleep() && v.opsDone() == lastOps[i]) {
                stuck = true;
            }
        }
        if (lastOps == null) {
            lastOps = new long[views.length];
        }
        for (int i = 0; i < views.length; i++) {
            lastOps[i] = views[i].opsDone();
        }
        return stuck;
    }

    private StallRules.TaskView[] sample() {
        StallRules.TaskView[] views = new StallRules.TaskView[workers.length];
        for (int i = 0; i < workers.length; i++) {
            SleepCensus.Slot s = census.slot(i);
            long e1 = s.episode;
            Object what = s.what;
            long e2 = s.episode;
            boolean asleep = what != null && e1 == e2;
            StallRules.Ripe ripe = asleep ? ripe(SleepCensus.parse(what), threads[i]) : StallRules.Ripe.NO;
            views[i] = new StallRules.TaskView(workers[i].finished(), workers[i].context().stats.opsDone(), asleep, e1,
                    ripe, asleep ? what.toString() : null);
        }
        return views;
    }

    /**
     * Whether the condition {@code thread} sleeps for holds. A sleeper already signalled waits
     * in the mutex's queue to take the lock again (a busy mutex can keep it there a while): it
     * was woken, so it does not count as ripe.
     */
    private StallRules.Ripe ripe(SleepCensus.PipeWait w, Thread thread) {
        Pipe p = w == null ? null : topo.pipe(w.pipeId());
        if (p == null || !p.mutex().tryLock()) {
            return StallRules.Ripe.UNKNOWN;
        }
        try {
            if (p.mutex().hasQueuedThread(thread)) {
                return StallRules.Ripe.NO;
            }
            int[] ends = p.endCounts();
            int used = p.describeSlots().size();
            boolean holds = w.read() ? used > 0 || ends[1] == 0 : used < p.sizeBytes() / Page.SIZE || ends[0] == 0;
            return holds ? StallRules.Ripe.YES : StallRules.Ripe.NO;
        } finally {
            p.mutex().unlock();
        }
    }
}
