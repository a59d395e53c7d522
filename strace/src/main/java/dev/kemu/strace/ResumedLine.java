package dev.kemu.strace;

import java.util.List;
import java.util.Objects;

/**
 * The second half of a split call, {@code <... read resumed>"", 4096) = 0}: the arguments printed on exit and the
 * result (strace src/syscall.c:syscall_exiting_trace(), {@code "<... %s resumed>"}).
 *
 * <p>When the call was split inside a changed value, strace writes the rest of it first: {@code clone3({flags=...}
 * <unfinished ...>} ... {@code <... clone3 resumed> => {parent_tid=[8406]}, 88) = 8406}; then {@code changesLast}
 * is set and the first argument is the new value of the unfinished line's last argument.
 *
 * <p>When the process goes away before the call returns (killed by SIGKILL while it slept), strace writes
 * {@code <... clock_nanosleep resumed> <unfinished ...>) = ?}: no arguments and {@code vanished} set.
 * {@code restart_syscall(<... resuming interrupted read ...>) = 0} is not a resumed line but an ordinary call.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param name the system call name
 * @param args the arguments printed after {@code resumed>}
 * @param result what the call returned
 * @param vanished whether strace printed {@code <unfinished ...>} again: the process left during the call
 * @param changesLast whether the line starts with {@code  => }: the first argument completes the unfinished
 *     line's last one
 * @param stamp pid, time and duration
 * @param raw the exact source line, or null when built by code
 */
public record ResumedLine(int lineNo, String name, List<Arg> args, Result result, boolean vanished,
        boolean changesLast, Stamp stamp, String raw) implements TraceLine {

    /**
     * Copies the arguments and checks the name.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param name the system call name
     * @param args the arguments printed after {@code resumed>}
     * @param result what the call returned
     * @param vanished whether strace printed {@code <unfinished ...>} again
     * @param changesLast whether the first argument completes the unfinished line's last one
     * @param stamp pid, time and duration
     * @param raw the exact source line, or null when built by code
     */
    public ResumedLine {
        Objects.requireNonNull(stamp, "stamp");
        Objects.requireNonNull(result, "result");
        args = List.copyOf(args);
        if (!SyscallLine.isName(Objects.requireNonNull(name, "name")) || lineNo < 0
                || (changesLast && args.isEmpty())) {
            throw new IllegalArgumentException("bad resumed call " + lineNo + ": " + name);
        }
    }
}
