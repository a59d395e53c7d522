package dev.kemu.strace;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** The iterator of a reader that hands out its lines once ({@link TraceReader}, {@link MergedReader}). */
final class ReadOnce {
    private boolean taken;

    /**
     * An iterator over what {@code next} gives until it gives null.
     *
     * @throws IllegalStateException on a second call
     */
    Iterator<TraceLine> iterator(Supplier<TraceLine> next, String what) {
        if (taken) {
            throw new IllegalStateException(what + " is read once");
        }
        taken = true;
        return new Iterator<>() {
            private TraceLine ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = next.get();
                }
                return ahead != null;
            }

            @Override
            public TraceLine next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                TraceLine line = ahead;
                ahead = null;
                return line;
            }
        };
    }
}
