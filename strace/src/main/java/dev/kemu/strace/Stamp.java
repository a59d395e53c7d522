package dev.kemu.strace;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Who wrote a line and when: what strace prints before and after the body of a line (strace
 * src/strace.c:printleader() and src/syscall.c:syscall_exiting_trace()).
 *
 * <ul>
 *   <li>the pid: {@code 1234  } with {@code -f -o FILE} (left-justified in five columns), {@code [pid  1234] }
 *       with {@code -f} on stderr; 0 when the line has none (a one-process log, or one {@code -ff} file);</li>
 *   <li>the time: {@code -t} {@code 15:04:05}, {@code -tt} {@code 15:04:05.123456} ({@link Clock#TIME_OF_DAY},
 *       microseconds since midnight), {@code -ttt} {@code 1700000000.123456} ({@link Clock#UNIX}, microseconds
 *       since the epoch), {@code -r} {@code      0.000123} ({@link Clock#RELATIVE}, microseconds since the previous
 *       line); digits beyond microseconds ({@code --absolute-timestamps=ns}) are dropped;</li>
 *   <li>the duration of the call with {@code -T}: {@code  <0.000012>} after the result.</li>
 * </ul>
 *
 * @param pid the process id, 0 when the line has none
 * @param clock what the time counts, {@link Clock#NONE} when the line has no time
 * @param time the time in microseconds as described by {@code clock}; 0 when there is none
 * @param duration the {@code -T} duration in microseconds, or -1 when the line has none
 * @param prefix the exact text before the body (pid and time, with their spaces), {@code ""} when none
 * @param suffix the exact text after the body ({@code " <0.000012>"}), {@code ""} when none
 */
public record Stamp(int pid, Clock clock, long time, long duration, String prefix, String suffix) {

    /** A line without pid, time or duration. */
    public static final Stamp NONE = new Stamp(0, Clock.NONE, 0, -1, "", "");

    /** What a timestamp counts. */
    public enum Clock {
        /** No timestamp. */
        NONE,
        /** {@code -t}, {@code -tt}: wall-clock time of day, microseconds since midnight. */
        TIME_OF_DAY,
        /** {@code -ttt}: microseconds since 1970-01-01 UTC. */
        UNIX,
        /** {@code -r}: microseconds since the previous line was started. */
        RELATIVE
    }

    /**
     * Checks the parts.
     *
     * @param pid the process id, 0 when the line has none
     * @param clock what the time counts
     * @param time the time in microseconds
     * @param duration the duration in microseconds, or -1
     * @param prefix the text before the body
     * @param suffix the text after the body
     */
    public Stamp {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        if (pid < 0 || duration < -1 || (clock == Clock.NONE && time != 0)) {
            throw new IllegalArgumentException("bad stamp: pid " + pid + ", " + clock + " " + time + ", duration "
                    + duration);
        }
        if (prefix.indexOf('\n') >= 0 || suffix.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a stamp is part of one line");
        }
    }

    /**
     * The timestamp.
     *
     * @return microseconds as described by {@link #clock()}, empty when the line has no timestamp
     */
    public OptionalLong timeMicros() {
        return clock == Clock.NONE ? OptionalLong.empty() : OptionalLong.of(time);
    }

    /**
     * The {@code -T} duration.
     *
     * @return the time spent in the call in microseconds, empty when the line has none
     */
    public OptionalLong durationMicros() {
        return duration < 0 ? OptionalLong.empty() : OptionalLong.of(duration);
    }

    /**
     * A stamp with only a pid, for a line built by code; its prefix is the pid as strace writes it with
     * {@code -f -o FILE}, left-justified in five columns and a space.
     *
     * @param newPid the pid, 0 for none
     * @return the stamp
     */
    public static Stamp ofPid(int newPid) {
        return newPid == 0 ? NONE : new Stamp(newPid, Clock.NONE, 0, -1, String.format("%-5d ", newPid), "");
    }
}
