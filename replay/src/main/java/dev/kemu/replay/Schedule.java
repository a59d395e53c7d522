package dev.kemu.replay;

import dev.kemu.strace.CallJoiner;
import dev.kemu.strace.ResumedLine;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.UnfinishedLine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The lines of one pass as the replayer acts on them, in log order: where each call starts and where it must have
 * finished. A call printed whole is one {@link Start}; a call strace split between tasks ({@code <unfinished ...>}
 * then {@code <... resumed>}) is a {@link Start} where its first half stands, carrying the joined call (the arguments
 * of both halves, the result of the second), and a {@link Resume} where its second half stands. Everything else
 * (signals, exits, halves without their other half) is {@link Other}.
 *
 * <p>Memory: the lines from the oldest call still waiting for its resumption to the current one; a call that is
 * never resumed (the log ends first, or strace starts another call of the same task) is handed on as a
 * {@link Start} of its first half with {@code resumed} false.
 */
final class Schedule {
    /** An event of the replay. */
    sealed interface Event {
        /** The line number the event stands at. */
        int lineNo();

        /** The task it concerns. */
        int pid();
    }

    /**
     * A call starts here.
     *
     * @param call the whole call (joined when split)
     * @param split true when its resumption comes later as a {@link Resume}
     * @param endless true for the first half of a call the log never resumes: its result and its later
     *     arguments are not in the log
     */
    record Start(SyscallLine call, boolean split, boolean endless) implements Event {
        @Override
        public int lineNo() {
            return call.lineNo();
        }

        @Override
        public int pid() {
            return call.pid();
        }
    }

    /** The split call {@code call} must have finished here, at its {@code <... resumed>} line. */
    record Resume(SyscallLine call) implements Event {
        @Override
        public int lineNo() {
            return call.endLineNo();
        }

        @Override
        public int pid() {
            return call.pid();
        }
    }

    /** Any other line: a signal, an exit, a half whose other half the log does not hold. */
    record Other(TraceLine line) implements Event {
        @Override
        public int lineNo() {
            return line.lineNo();
        }

        @Override
        public int pid() {
            return line.pid();
        }
    }

    /** A split call whose resumption has not been read yet. */
    private static final class Slot {
        final UnfinishedLine first;
        SyscallLine joined;
        boolean abandoned;

        Slot(UnfinishedLine first) {
            this.first = first;
        }
    }

    private final Iterator<TraceLine> in;
    /** Events and slots in log order. */
    private final Deque<Object> queue = new ArrayDeque<>();
    private final Map<Integer, Slot> open = new HashMap<>();
    private int lastLineNo;

    /** Whole calls without a duration end somewhere before their task's next line ({@code strace -ff} merged). */
    private final boolean endsUnseen;
    /** Per task, such a call whose end is put just before the task's next line. */
    private final Map<Integer, SyscallLine> ending = new HashMap<>();

    Schedule(Iterator<TraceLine> in) {
        this(in, false);
    }

    /**
     * @param endsUnseen true for a log whose lines show where each call started but not where it ended: the files
     *     of {@code strace -ff} merged by time, without {@code -T} (a call is printed whole at its start, and may
     *     have returned any time before its task's next line). Each such call is a split call whose end stands just
     *     before the task's next line.
     */
    Schedule(Iterator<TraceLine> in, boolean endsUnseen) {
        this.in = in;
        this.endsUnseen = endsUnseen;
    }

    /** The next event, or null at the end. */
    Event next() {
        while (true) {
            Object head = queue.peekFirst();
            if (head instanceof Slot s && s.joined == null && !s.abandoned) {
                if (!pull()) {
                    s.abandoned = true;
                }
                continue;
            }
            if (head == null && !pull()) {
                return null;
            }
            if (head == null) {
                continue;
            }
            queue.removeFirst();
            Event e = head instanceof Slot s
                    ? (s.joined != null ? new Start(s.joined, true, false) : new Start(unresumed(s.first), false, true))
                    : (Event) head;
            lastLineNo = Math.max(lastLineNo, e.lineNo());
            return e;
        }
    }

    /** The number of the last line handed out. */
    int lastLineNo() {
        return lastLineNo;
    }

    /**
     * The signal the record shows task {@code pid} taking after its current call, before its next one, or null.
     * Reads ahead as far as that.
     */
    String signalAfter(int pid) {
        for (Object o : queue) {
            String s = signalOf(o, pid);
            if (s != null) {
                return s.isEmpty() ? null : s;
            }
        }
        while (pull()) {
            String s = signalOf(queue.peekLast(), pid);
            if (s != null) {
                return s.isEmpty() ? null : s;
            }
        }
        return null;
    }

    /** The signal of {@code o} for {@code pid}, "" when {@code o} is the task's next call, null otherwise. */
    private static String signalOf(Object o, int pid) {
        if (o instanceof Other other && other.line() instanceof SignalLine sl && sl.pid() == pid) {
            return sl.signal();
        }
        if (o instanceof Start st && st.pid() == pid || o instanceof Slot slot && slot.first.pid() == pid) {
            return "";
        }
        return null;
    }

    private boolean pull() {
        if (!in.hasNext()) {
            if (ending.isEmpty()) {
                return false;
            }
            for (SyscallLine c : ending.values()) {
                queue.addLast(new Resume(c));
            }
            ending.clear();
            return true;
        }
        TraceLine l = in.next();
        SyscallLine ended = ending.remove(l.pid());
        if (ended != null) {
            queue.addLast(new Resume(ended));
        }
        if (endsUnseen && l instanceof SyscallLine c && c.stamp().duration() < 0) {
            SyscallLine call = new SyscallLine(c.lineNo(), c.name(), c.args(), c.result(), c.raw(), c.stamp(),
                    c.lineNo(), c.opaque());
            ending.put(c.pid(), call);
            queue.addLast(new Start(call, true, false));
            return true;
        }
        if (l instanceof UnfinishedLine u) {
            Slot s = new Slot(u);
            Slot previous = open.put(u.pid(), s);
            if (previous != null) {
                previous.abandoned = true;
            }
            queue.addLast(s);
        } else if (l instanceof ResumedLine r) {
            Slot s = open.get(r.pid());
            if (s != null && s.first.name().equals(r.name())) {
                open.remove(r.pid());
                s.joined = CallJoiner.joined(s.first, r);
                queue.addLast(new Resume(s.joined));
            } else {
                queue.addLast(new Other(r));
            }
        } else if (l instanceof SyscallLine c) {
            queue.addLast(new Start(c, false, false));
        } else {
            queue.addLast(new Other(l));
        }
        return true;
    }

    /** The first half of a call never resumed, as a call whose result the record does not show. */
    private static SyscallLine unresumed(UnfinishedLine u) {
        return new SyscallLine(u.lineNo(), u.name(), u.args(), dev.kemu.strace.Result.unknown(), null, u.stamp(),
                u.lineNo(), null);
    }
}
