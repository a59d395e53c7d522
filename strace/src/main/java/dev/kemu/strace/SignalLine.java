package dev.kemu.strace;

import java.util.Objects;
import java.util.Optional;

/**
 * A signal as strace prints it (strace src/strace.c:print_stopped(), src/printsiginfo.c):
 * {@code --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=1, si_uid=0} ---} for a delivery with its siginfo,
 * {@code --- stopped by SIGSTOP ---} for a group stop.
 *
 * <p>The text is kept whole (values such as {@code si_pid} differ from run to run); {@link #siginfo()} gives the
 * siginfo fields as a struct when they parse.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param signal the signal name, e.g. {@code SIGPIPE}
 * @param text the line from {@code ---} to {@code ---}, without pid and time
 * @param stamp pid and time
 */
public record SignalLine(int lineNo, String signal, String text, Stamp stamp) implements TraceLine {

    /**
     * Checks that signal and text are present and the text is one line.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param signal the signal name, e.g. {@code SIGPIPE}
     * @param text the line from {@code ---} to {@code ---}
     * @param stamp pid and time
     */
    public SignalLine {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stamp, "stamp");
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a signal line is one line: " + text);
        }
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }

    /**
     * A signal line without pid or time.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param signal the signal name, e.g. {@code SIGPIPE}
     * @param text the whole line, from {@code ---} to {@code ---}
     */
    public SignalLine(int lineNo, String signal, String text) {
        this(lineNo, signal, text, Stamp.NONE);
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

    /**
     * Whether this is a group stop, {@code --- stopped by SIGSTOP ---}.
     *
     * @return true for a stop
     */
    public boolean stopped() {
        return text.startsWith("--- stopped by ");
    }

    /**
     * The siginfo fields, e.g. {@code si_code=CLD_EXITED}, {@code si_pid=123}, {@code si_status=0} for SIGCHLD.
     *
     * @return the struct, empty for a stop or when the text holds no struct that parses
     */
    public Optional<StructArg> siginfo() {
        String prefix = "--- " + signal + " ";
        if (!text.startsWith(prefix + "{") || !text.endsWith("} ---")) {
            return Optional.empty();
        }
        String body = text.substring(prefix.length(), text.length() - 4);
        try {
            Cursor c = new Cursor("<siginfo>", lineNo, body);
            Arg a = new ValueParser(c, new QuotingStats()).value(0);
            return c.atEnd() && a instanceof StructArg s ? Optional.of(s) : Optional.empty();
        } catch (TraceFormatException e) {
            return Optional.empty();
        }
    }
}
