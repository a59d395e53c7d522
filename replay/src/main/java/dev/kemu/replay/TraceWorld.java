package dev.kemu.replay;

import dev.kemu.strace.Str;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import java.util.Optional;

/**
 * Where a log was recorded, as far as the log says: the working directory and the type of the filesystem holding
 * it. Real logs name absolute paths and run anywhere, so the emulated machine is set up to match before a replay.
 *
 * <p>The working directory comes from a {@code # cwd:} header ({@code kemu record} writes one), else from the first
 * successful {@code getcwd} before any {@code chdir}/{@code fchdir}; the filesystem from a {@code # fs:} header.
 *
 * @param cwd the recording's working directory, if the log tells
 * @param fs the type of the filesystem holding it ({@code ext4}, {@code tmpfs}...), if the log tells
 */
public record TraceWorld(Optional<String> cwd, Optional<String> fs) {

    /** Reads what {@code trace} says of its world. */
    public static TraceWorld of(Trace trace) {
        Optional<String> cwd = trace.header("cwd").filter(c -> c.startsWith("/"));
        if (cwd.isEmpty()) {
            for (TraceLine l : trace.lines()) {
                if (!(l instanceof SyscallLine s)) {
                    continue;
                }
                if (s.name().equals("chdir") || s.name().equals("fchdir")) {
                    break;
                }
                if (s.name().equals("getcwd") && !s.result().isError() && !s.args().isEmpty()
                        && s.args().get(0) instanceof Str p && !p.truncated() && p.text().startsWith("/")) {
                    cwd = Optional.of(p.text());
                    break;
                }
            }
        }
        return new TraceWorld(cwd, trace.header("fs").filter(f -> !f.isBlank()));
    }
}
