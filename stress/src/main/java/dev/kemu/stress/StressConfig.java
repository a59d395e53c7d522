package dev.kemu.stress;

import java.time.Duration;

/**
 * What a stress run does: how many tasks and pipes, for how long, from which seed, optionally a
 * quota of operations per task, how long a stall must last before the watchdog reports it, and
 * the directory of the scratch files (null: the machine's working directory).
 *
 * @param threads tasks, 1 to {@value #MAX_THREADS}; task 0 is the pump, which never blocks
 * @param pipes W pipes (the other classes are sized from it, see {@code Layout}), 1 to {@value #MAX_PIPES}
 * @param duration the run's time bound
 * @param seed the seed of every task's operation sequence
 * @param opsPerTask operations each task performs, or 0 to run until the time is up
 * @param stallTimeout how long a stall must last to be reported
 * @param directory where the scratch files go, or null
 */
public record StressConfig(int threads, int pipes, Duration duration, long seed, long opsPerTask, Duration stallTimeout,
        String directory) {
    public static final int MAX_THREADS = 256;
    public static final int MAX_PIPES = 64;
    /** The default stall time before the watchdog reports. */
    public static final Duration DEFAULT_STALL = Duration.ofSeconds(5);

    public StressConfig {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 to " + MAX_THREADS + ", not " + threads);
        }
        if (pipes < 1 || pipes > MAX_PIPES) {
            throw new IllegalArgumentException("pipes must be 1 to " + MAX_PIPES + ", not " + pipes);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the duration must be positive");
        }
        if (opsPerTask < 0) {
            throw new IllegalArgumentException("ops per task must not be negative");
        }
        if (stallTimeout == null || stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("the stall timeout must be positive");
        }
    }

    /** A timed run with the default stall timeout, scratch files in the working directory. */
    public static StressConfig of(int threads, int pipes, Duration duration, long seed) {
        return new StressConfig(threads, pipes, duration, seed, 0, DEFAULT_STALL, null);
    }

    /** The same with a quota of operations per task (the duration stays a bound). */
    public StressConfig withOps(long ops) {
        return new StressConfig(threads, pipes, duration, seed, ops, stallTimeout, directory);
    }

    public StressConfig withStallTimeout(Duration stall) {
        return new StressConfig(threads, pipes, duration, seed, opsPerTask, stall, directory);
    }

    public StressConfig withDirectory(String dir) {
        return new StressConfig(threads, pipes, duration, seed, opsPerTask, stallTimeout, dir);
    }
}
