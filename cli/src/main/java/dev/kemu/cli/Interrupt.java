package dev.kemu.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT) during a long run: what was done so far is printed, as {@code strace -c} and {@code perf stat} do,
 * and the tool exits 130 (128 + SIGINT). A command names what it has done so far with {@link #onInterrupt}; the
 * handler, installed by {@link Main#main} only, prints that on standard output and halts.
 */
final class Interrupt {
    /** The exit code after Ctrl-C. */
    static final int EXIT = 130;

    private static volatile Consumer<PrintWriter> summary;
    private static volatile PrintWriter out;

    private Interrupt() {
    }

    /** Installs the SIGINT handler (the tool's own process only). */
    static void install() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                fire();
                Runtime.getRuntime().halt(EXIT);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT to catch here: Ctrl-C ends the tool as it would anyway
        }
    }

    /** From now on, Ctrl-C prints {@code what} on {@code to}. */
    static void onInterrupt(PrintWriter to, Consumer<PrintWriter> what) {
        out = to;
        summary = what;
    }

    /** The run is over: Ctrl-C has nothing to sum up. */
    static void done() {
        summary = null;
    }

    /** Prints what the command did so far, if it said; what the handler does before halting. */
    static void fire() {
        Consumer<PrintWriter> s = summary;
        PrintWriter o = out;
        if (s != null && o != null) {
            if (Terminal.stderr) {
                System.err.print("\r\033[K");
            }
            o.println();
            s.accept(o);
            o.flush();
        }
    }
}
