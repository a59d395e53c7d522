package dev.kemu.strace;

import java.util.Objects;

/**
 * The end of the traced process, {@code +++ exited with 0 +++} or {@code +++ killed by SIGPIPE +++}
 * (strace src/strace.c; {@code -qq} leaves these lines out, hand-written traces may contain them).
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param text the whole line, from {@code +++} to {@code +++}
 */
public record ExitLine(int lineNo, String text) implements TraceLine {

    /**
     * Checks that the text is one line.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param text the whole line, from {@code +++} to {@code +++}
     */
    public ExitLine {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an exit line is one line: " + text);
        }
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }

    /**
     * The line strace prints for a normal exit.
     *
     * @param status the exit status
     * @return {@code +++ exited with STATUS +++}, with line number 0
     */
    public static ExitLine exited(int status) {
        return new ExitLine(0, "+++ exited with " + status + " +++");
    }
}
