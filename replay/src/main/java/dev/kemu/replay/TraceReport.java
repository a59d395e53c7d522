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
 * @param counts how many calls there were, how many were compared and how many were outside the model
 */
public record TraceReport(String name, String kernel, Verdict verdict, int lineNo, String reason, List<CallOutcome> outcomes,
        Throwable bug, Counts counts) {

    /**
     * What happened to the calls of a trace.
     *
     * @param calls system calls read from the record (up to where the replay stopped)
     * @param compared calls run on the emulated kernel and compared with the record
     * @param outside calls outside the model's state: taken from the record, never compared
     * @param cut compared calls whose data strace cut short ({@code "..."...}): compared as far as printed
     */
    public record Counts(int calls, int compared, int outside, int cut) {
        /** The counts as the report line shows them: {@code 412 calls, 380 compared, 32 outside the model}. */
        public String describe() {
            String s = calls + (calls == 1 ? " call, " : " calls, ") + compared + " compared, " + outside + " outside the model";
            return cut == 0 ? s : s + ", " + cut + " with data cut short by strace";
        }
    }

    public TraceReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean passed() {
        return verdict == Verdict.PASS;
    }
}
