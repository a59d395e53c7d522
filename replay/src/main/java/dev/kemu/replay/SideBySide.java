package dev.kemu.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One log replayed on several kernels side by side, over one pass: each line is parsed once and its event goes to
 * every machine in turn, and the outcomes of one call on every kernel are handed on together as a row as soon as the
 * last kernel has it. Memory is bounded by what the machines hold and by the calls whose outcome some kernels have
 * and others do not have yet, never by the log's length: the reports keep no outcome.
 *
 * <p>A row is a call that ran on every kernel: a call one kernel left blocked or never reached (its replay stopped)
 * makes no row. Rows come in the order the first kernel's calls ended. An outcome still waiting for the other kernels
 * {@link #HORIZON} events after it came will never get them (the same event ends the same call on every kernel that
 * runs it) and is dropped.
 *
 * <p>Not thread-safe: one replay at a time, on the calling thread (and the tasks' threads each replay starts).
 */
public final class SideBySide {
    /** How many events an outcome waits for the other kernels' outcomes of its call. */
    static final int HORIZON = 4096;

    private SideBySide() {
    }

    /**
     * Replays {@code log} on every replayer's kernel, side by side.
     *
     * @param replayers one per kernel, each set up as for a replay of its own (its outcomes are not kept)
     * @param log the log
     * @param name the log's name in the reports
     * @param rows receives each call that ran on every kernel: its outcome per kernel, in the replayers' order
     * @return one report per kernel, in the replayers' order, without outcomes
     */
    public static List<TraceReport> replay(List<Replayer> replayers, LogSource log, String name,
            Consumer<List<CallOutcome>> rows) {
        int n = replayers.size();
        Aligner aligner = new Aligner(n, rows);
        Map<String, ExternalFiles> scans = new HashMap<>();
        List<Coordinator> runs = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Replayer r = replayers.get(k);
            int kernel = k;
            r.withoutOutcomes().onOutcome(o -> aligner.add(kernel, o));
            // The world a log implies depends on the working directory only: scanned once per directory.
            ExternalFiles ext = scans.computeIfAbsent(r.kernel().workingDirectory(), cwd -> ExternalFiles.scan(log, cwd));
            runs.add(r.begin(log, ext));
        }
        boolean[] stopped = new boolean[n];
        try (LogSource.Pass pass = log.open()) {
            Schedule events = new Schedule(pass, log.callsEndUnseen());
            for (Schedule.Event e = events.next(); e != null; e = events.next()) {
                boolean any = false;
                for (int k = 0; k < n; k++) {
                    Coordinator run = runs.get(k);
                    if (stopped[k] || !run.going()) {
                        stopped[k] = true;
                        continue;
                    }
                    any = true;
                    String problem = run.event(e, events);
                    if (problem != null && run.passing()) {
                        run.stop(Verdict.FAIL, e.lineNo(), problem);
                        stopped[k] = replayers.get(k).mode() == Replayer.Mode.FIRST_DIVERGENCE;
                    }
                }
                aligner.eventDone(anyStopped(stopped));
                if (!any) {
                    break;
                }
            }
            for (Coordinator run : runs) {
                run.atEnd(events.lastLineNo());
            }
        } finally {
            runs.forEach(Coordinator::shutdown);
        }
        List<TraceReport> reports = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            reports.add(runs.get(k).report(name, replayers.get(k).kernel().release()));
        }
        return reports;
    }

    private static boolean anyStopped(boolean[] stopped) {
        for (boolean s : stopped) {
            if (s) {
                return true;
            }
        }
        return false;
    }

    /**
     * Pairs the outcomes of one call on every kernel. Each kernel's outcomes wait in a map by line, stamped with the
     * event they came in; a call whose outcome every kernel has is handed on and forgotten.
     */
    static final class Aligner {
        private final int n;
        private final Consumer<List<CallOutcome>> rows;
        private final List<LinkedHashMap<Integer, Waiting>> waiting = new ArrayList<>();
        private long event;
        private boolean closed;

        private record Waiting(CallOutcome outcome, long event) {
        }

        Aligner(int n, Consumer<List<CallOutcome>> rows) {
            this.n = n;
            this.rows = rows;
            for (int k = 0; k < n; k++) {
                waiting.add(new LinkedHashMap<>());
            }
        }

        void add(int kernel, CallOutcome o) {
            if (!closed) {
                waiting.get(kernel).put(o.lineNo(), new Waiting(o, event));
            }
        }

        /**
         * An event went to every kernel: the calls every kernel now has are handed on, in the first kernel's order.
         *
         * @param kernelStopped whether a kernel's replay has stopped: no call can then run on every kernel any more
         */
        void eventDone(boolean kernelStopped) {
            LinkedHashMap<Integer, Waiting> first = waiting.get(0);
            for (Iterator<Map.Entry<Integer, Waiting>> it = first.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Waiting> e = it.next();
                List<CallOutcome> row = new ArrayList<>(n);
                row.add(e.getValue().outcome());
                for (int k = 1; k < n && row.size() == k; k++) {
                    Waiting w = waiting.get(k).get(e.getKey());
                    if (w != null) {
                        row.add(w.outcome());
                    }
                }
                if (row.size() == n) {
                    it.remove();
                    for (int k = 1; k < n; k++) {
                        waiting.get(k).remove(e.getKey());
                    }
                    rows.accept(row);
                }
            }
            event++;
            if (kernelStopped) {
                closed = true;
                waiting.forEach(Map::clear);
                return;
            }
            for (LinkedHashMap<Integer, Waiting> m : waiting) {
                m.values().removeIf(w -> w.event() < event - HORIZON);
            }
        }

        /** How many outcomes wait for other kernels' (for tests: it stays bounded). */
        int waiting() {
            return waiting.stream().mapToInt(Map::size).sum();
        }
    }
}
