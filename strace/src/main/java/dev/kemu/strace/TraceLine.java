package dev.kemu.strace;

/**
 * One line of an strace log, as written by {@code strace -qq -xx -o FILE}: a system call, a comment, an empty
 * line, a signal delivery ({@code --- SIGPIPE {...} ---}) or the process end ({@code +++ exited with 0 +++}).
 *
 * <p>{@link TracePrinter#format(TraceLine)} turns any line back into its text.
 */
public sealed interface TraceLine permits Comment, Blank, SyscallLine, SignalLine, ExitLine {

    /**
     * The 1-based line number in the source the line was read from, or 0 for a line built by code.
     *
     * @return the line number
     */
    int lineNo();
}
