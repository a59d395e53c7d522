package dev.kemu.replay;

import dev.kemu.strace.SyscallLine;

/**
 * One recorded call and what the emulated kernel did with it.
 *
 * @param recorded the line as recorded
 * @param actual the same call with the emulated kernel's results (return value, errno, data read)
 * @param difference why they differ, or null when they match
 * @param signals the signals the call raised on the task, in order
 * @param graph what the kernel did inside the call, function_graph style (empty unless traced)
 */
public record CallOutcome(SyscallLine recorded, SyscallLine actual, String difference, java.util.List<String> signals,
        java.util.List<String> graph) {
    public CallOutcome {
        signals = java.util.List.copyOf(signals);
        graph = java.util.List.copyOf(graph);
    }

    public boolean matches() {
        return difference == null;
    }

    public int lineNo() {
        return recorded.lineNo();
    }
}
