package dev.kemu.strace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the halves of calls that strace split between processes ({@code -f}): an {@link UnfinishedLine} and the
 * same pid's next {@link ResumedLine} become one {@link SyscallLine} with the arguments of both, the result of the
 * second, {@code lineNo} of the first and {@code endLineNo} of the second (strace prints the halves of one call in
 * order, and a process has at most one call in flight).
 *
 * <p>A value split across the halves ({@code clone3({...} <unfinished ...>} then {@code <... clone3 resumed> =>
 * {parent_tid=[5]}, 88)}) becomes one {@link Changed}. The joined line has no raw text; its stamp is the unfinished line's (pid, start time) with the resumed line's
 * {@code -T} duration. A resumed line without an unfinished one (the log began mid-call) and an unfinished line
 * never resumed (the log ended, or the process was killed) are passed on as they are.
 *
 * <p>Use {@link #accept(TraceLine)} on a stream (memory: one pending line per process) or
 * {@link #join(Iterable)} on a list.
 */
public final class CallJoiner {

    private final Map<Integer, UnfinishedLine> pending = new HashMap<>();

    /** A joiner with nothing pending. */
    public CallJoiner() {
    }

    /**
     * Feeds the next line of the log.
     *
     * @param line the line
     * @return the line to pass on: the line itself, null for an unfinished line (held until its resumption), or
     *     the joined call for a resumed line; an unfinished line that replaces a held one of the same pid returns
     *     the held one
     */
    public TraceLine accept(TraceLine line) {
        if (line instanceof UnfinishedLine u) {
            UnfinishedLine previous = pending.put(u.pid(), u);
            return previous;
        }
        if (line instanceof ResumedLine r) {
            UnfinishedLine u = pending.get(r.pid());
            if (u == null || !u.name().equals(r.name())) {
                return r;
            }
            pending.remove(r.pid());
            return joined(u, r);
        }
        return line;
    }

    /**
     * The unfinished lines still waiting for their resumption.
     *
     * @return pid to unfinished line, in no particular order
     */
    public Map<Integer, UnfinishedLine> pending() {
        return Collections.unmodifiableMap(pending);
    }

    /**
     * Joins a whole log; each joined call stands where its unfinished line stood (where the call started), and
     * the resumed line is dropped.
     *
     * @param lines the lines in log order
     * @return the lines with split calls joined
     */
    public static List<TraceLine> join(Iterable<? extends TraceLine> lines) {
        List<TraceLine> out = new ArrayList<>();
        Map<Integer, Integer> slot = new LinkedHashMap<>();
        for (TraceLine line : lines) {
            if (line instanceof UnfinishedLine u) {
                slot.put(u.pid(), out.size());
                out.add(u);
            } else if (line instanceof ResumedLine r && slot.containsKey(r.pid())
                    && out.get(slot.get(r.pid())) instanceof UnfinishedLine u && u.name().equals(r.name())) {
                out.set(slot.remove(r.pid()), joined(u, r));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * One call from its two halves.
     *
     * @param u the unfinished line
     * @param r the resumed line of the same pid and call
     * @return the call, with the line numbers of both
     * @throws IllegalArgumentException if the lines are not two halves of one call
     */
    public static SyscallLine joined(UnfinishedLine u, ResumedLine r) {
        if (u.pid() != r.pid() || !u.name().equals(r.name()) || r.lineNo() < u.lineNo()) {
            throw new IllegalArgumentException("not two halves of one call: line " + u.lineNo() + " " + u.name()
                    + " and line " + r.lineNo() + " " + r.name());
        }
        List<Arg> args = new ArrayList<>(u.args());
        List<Arg> rest = r.args();
        if (r.changesLast() && !args.isEmpty()) {
            Arg before = args.remove(args.size() - 1);
            args.add(Changed.of(before, rest.get(0)));
            rest = rest.subList(1, rest.size());
        }
        args.addAll(rest);
        Stamp s = u.stamp();
        Stamp stamp = new Stamp(s.pid(), s.clock(), s.time(), r.stamp().duration(), s.prefix(), r.stamp().suffix());
        return new SyscallLine(u.lineNo(), u.name(), args, r.result(), null, stamp, r.lineNo(), null);
    }
}
