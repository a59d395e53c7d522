package dev.kemu.replay;

import dev.kemu.strace.SyscallLine;
import java.util.List;

/**
 * One recorded call and what the emulated kernel did with it.
 *
 * @param recorded the line as recorded
 * @param actual the same call with the emulated kernel's results (return value, errno, data read); for a call
 *     outside the model, the recorded line itself
 * @param difference why they differ, or null when they match
 * @param signals the signals the call raised on the task, in order
 * @param graph what the kernel did inside the call, function_graph style (empty unless traced)
 * @param compared false for a call outside the model, whose result was taken from the record
 */
public record CallOutcome(SyscallLine recorded, SyscallLine actual, String difference, List<String> signals,
        List<String> graph, boolean compared) {
    public CallOutcome {
        signals = List.copyOf(signals);
        graph = List.copyOf(graph);
    }

    public boolean matches() {
        return difference == null;
    }

    public int lineNo() {
        return recorded.lineNo();
    }
}
