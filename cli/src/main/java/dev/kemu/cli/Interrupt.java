package dev.kemu.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Ctrl-C (SIGINT) during a long run: what was done so far is printed, as {@code strace -c} and {@code perf stat} do,
 * a machine on an image is unmounted cleanly ({@link #onInterruptUnmount}), and the tool exits 130 (128 + SIGINT). A command names what it has done so far with {@link #onInterrupt}; the
 * handler, installed by {@link Main#main} only, prints that on standard output and halts.
 */
final class Interrupt {
    /** The exit code after Ctrl-C. */
    static final int EXIT = 130;

    private static volatile Consumer<PrintWriter> summary;
    private static volatile PrintWriter out;
    private static volatile Runnable unmount;

    private Interrupt() {
    }

    /** Installs the SIGINT handler (the tool's own process only). */
    static void install() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                fire();
                unmount();
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

    /**
     * From now on, Ctrl-C first unmounts the machine's filesystems with {@code shutdown}: an
     * ext4 image's running journal transaction is finished (operations under way complete, new
     * ones wait) and committed, and the image is left clean, as {@code umount} leaves it.
     */
    static void onInterruptUnmount(Runnable shutdown) {
        unmount = shutdown;
    }

    /** How long Ctrl-C waits for the unmount before it exits anyway. */
    static final long UNMOUNT_TIMEOUT_SECONDS = 60;

    /** Runs the registered unmount, if any, within {@link #UNMOUNT_TIMEOUT_SECONDS}. */
    static void unmount() {
        Runnable u = unmount;
        unmount = null;
        if (u == null) {
            return;
        }
        Thread t = new Thread(u, "unmount on SIGINT");
        t.setDaemon(true);
        t.start();
        try {
            t.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(UNMOUNT_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            System.err.println("kemu: the image could not be unmounted within " + UNMOUNT_TIMEOUT_SECONDS
                    + " s; it may need e2fsck");
        }
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
