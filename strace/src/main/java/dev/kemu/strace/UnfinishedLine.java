package dev.kemu.strace;

import java.util.List;
import java.util.Objects;

/**
 * The first half of a call that strace had to leave to print a line of another process, {@code read(3,  <unfinished
 * ...>} (strace src/syscall.c, the {@code " <unfinished ...>"} of printing_tcp switching): the name and the
 * arguments printed on entry. The same pid's {@link ResumedLine} completes it; {@link CallJoiner} joins the two.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param name the system call name
 * @param args the arguments printed so far
 * @param stamp pid and time
 * @param raw the exact source line, or null when built by code
 */
public record UnfinishedLine(int lineNo, String name, List<Arg> args, Stamp stamp, String raw) implements TraceLine {

    /**
     * Copies the arguments and checks the name.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param name the system call name
     * @param args the arguments printed so far
     * @param stamp pid and time
     * @param raw the exact source line, or null when built by code
     */
    public UnfinishedLine {
        Objects.requireNonNull(stamp, "stamp");
        args = List.copyOf(args);
        if (!SyscallLine.isName(Objects.requireNonNull(name, "name")) || lineNo < 0) {
            throw new IllegalArgumentException("bad unfinished call " + lineNo + ": " + name);
        }
    }
}
