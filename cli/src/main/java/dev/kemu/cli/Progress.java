package dev.kemu.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run, on standard error and only when standard error is a terminal. The bar
 * (count, rate, time left) is me.tongfei's {@code progressbar}, which renders it on its own
 * thread; this class decides where its line goes: redrawn in place on one line, taken away
 * ({@link #clear}) before any other output is printed and when done, so that it never mixes
 * into report lines nor reaches a redirected file. A cleared bar comes back at the next step.
 */
final class Progress implements AutoCloseable {
    private final PrintStream term;
    private final ProgressBar bar;
    private boolean shown;
    private boolean hidden;
    private boolean closed;

    private Progress(PrintStream term, String task, long total) {
        this.term = term;
        this.bar = term == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate()
                .setConsumer(new DelegatingProgressBarConsumer(this::draw, 100)).build();
    }

    /** Progress over {@code total} steps; silent unless standard error is a terminal and there is more than one step. */
    static Progress start(String task, long total) {
        boolean on = Terminal.stderr && total > 1;
        return new Progress(on ? System.err : null, task, total);
    }

    /** Called by the bar's thread with the rendered line. */
    private synchronized void draw(String line) {
        if (closed || hidden) {
            return;
        }
        term.print("\r\033[K" + line);
        term.flush();
        shown = true;
    }

    void step() {
        if (bar == null) {
            return;
        }
        synchronized (this) {
            hidden = false;
        }
        bar.step();
    }

    /** Removes the line, so that what is printed next starts on a clean line; the next step brings it back. */
    synchronized void clear() {
        hidden = true;
        if (shown) {
            term.print("\r\033[K");
            term.flush();
            shown = false;
        }
    }

    @Override
    public void close() {
        if (bar == null) {
            return;
        }
        synchronized (this) {
            closed = true;
        }
        bar.close();
        synchronized (this) {
            if (shown) {
                term.print("\r\033[K");
                term.flush();
                shown = false;
            }
        }
    }
}
