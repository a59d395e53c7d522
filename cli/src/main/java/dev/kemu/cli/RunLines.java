package dev.kemu.cli;

import dev.kemu.replay.CallOutcome;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Comment;
import dev.kemu.strace.Quoting;
import dev.kemu.strace.ResumedLine;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import dev.kemu.strace.UnfinishedLine;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kemu run} prints, written while the replay goes ({@link RunCommand#render} for a log held whole): a
 * second reader of the log follows the replay, each line printed once the replay has decided it (its call's outcome
 * handed over by {@code Replayer.onOutcome}, or none to come, {@code Replayer.onProgress}). Only the outcomes of
 * calls the reader has not reached are held: those between the oldest call still running or put off and the line
 * the replay reads, so memory does not grow with the log.
 *
 * <p>Where the replay could not run a call, every line from there on is printed as a comment under a note that
 * names the reason; the note needs the replay's end, so the reader waits there without holding anything more.
 *
 * <p>Threads: everything runs on the replaying thread (the listeners are called there), then {@link #finish} on the
 * same one.
 */
final class RunLines implements AutoCloseable {
    private final LogSource.Pass lines;
    /** Opened at the first line printed, so a log found unusable during the replay leaves no output file. */
    private final java.util.function.Supplier<PrintWriter> output;
    private PrintWriter out;
    private final String version;
    private final Quoting quoting;
    private final Map<Integer, CallOutcome> byLine = new HashMap<>();
    /** Calls strace split: each outcome also stands at its resumed half. */
    private final Map<Integer, CallOutcome> byEnd = new HashMap<>();
    private final List<String> pendingSignals = new ArrayList<>();
    private TraceLine head;
    /** Every line before this one is decided: its outcome is here, or none will come. */
    private int settled;
    /** Whether any call has ended yet: until then nothing is printed (a log with no call is an error). */
    private boolean started;
    /** A call with no outcome was reached: the rest waits for the replay's end. */
    private boolean waiting;
    private boolean stopped;
    private boolean differs;

    RunLines(LogSource.Pass lines, java.util.function.Supplier<PrintWriter> output, String version, Quoting quoting) {
        this.lines = lines;
        this.output = output;
        this.version = version;
        this.quoting = quoting;
    }

    /** A call's outcome, as the replay hands it over. */
    void outcome(CallOutcome o) {
        differs |= !o.matches();
        started = true;
        if (waiting) {
            return; // from here every line is printed as a comment
        }
        byLine.put(o.lineNo(), o);
        if (o.recorded().endLineNo() > o.lineNo()) {
            byEnd.put(o.recorded().endLineNo(), o);
        }
    }

    /** The replay has decided every line before {@code line}. */
    void progress(int line) {
        settled = Math.max(settled, line);
        if (started && !waiting) {
            drain(null);
        }
    }

    /** The replay ended with {@code r}: the rest of the log is printed. */
    void finish(TraceReport r) {
        settled = Integer.MAX_VALUE;
        waiting = false;
        drain(r);
        flushSignals();
    }

    /** Whether any call's result differs from the record, or the trace could not run to its end. */
    boolean differs(TraceReport r) {
        return differs || r.verdict() == Verdict.UNSUPPORTED || r.bug() != null;
    }

    @Override
    public void close() {
        lines.close();
    }

    /** Prints lines while they are decided; {@code r} is the report once the replay has ended, else null. */
    private void drain(TraceReport r) {
        if (out == null) {
            out = output.get();
        }
        while (true) {
            if (head == null) {
                if (!lines.hasNext()) {
                    return;
                }
                head = lines.next();
            }
            TraceLine tl = head;
            int at = tl.lineNo();
            if (tl instanceof Comment c && c.text().startsWith("# kernel:")) {
                out.println("# kernel: " + version);
            } else if (tl instanceof SyscallLine call) {
                CallOutcome o = stopped ? null : byLine.remove(at);
                if (o == null && !stopped && at >= settled) {
                    return; // its outcome may still come
                }
                flushSignals();
                if (o == null) {
                    if (r == null) {
                        // The replay did not run it: the note below names why, which only its end tells.
                        waiting = true;
                        byLine.clear();
                        byEnd.clear();
                        return;
                    }
                    if (!stopped && r.verdict() != Verdict.PASS) {
                        out.println("# kemu: not run from here: line " + r.lineNo() + ": " + r.reason());
                    }
                    stopped = true;
                    out.println("# " + TracePrinter.format(Quote.apply(call, quoting)));
                } else {
                    if (!o.matches()) {
                        out.println(Style.red(RunCommand.MARK + "line " + o.lineNo() + " differs from the record: " + o.difference()));
                    }
                    SyscallLine actual = Quote.apply(o.actual(), quoting);
                    out.println(RunCommand.blocked(o) ? RunCommand.unfinished(actual) : TracePrinter.format(actual));
                    pendingSignals.addAll(o.signals());
                }
            } else if (tl instanceof UnfinishedLine && !stopped) {
                if (!byLine.containsKey(at) && at >= settled) {
                    return;
                }
                // The call's inputs, as recorded; the model's results come with its resumed half.
                byLine.remove(at);
                out.println(TracePrinter.format(tl));
            } else if (tl instanceof ResumedLine rl && !stopped) {
                if (!byEnd.containsKey(at) && at >= settled) {
                    return;
                }
                CallOutcome o = byEnd.remove(at);
                out.println(o == null ? TracePrinter.format(rl) : RunCommand.resumedText(rl, o));
                if (o != null) {
                    byLine.remove(o.lineNo()); // in case it came after its first half was printed
                    pendingSignals.addAll(o.signals());
                }
            } else if (tl instanceof SignalLine sl) {
                if (stopped) {
                    out.println("# " + sl.text());
                } else if (pendingSignals.remove(sl.signal())) {
                    out.println(sl.text());
                }
            } else if (!stopped || tl instanceof Comment) {
                out.println(TracePrinter.format(tl));
            }
            head = null;
        }
    }

    private void flushSignals() {
        if (out == null) {
            out = output.get();
        }
        for (String s : pendingSignals) {
            out.println("--- " + s + " {si_signo=" + s + ", si_code=SI_USER, si_pid=1, si_uid=0} ---");
        }
        pendingSignals.clear();
    }
}
