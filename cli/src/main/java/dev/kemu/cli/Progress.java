package dev.kemu.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long run, on standard error and only when standard error is a terminal: one line, redrawn in place
 * at most ten times a second, cleared ({@link #clear}) before any other output is printed and when done, so that it
 * never mixes into report lines nor reaches a redirected file.
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private final PrintStream term;
    private final String task;
    private final long total;
    private long done;
    private long drawnAt;
    private boolean shown;

    private Progress(PrintStream term, String task, long total) {
        this.term = term;
        this.task = task;
        this.total = total;
    }

    /** Progress over {@code total} steps; silent unless standard error is a terminal and there is more than one step. */
    static Progress start(String task, long total) {
        boolean on = Terminal.stderr && total > 1;
        return new Progress(on ? System.err : null, task, total);
    }

    synchronized void step() {
        done++;
        if (term == null) {
            return;
        }
        long now = System.nanoTime();
        if (!shown || now - drawnAt >= REDRAW_NANOS || done == total) {
            drawnAt = now;
            int width = 30;
            int filled = (int) Math.min(width, done * width / Math.max(1, total));
            term.print(String.format(Locale.ROOT, "\r\033[K%s [%s%s] %d/%d", task, "#".repeat(filled), " ".repeat(width - filled),
                    done, total));
            term.flush();
            shown = true;
        }
    }

    /** Removes the line, so that what is printed next starts on a clean line; the next step draws it again. */
    synchronized void clear() {
        if (shown) {
            term.print("\r\033[K");
            term.flush();
            shown = false;
        }
    }

    @Override
    public void close() {
        clear();
    }
}
