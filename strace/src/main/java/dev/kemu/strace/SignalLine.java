package dev.kemu.strace;

import java.util.Objects;

/**
 * A signal delivery as strace prints it, e.g. {@code --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=1,
 * si_uid=0} ---} (strace src/strace.c:print_signalled()). The siginfo is kept as text only: it holds values such
 * as {@code si_pid} that differ from run to run.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param signal the signal name, e.g. {@code SIGPIPE}
 * @param text the whole line, from {@code ---} to {@code ---}
 */
public record SignalLine(int lineNo, String signal, String text) implements TraceLine {

    /**
     * Checks that signal and text are present and the text is one line.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param signal the signal name, e.g. {@code SIGPIPE}
     * @param text the whole line, from {@code ---} to {@code ---}
     */
    public SignalLine {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a signal line is one line: " + text);
        }
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }

    /**
     * A signal line without siginfo details, {@code --- SIGPIPE {si_signo=SIGPIPE} ---}.
     *
     * @param signal the signal name
     * @return the line, with line number 0
     */
    public static SignalLine of(String signal) {
        return new SignalLine(0, signal, "--- " + signal + " {si_signo=" + signal + "} ---");
    }
}
