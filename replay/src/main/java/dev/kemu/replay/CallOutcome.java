package dev.kemu.replay;

import dev.kemu.strace.SyscallLine;

/**
 * One recorded call and what the emulated kernel did with it.
 *
 * @param recorded the line as recorded
 * @param actual the same call with the emulated kernel's results (return value, errno, data read)
 * @param difference why they differ, or null when they match
 * @param signals the signals the call raised on the task, in order
 */
public record CallOutcome(SyscallLine recorded, SyscallLine actual, String difference, java.util.List<String> signals) {
    public CallOutcome {
        signals = java.util.List.copyOf(signals);
    }

    public boolean matches() {
        return difference == null;
    }

    public int lineNo() {
        return recorded.lineNo();
    }
}
