package dev.kemu.strace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of an {@code strace -ff} log, read ahead by one line: the line the merge takes next and the time it is
 * ordered by. Lines are parsed with the file's own name and line numbers, so that an error names the file and line
 * strace wrote. Memory: one line.
 *
 * <p>When the merge orders by time ({@code ordered}), every line strace wrote must carry a timestamp of the log's
 * clock ({@code -tt} or {@code -ttt}, strace src/strace.c:printleader()) and no pid of its own; comments, empty
 * lines and {@code -e read=}/{@code -e write=} dump rows carry none and go with the line before them.
 */
final class ProcessFile implements AutoCloseable {

    /** Half a day: a time of day that falls back by more than this passed midnight. */
    static final long HALF_DAY = 12L * 3600 * 1_000_000;
    private static final long DAY = 2 * HALF_DAY;

    final String source;
    final int pid;
    /** The file's place in pid order: the tie-break between equal times. */
    final int order;
    private final boolean ordered;
    private final LineSource lines;
    private final QuotingStats stats;
    private Stamp.Clock clock;
    private TraceLine next;
    private long key;
    private long dayOffset;
    private boolean ended;

    private ProcessFile(Path file, int pid, int order, boolean ordered, Stamp.Clock clock, QuotingStats stats) {
        this.source = TraceReader.sourceName(file);
        this.pid = pid;
        this.order = order;
        this.ordered = ordered;
        this.clock = clock;
        this.stats = stats;
        this.lines = TraceReader.openBytes(source, file);
    }

    /**
     * Opens a file and reads its header block.
     *
     * @param clock the log's clock, or null to take this file's
     * @param header receives the comments of the header block (the comments and empty lines at the top)
     */
    static ProcessFile open(Path file, int pid, int order, boolean ordered, Stamp.Clock clock, QuotingStats stats,
            List<Comment> header) {
        ProcessFile f = new ProcessFile(file, pid, order, ordered, clock, stats);
        try {
            f.read();
            while (f.next instanceof Comment || f.next instanceof Blank) {
                if (f.next instanceof Comment c) {
                    header.add(c);
                }
                f.read();
            }
            f.check();
            return f;
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** The line the merge takes next, in the file's own numbering; null at the end. */
    TraceLine peek() {
        return next;
    }

    /** Whether the next line has a time of its own (else it goes with the line before it). */
    boolean nextIsTimed() {
        return next != null && !attached(next);
    }

    /** The time of the next line in microseconds, days counted across midnight; 0 when the merge is not ordered. */
    long key() {
        return key;
    }

    /** The clock of the lines read so far, null before the first timed line. */
    Stamp.Clock clock() {
        return clock;
    }

    /** Counts one more day in this file's times of day: it started after midnight. */
    void passedMidnight() {
        dayOffset += DAY;
        key += DAY;
    }

    /**
     * Takes the next line and reads the one after it.
     *
     * @return the line, in the file's numbering
     * @throws TraceFormatException for a line that is not strace output or cannot be ordered
     */
    TraceLine take() {
        TraceLine line = next;
        read();
        check();
        return line;
    }

    /**
     * Splits the next line, a call that returned after lines of other processes were written, as {@code strace -f}
     * prints such a call (src/strace.c:printleader() closes the open line with {@code <unfinished ...>},
     * src/syscall.c:syscall_exiting_trace() prints {@code <... name resumed>} at the return): returns the entry half
     * and makes the exit half the next line, timed at the return ({@code -T} duration after the entry). Which
     * arguments strace prints at entry depends on the call; here every argument is in the exit half, so the halves
     * join ({@link CallJoiner}) into the call the file holds.
     *
     * @return the entry half, in the file's numbering
     */
    UnfinishedLine splitNext() {
        SyscallLine s = (SyscallLine) next;
        Stamp st = s.stamp();
        long exit = key + st.duration();
        long time = clock == Stamp.Clock.TIME_OF_DAY ? exit % DAY : exit;
        next = new ResumedLine(s.lineNo(), s.name(), s.args(), s.result(), false, false,
                new Stamp(0, st.clock(), time, st.duration(), clockText(time) + " ", st.suffix()), null);
        key = exit;
        return new UnfinishedLine(s.lineNo(), s.name(), List.of(),
                new Stamp(0, st.clock(), st.time(), -1, st.prefix(), ""), null);
    }

    /** A time as {@code -tt} ({@code 15:04:05.123456}) or {@code -ttt} ({@code 1700000000.123456}) prints it. */
    private String clockText(long micros) {
        long sec = micros / 1_000_000;
        String frac = String.format(".%06d", micros % 1_000_000);
        if (clock == Stamp.Clock.UNIX) {
            return sec + frac;
        }
        return String.format("%02d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60) + frac;
    }

    private void read() {
        if (ended) {
            next = null;
            return;
        }
        try {
            String text = lines.next();
            if (text == null) {
                ended = true;
                next = null;
                close();
                return;
            }
            next = LineParser.parse(source, lines.lineNo(), text, stats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean attached(TraceLine line) {
        return line instanceof Comment || line instanceof Blank || line instanceof DumpLine;
    }

    /** Checks that the next line can be ordered and computes its key. */
    private void check() {
        if (!ordered || !nextIsTimed()) {
            return;
        }
        Stamp s = next.stamp();
        if (s.pid() != 0) {
            throw refused("the line has a pid of its own (" + s.pid() + "); a file of strace -ff has none");
        }
        if (s.clock() == Stamp.Clock.NONE) {
            throw refused("no timestamp; the files of strace -ff are merged by time: record with -tt or -ttt");
        }
        if (s.clock() == Stamp.Clock.RELATIVE) {
            throw refused("-r timestamps count from the process's previous line and cannot order processes:"
                    + " record with -tt or -ttt");
        }
        if (s.clock() == Stamp.Clock.TIME_OF_DAY && !hasFraction(s)) {
            throw refused("-t timestamps have whole seconds, too coarse to order processes: record with -tt or -ttt");
        }
        if (clock == null) {
            clock = s.clock();
        } else if (clock != s.clock()) {
            throw refused("a " + name(s.clock()) + " timestamp in a log of " + name(clock) + " timestamps");
        }
        long t = s.time() + dayOffset;
        if (clock == Stamp.Clock.TIME_OF_DAY && t < key - HALF_DAY) {
            dayOffset += DAY;
            t += DAY;
        }
        key = t;
    }

    /** Whether a time of day has a fraction of a second ({@code -tt} rather than {@code -t}). */
    private static boolean hasFraction(Stamp s) {
        String p = s.prefix().strip();
        int end = p.indexOf(' ');
        return (end < 0 ? p : p.substring(0, end)).indexOf('.') >= 0;
    }

    private static String name(Stamp.Clock c) {
        return c == Stamp.Clock.UNIX ? "-ttt" : "-tt";
    }

    private TraceFormatException refused(String detail) {
        return new TraceFormatException(source, next.lineNo(), 1, detail);
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
