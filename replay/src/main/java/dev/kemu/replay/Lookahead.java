package dev.kemu.replay;

import dev.kemu.strace.CallJoiner;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TraceLine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The lines of one pass with the halves of split calls joined ({@link CallJoiner}), and the little look-ahead the
 * replayer needs: which signal the record shows after a call, before the next call. Memory: the lines between two
 * calls, and one pending half-call per process.
 */
final class Lookahead {
    private final Iterator<TraceLine> in;
    private final CallJoiner joiner = new CallJoiner();
    private final Deque<TraceLine> buffer = new ArrayDeque<>();
    private int lastLineNo;
    private Iterator<TraceLine> leftovers;

    Lookahead(Iterator<TraceLine> in) {
        this.in = in;
    }

    /** The next line, or null at the end. */
    TraceLine next() {
        TraceLine l = buffer.isEmpty() ? pull() : buffer.removeFirst();
        if (l != null) {
            lastLineNo = Math.max(lastLineNo, l.lineNo());
        }
        return l;
    }

    /** The number of the last line handed out. */
    int lastLineNo() {
        return lastLineNo;
    }

    /** The signal of the first signal line before the next call, or null. */
    String signalBeforeNextCall() {
        for (TraceLine l : buffer) {
            if (l instanceof SignalLine s) {
                return s.signal();
            }
            if (l instanceof SyscallLine) {
                return null;
            }
        }
        while (true) {
            TraceLine l = pull();
            if (l == null) {
                return null;
            }
            buffer.addLast(l);
            if (l instanceof SignalLine s) {
                return s.signal();
            }
            if (l instanceof SyscallLine) {
                return null;
            }
        }
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
