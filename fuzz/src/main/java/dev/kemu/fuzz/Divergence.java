package dev.kemu.fuzz;

import dev.kemu.kernel.Syscalls;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;

/**
 * Where an emulated kernel first disagrees with a recording: the replayer's first divergence,
 * the index of the call it happened at, and a signature that says what kind of disagreement it
 * is ({@code splice ESPIPE->EBADF}, {@code read data}, {@code write SIGPIPE}), so that shrinking
 * keeps the same disagreement and a campaign reports each kind once.
 *
 * @param call the index of the diverging call among the trace's calls
 * @param line the line of the trace where it diverged
 * @param reason the replayer's one-line account
 * @param signature the kind of disagreement
 */
record Divergence(int call, int line, String reason, String signature) {

    /** Replays {@code recorded} on {@code emulated}; null when every result matches. */
    static Divergence of(Trace recorded, Syscalls emulated) {
        TraceReport r = new Replayer(emulated, Replayer.Mode.FIRST_DIVERGENCE).replay(recorded, recorded.source());
        if (r.passed()) {
            return null;
        }
        int call = -1;
        SyscallLine at = null;
        for (TraceLine l : recorded.lines()) {
            if (l.lineNo() > r.lineNo() && r.lineNo() > 0) {
                break;
            }
            if (l instanceof SyscallLine s) {
                call++;
                at = s;
            }
        }
        String signature;
        if (r.bug() != null) {
            signature = (at == null ? "?" : at.name()) + " emulator bug " + r.bug().getClass().getSimpleName();
        } else if (r.reason().contains("raised") || r.reason().contains("record shows SIG")) {
            signature = (at == null ? "?" : at.name()) + " signal";
        } else {
            signature = signature(r, at);
        }
        return new Divergence(Math.max(call, 0), r.lineNo(), r.reason(), signature);
    }

    private static String signature(TraceReport r, SyscallLine at) {
        CallOutcome last = r.outcomes().isEmpty() ? null : r.outcomes().get(r.outcomes().size() - 1);
        if (last == null || at == null) {
            return "? " + r.verdict();
        }
        String expected = word(last.recorded());
        String got = word(last.actual());
        if (last.difference() != null && last.difference().startsWith("the call blocked forever")) {
            return at.name() + " " + expected + "->blocks";
        }
        if (!expected.equals(got)) {
            return at.name() + " " + expected + "->" + got;
        }
        return at.name() + (last.difference() != null && last.difference().startsWith("expected =") ? " count" : " data");
    }

    /** The errno of a result, or {@code ok}. */
    private static String word(SyscallLine l) {
        return l.result().errno() != null ? l.result().errno() : "ok";
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
