package dev.kemu.stress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run's phase flags and findings, shared by the engine, the watchdog and the workers.
 *
 * <p>{@code stop} (the time is up: finish the current operation and leave), {@code ending} (the
 * operation quota is running out: no more blocking calls) and {@code signalsSent} are volatile
 * and only ever go from false to true. The engine sets {@code signalsSent} before it sends the
 * first signal, so a worker that got ERESTARTSYS reads it as true (the signal's delivery reads
 * the volatile pending word the sender wrote after the flag). The first deadlock finding wins;
 * waiting threads are woken through this object's monitor.
 */
final class RunControl {
    private static final int SAMPLES = 20;

    private volatile boolean stop;
    private volatile boolean ending;
    private volatile boolean signalsSent;
    private volatile String deadlock;
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sampled = new AtomicInteger();

    boolean stop() {
        return stop;
    }

    void setStop() {
        stop = true;
        changed();
    }

    boolean ending() {
        return ending;
    }

    void setEnding() {
        ending = true;
    }

    boolean signalsSent() {
        return signalsSent;
    }

    void setSignalsSent() {
        signalsSent = true;
    }

    /** Records a deadlock report; only the first one is kept. Returns true when it was the first. */
    synchronized boolean deadlock(String report) {
        if (deadlock != null) {
            return false;
        }
        deadlock = report;
        notifyAll();
        return true;
    }

    String deadlock() {
        return deadlock;
    }

    /** Wakes the engine: a worker finished, a finding came in. */
    synchronized void changed() {
        notifyAll();
    }

    /** Waits for {@link #changed()} at most {@code millis}. */
    synchronized void await(long millis) {
        try {
            wait(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first few descriptions of unexpected results for the report. */
    void sample(String what) {
        if (sampled.getAndIncrement() < SAMPLES) {
            samples.add(what);
        }
    }

    List<String> samples() {
        return new ArrayList<>(samples);
    }
}
