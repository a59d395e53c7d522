package dev.kemu.strace;

import java.util.OptionalLong;

/**
 * One line of an strace log: a system call (whole, or split by another process into an {@link UnfinishedLine} and a
 * {@link ResumedLine}), a comment, an empty line, a signal delivery ({@code --- SIGPIPE {...} ---}) or the end of a
 * process ({@code +++ exited with 0 +++}), or a row of a {@code -e read=}/{@code -e write=} hex dump
 * ({@link DumpLine}); each may carry a pid, a timestamp and a duration ({@link Stamp}).
 *
 * <p>{@link TracePrinter#format(TraceLine)} turns any line back into its text.
 */
public sealed interface TraceLine
        permits Comment, Blank, SyscallLine, SignalLine, ExitLine, UnfinishedLine, ResumedLine, DumpLine {

    /**
     * The 1-based line number in the source the line was read from, or 0 for a line built by code.
     *
     * @return the line number
     */
    int lineNo();

    /**
     * The pid, time and duration strace printed around the line.
     *
     * @return the stamp, {@link Stamp#NONE} for comments, empty lines and lines without them
     */
    default Stamp stamp() {
        return Stamp.NONE;
    }

    /**
     * The process the line belongs to.
     *
     * @return the pid, 0 when the log has none
     */
    default int pid() {
        return stamp().pid();
    }

    /**
     * The timestamp ({@code -t}, {@code -tt}: since midnight; {@code -ttt}: since the epoch; {@code -r}: since the
     * previous line).
     *
     * @return microseconds, empty when the line has no timestamp
     */
    default OptionalLong timeMicros() {
        return stamp().timeMicros();
    }

    /**
     * The {@code -T} duration of the call.
     *
     * @return microseconds, empty when the line has none
     */
    default OptionalLong durationMicros() {
        return stamp().durationMicros();
    }
}
