package dev.kemu.stress;

import dev.kemu.pipe.Pipe;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipe whose ends are closed and reopened during the run: the EPIPE and EOF paths. Each end
 * has a use count guarding its descriptor: a task uses a descriptor only between a successful
 * {@code acquire} and its {@code release}, and an end is closed only by the task that moved its
 * count from 0 to {@link #CLOSING}, so a descriptor is never used after it was closed (and maybe
 * reused by the table for another file). A task blocked in a write holds only the write end, so
 * another task can close the read end under it: the writer wakes with EPIPE; symmetrically a
 * reader blocked on an empty lane wakes with EOF when the write end is closed.
 *
 * <p>Memory ordering: {@link #publish} writes the new generation (volatile) before it sets the
 * counts from {@link #CLOSED} to 0 (volatile); an acquirer's successful CAS on a count reads a
 * value at least 0, so it happens after that store and reads the new generation.
 */
final class Lane {
    /** One pipe of the lane's life. */
    record Gen(int number, Ends ends) {
    }

    static final int CLOSED = -1;
    static final int CLOSING = -2;

    private final int index;
    private final AtomicInteger readUsers = new AtomicInteger();
    private final AtomicInteger writeUsers = new AtomicInteger();
    private final AtomicBoolean reopening = new AtomicBoolean();
    private volatile Gen gen;

    Lane(int index, Gen first) {
        this.index = index;
        this.gen = first;
    }

    int index() {
        return index;
    }

    /** Lanes alternate: even generations are O_NONBLOCK on even lanes, odd ones on odd lanes. */
    static boolean nonblockFor(int lane, int generation) {
        return (lane + generation) % 2 == 0;
    }

    Gen acquire(boolean read) {
        AtomicInteger users = read ? readUsers : writeUsers;
        for (;;) {
            int n = users.get();
            if (n < 0) {
                return null;
            }
            if (users.compareAndSet(n, n + 1)) {
                return gen;
            }
        }
    }

    void release(boolean read) {
        (read ? readUsers : writeUsers).decrementAndGet();
    }

    /** Claims an unused end for closing; the caller closes its descriptor, then calls {@link #closed}. */
    Gen beginClose(boolean read) {
        return (read ? readUsers : writeUsers).compareAndSet(0, CLOSING) ? gen : null;
    }

    void closed(boolean read) {
        (read ? readUsers : writeUsers).set(CLOSED);
    }

    /** Claims a lane whose two ends are closed, for a new pipe; the caller then publishes or aborts. */
    Gen beginReopen() {
        if (readUsers.get() != CLOSED || writeUsers.get() != CLOSED || !reopening.compareAndSet(false, true)) {
            return null;
        }
        if (readUsers.get() != CLOSED || writeUsers.get() != CLOSED) {
            reopening.set(false);
            return null;
        }
        return gen;
    }

    /** Installs the new pipe and opens both ends for use. */
    void publish(Gen next) {
        gen = next;
        readUsers.set(0);
        writeUsers.set(0);
        reopening.set(false);
    }

    void abortReopen() {
        reopening.set(false);
    }

    /** The read end is open (for the final drain, when no task runs). */
    boolean readOpen() {
        return readUsers.get() >= 0;
    }

    Gen current() {
        return gen;
    }

    Pipe pipe() {
        return gen.ends().pipe();
    }
}
