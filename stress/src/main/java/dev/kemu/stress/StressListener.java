package dev.kemu.stress;

/** Hears how a stress run is going, about ten times a second, from the watchdog thread. */
@FunctionalInterface
public interface StressListener {
    /**
     * @param elapsedNanos time since the workers started
     * @param ops operations completed so far by all tasks
     */
    void progress(long elapsedNanos, long ops);

    /** Hears nothing. */
    StressListener NONE = (elapsed, ops) -> { };
}
