package dev.kemu.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on the terminal (stderr) for long runs; nothing at all when the output is not a terminal. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} steps, shown only on an interactive terminal and for more than one step. */
    static Progress start(String task, long total) {
        if (System.console() == null || total <= 1 || System.getenv("CI") != null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
