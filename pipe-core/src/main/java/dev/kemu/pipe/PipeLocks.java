package dev.kemu.pipe;

/**
 * Locking two pipes at once ({@code fs/pipe.c:pipe_double_lock()}): always in the order of
 * their stable {@link Pipe#id()} (the kernel orders by address; Java has none), so two tasks
 * splicing A→B and B→A cannot deadlock. Callers reject "same pipe" with EINVAL before calling.
 */
public final class PipeLocks {
    private PipeLocks() {
    }

    /**
     * Locks both pipes, lower id first.
     *
     * @return the pipe that was locked first, so that the caller can release in reverse order
     */
    public static Pipe lockTwo(Pipe a, Pipe b) {
        return lockTwo(a, b, false);
    }

    /**
     * Locks both pipes; with {@code argumentOrder} (fault injection only) in the order given,
     * which can deadlock against a task locking the same pair the other way round.
     */
    static Pipe lockTwo(Pipe a, Pipe b, boolean argumentOrder) {
        if (a == b) {
            throw new IllegalArgumentException("the same pipe twice: callers return EINVAL before locking");
        }
        Pipe first = argumentOrder || a.id() < b.id() ? a : b;
        Pipe second = first == a ? b : a;
        if (dev.kemu.vfs.Ftrace.on()) {
            dev.kemu.vfs.Ftrace.note("pipe_double_lock: mutex_lock(" + first.traceName() + ") then mutex_lock(" + second.traceName() + ")");
        }
        Pipe.lockCounted(first.mutex());
        Pipe.lockCounted(second.mutex());
        return first;
    }

    /** Unlocks both pipes, in the reverse of the order {@link #lockTwo} took them. */
    public static void unlockTwo(Pipe a, Pipe b, Pipe first) {
        Pipe second = first == a ? b : a;
        second.mutex().unlock();
        first.mutex().unlock();
    }
}
