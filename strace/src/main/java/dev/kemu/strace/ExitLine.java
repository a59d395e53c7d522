package dev.kemu.strace;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The end of a traced process (strace src/strace.c:print_exited(), print_signalled()):
 * {@code +++ exited with 0 +++}, {@code +++ killed by SIGKILL +++}, {@code +++ killed by SIGSEGV (core dumped) +++},
 * or {@code +++ superseded by execve in pid 123 +++} for a thread whose sibling called execve. {@code -qq} leaves
 * these lines out.
 *
 * <p>The status is read from the text: {@link #exitCode()} for an exit, {@link #signal()} and
 * {@link #coreDumped()} for a kill; both empty for another form.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param text the line from {@code +++} to {@code +++}, without pid and time
 * @param stamp pid and time
 */
public record ExitLine(int lineNo, String text, Stamp stamp) implements TraceLine {

    private static final String EXITED = "+++ exited with ";
    private static final String KILLED = "+++ killed by ";
    private static final String CORE = " (core dumped)";
    private static final String END = " +++";

    /**
     * Checks that the text is one line.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param text the line from {@code +++} to {@code +++}
     * @param stamp pid and time
     */
    public ExitLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stamp, "stamp");
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("an exit line is one line: " + text);
        }
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }

    /**
     * An exit line without pid or time.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param text the whole line, from {@code +++} to {@code +++}
     */
    public ExitLine(int lineNo, String text) {
        this(lineNo, text, Stamp.NONE);
    }

    /**
     * The line strace prints for a normal exit.
     *
     * @param status the exit status
     * @return {@code +++ exited with STATUS +++}, with line number 0
     */
    public static ExitLine exited(int status) {
        return new ExitLine(0, EXITED + status + END);
    }

    /**
     * The line strace prints for a process killed by a signal.
     *
     * @param signal the signal name, e.g. {@code SIGKILL}
     * @param coreDumped whether a core was dumped
     * @return {@code +++ killed by SIGNAL +++}, with line number 0
     */
    public static ExitLine killed(String signal, boolean coreDumped) {
        return new ExitLine(0, KILLED + Objects.requireNonNull(signal, "signal") + (coreDumped ? CORE : "") + END);
    }

    /**
     * The exit status of a process that exited.
     *
     * @return the status ({@code exit_group} argument), empty if the process did not exit normally
     */
    public OptionalInt exitCode() {
        if (!text.startsWith(EXITED) || !text.endsWith(END)) {
            return OptionalInt.empty();
        }
        String n = text.substring(EXITED.length(), text.length() - END.length());
        return Numbers.isNumber(n) && !n.startsWith("0x") && n.length() < 11
                ? OptionalInt.of((int) Long.parseLong(n)) : OptionalInt.empty();
    }

    /**
     * The signal that killed the process.
     *
     * @return e.g. {@code SIGKILL}, empty if the process was not killed
     */
    public Optional<String> signal() {
        if (!text.startsWith(KILLED) || !text.endsWith(END)) {
            return Optional.empty();
        }
        String s = text.substring(KILLED.length(), text.length() - END.length());
        if (s.endsWith(CORE)) {
            s = s.substring(0, s.length() - CORE.length());
        }
        return SyscallLine.isName(s) ? Optional.of(s) : Optional.empty();
    }

    /**
     * Whether the killed process dumped core.
     *
     * @return true for {@code +++ killed by SIGSEGV (core dumped) +++}
     */
    public boolean coreDumped() {
        return signal().isPresent() && text.endsWith(CORE + END);
    }
}
