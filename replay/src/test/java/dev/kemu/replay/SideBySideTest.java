package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.strace.Result;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One pass, several kernels: rows of one call's outcomes, and nothing kept that is not handed on. */
class SideBySideTest {
    private static final Kernels KERNELS = Kernels.discover();

    private static Kernel boot(String version) {
        try {
            return KERNELS.boot(version, BootOptions.standard().withRoot("ramfs", null));
        } catch (dev.kemu.kernel.UnknownKernelException | dev.kemu.kernel.KernelBootException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pipe written and read {@code pairs} times, then read to its end. */
    private static String log(int pairs) {
        StringBuilder b = new StringBuilder("pipe2([3, 4], 0) = 0\n");
        for (int i = 0; i < pairs; i++) {
            b.append("write(4, \"\\x61\\x62\", 2) = 2\nread(3, \"\\x61\\x62\", 16) = 2\n");
        }
        b.append("close(4) = 0\nread(3, \"\", 16) = 0\n");
        return b.toString();
    }

    @Test
    void replay_threeKernels_handsOnOneRowPerCallInLogOrder_andTheReportsKeepNoOutcome() {
        Trace t = TraceParser.parse("t.strace", log(500));
        List<Kernel> ks = List.of(boot("3.10"), boot("5.8"), boot("6.18"));
        List<List<CallOutcome>> rows = new ArrayList<>();
        try {
            List<Replayer> rs = ks.stream().map(k -> new Replayer(k, Replayer.Mode.WHOLE_TRACE)).toList();
            List<TraceReport> reports = SideBySide.replay(rs, LogSource.of(t), "t.strace", rows::add);
            assertEquals(3, reports.size());
            for (TraceReport r : reports) {
                assertEquals(Verdict.PASS, r.verdict(), r.reason());
                assertEquals(1003, r.counts().calls());
                assertTrue(r.outcomes().isEmpty(), "a side-by-side report keeps no outcome");
            }
        } finally {
            ks.forEach(Kernel::shutdown);
        }
        assertEquals(1003, rows.size());
        int last = 0;
        for (List<CallOutcome> row : rows) {
            assertEquals(3, row.size());
            int line = row.get(0).lineNo();
            assertTrue(line > last, "rows in log order");
            last = line;
            for (CallOutcome o : row) {
                assertEquals(line, o.lineNo());
            }
        }
    }

    private static CallOutcome outcome(int line) {
        SyscallLine l = new SyscallLine(line, "close", List.of(), Result.ofValue(0));
        return new CallOutcome(l, l, null, List.of(), List.of(), true);
    }

    @Test
    void aligner_callsOneKernelNeverEnds_areDroppedAfterTheHorizon_soWhatWaitsStaysBounded() {
        List<List<CallOutcome>> rows = new ArrayList<>();
        SideBySide.Aligner a = new SideBySide.Aligner(2, rows::add);
        int events = 5 * SideBySide.HORIZON;
        int maxWaiting = 0;
        for (int line = 1; line <= events; line++) {
            a.add(0, outcome(line));
            if (line % 2 == 0) {
                a.add(1, outcome(line));
            }
            a.eventDone(false);
            maxWaiting = Math.max(maxWaiting, a.waiting());
        }
        assertEquals(events / 2, rows.size(), "a row for each call both kernels ran");
        assertTrue(rows.stream().allMatch(r -> r.get(0).lineNo() % 2 == 0));
        assertTrue(maxWaiting <= SideBySide.HORIZON + 2, "waiting outcomes bounded by the horizon: " + maxWaiting);
    }

    @Test
    void aligner_aKernelStopped_dropsWhatWaitsAndTakesNoMore() {
        List<List<CallOutcome>> rows = new ArrayList<>();
        SideBySide.Aligner a = new SideBySide.Aligner(2, rows::add);
        a.add(0, outcome(1));
        a.eventDone(true);
        a.add(0, outcome(2));
        a.add(1, outcome(2));
        a.eventDone(true);
        assertEquals(0, a.waiting());
        assertTrue(rows.isEmpty());
    }
}
