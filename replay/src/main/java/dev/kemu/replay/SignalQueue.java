package dev.kemu.replay;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The signals the emulated kernel raised on the task and the record has not shown yet.
 *
 * <p>The model raises only {@code SIGPIPE} of its own accord ({@code fs/pipe.c:pipe_write()} and the splice paths
 * send it on EPIPE); that one is compared. Signals tasks send each other ({@code kill}) and a child's
 * {@code SIGCHLD} are delivered in the model (they wake sleeping calls) but not compared: strace shows them where it
 * saw them, which depends on timing. Any other signal came from outside the model — a timer set with
 * {@code alarm}, the terminal — and is accepted where it stands.
 */
final class SignalQueue {
    /** Signals only the model can have raised in a single-process log. */
    private static final Set<String> MODEL_RAISES = Set.of("SIGPIPE");

    private final Deque<String> raised = new ArrayDeque<>();

    /** Queues a signal the model delivered; only those the record must show are kept. */
    void add(String signal) {
        if (MODEL_RAISES.contains(signal)) {
            raised.addLast(signal);
        }
    }

    /** The oldest signal the record has not shown yet, or null. */
    String pending() {
        return raised.peekFirst();
    }

    /**
     * A signal line of the record: it takes the oldest raised signal if it is that one.
     *
     * @return the divergence, or null when the line agrees with the model
     */
    String recordShows(String signal) {
        if (signal.equals(raised.peekFirst())) {
            raised.removeFirst();
            return null;
        }
        if (MODEL_RAISES.contains(signal)) {
            return "the record shows " + signal + " here; the emulated kernel raised "
                    + (raised.isEmpty() ? "none" : raised.peekFirst());
        }
        return null;
    }
}
