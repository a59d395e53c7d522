package dev.kemu.replay;

import java.util.List;

/**
 * The result of replaying one trace on one kernel.
 *
 * @param name the trace's name (its file name)
 * @param kernel the version it ran on
 * @param verdict PASS, FAIL or UNSUPPORTED
 * @param lineNo the line of the first divergence or unsupported call, 0 for PASS
 * @param reason one line saying what diverged (expected vs got) or what is unsupported; empty for PASS
 * @param outcomes every call that ran, in order
 * @param bug the exception an emulator bug threw out of a syscall, or null
 */
public record TraceReport(String name, String kernel, Verdict verdict, int lineNo, String reason, List<CallOutcome> outcomes,
        Throwable bug) {
    public TraceReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
