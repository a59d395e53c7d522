package dev.kemu.fuzz;

import dev.kemu.kernel.Syscalls;
import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.ListArg;
import dev.kemu.strace.Num;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a scenario on a machine (the host) and writes down what happened, as strace would have:
 * each call with the machine's return value, errno and the data it returned, followed by the
 * signals it raised. Each call is resolved against the results of the ones before it (the
 * descriptor an open returned, the pair a pipe returned) and run through the replayer, so the
 * record is made by the same code that later compares it.
 */
final class Recorder {
    /**
     * What a machine did with a scenario.
     *
     * @param lines the calls with their results and the signal lines, in order
     * @param blocked the index of a call that slept (the scenario is then cut there), or -1
     */
    record Recording(List<TraceLine> lines, int blocked) {
        Recording {
            lines = List.copyOf(lines);
        }
    }

    private Recorder() {
    }

    static Recording record(Scenario s, Syscalls machine) {
        OneTask m = new OneTask(machine);
        List<TraceLine> lines = new ArrayList<>();
        long[] results = new long[s.size()];
        int[][] pairs = new int[s.size()][];
        for (int i = 0; i < s.size(); i++) {
            SyscallLine line = Lines.line(s.calls().get(i), fd -> resolve(fd, results, pairs));
            TraceReport r = new Replayer(m, Replayer.Mode.WHOLE_TRACE).replay(new Trace("scenario", List.of(line)), "scenario");
            if (r.verdict() == Verdict.UNSUPPORTED || r.bug() != null || r.outcomes().isEmpty()) {
                throw new IllegalStateException("the fuzzer wrote a call the replayer cannot run: " + line + ": " + r.reason(),
                        r.bug());
            }
            CallOutcome o = r.outcomes().get(0);
            if (o.difference() != null && o.difference().startsWith("the call blocked forever")) {
                return new Recording(lines, i);
            }
            SyscallLine actual = o.actual();
            results[i] = actual.result().value().orElse(-1);
            if (actual.name().equals("pipe2") && results[i] == 0 && actual.arg(0) instanceof ListArg l) {
                pairs[i] = new int[] {(int) ((Num) l.get(0)).value(), (int) ((Num) l.get(1)).value()};
            }
            lines.add(actual);
            for (String sig : o.signals()) {
                lines.add(SignalLine.of(sig));
            }
        }
        return new Recording(lines, -1);
    }

    private static int resolve(Val.Fd fd, long[] results, int[][] pairs) {
        if (fd.call() < 0) {
            return fd.number();
        }
        if (pairs[fd.call()] != null) {
            return pairs[fd.call()][fd.end()];
        }
        long r = results[fd.call()];
        return r >= 0 && r <= Integer.MAX_VALUE ? (int) r : -1;
    }
}
