package dev.kemu.replay;

import dev.kemu.strace.CallJoiner;
import dev.kemu.strace.TraceLine;
import java.util.Iterator;

/**
 * The lines of one pass with the halves of split calls joined ({@link CallJoiner}), each joined call where its
 * resumed half stood: what the first pass ({@link WorldScan}) reads. Memory: one pending half-call per process.
 */
final class JoinedLines {
    private final Iterator<TraceLine> in;
    private final CallJoiner joiner = new CallJoiner();
    private Iterator<TraceLine> leftovers;

    JoinedLines(Iterator<TraceLine> in) {
        this.in = in;
    }

    /** The next line, or null at the end. */
    TraceLine next() {
        return pull();
    }

    private TraceLine pull() {
        while (in.hasNext()) {
            TraceLine l = joiner.accept(in.next());
            if (l != null) {
                return l;
            }
        }
        // Calls the log never finished are passed on as they are, at the end.
        if (leftovers == null) {
            leftovers = new java.util.ArrayList<TraceLine>(joiner.pending().values()).iterator();
        }
        return leftovers.hasNext() ? leftovers.next() : null;
    }
}
