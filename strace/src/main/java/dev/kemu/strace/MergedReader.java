package dev.kemu.strace;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One pass over a {@link PerProcessLogs}: a k-way merge of the files, each read one line ahead, taking next the
 * file whose next line has the earliest time (the file first in pid order on a tie). The merged header block comes
 * first; a line without a time of its own (a comment, an empty line, a dump row) follows the line before it in its
 * file. Memory: one line per file.
 *
 * <p>Not thread-safe; one pass only.
 */
public final class MergedReader implements AutoCloseable, Iterable<TraceLine> {

    private final List<ProcessFile> files = new ArrayList<>();
    private final PriorityQueue<ProcessFile> queue =
            new PriorityQueue<>(Comparator.comparingLong(ProcessFile::key).thenComparingInt(f -> f.order));
    private final ArrayDeque<PerProcessLogs.HeaderLine> header;
    private final QuotingStats stats = new QuotingStats();
    private final boolean resolveEachLine;
    /** The file the last line came from: its untimed lines come next. */
    private ProcessFile current;
    private int lineNo;
    private LineOrigin origin;
    private final ReadOnce once = new ReadOnce();

    MergedReader(PerProcessLogs logs, boolean resolveEachLine) {
        this.resolveEachLine = resolveEachLine;
        this.header = new ArrayDeque<>(logs.header());
        try {
            List<Path> paths = logs.files();
            for (int i = 0; i < paths.size(); i++) {
                files.add(ProcessFile.open(paths.get(i), logs.pid(i), i, logs.ordered(), logs.clock(), stats,
                        new ArrayList<>()));
            }
            if (logs.clock() == Stamp.Clock.TIME_OF_DAY) {
                countMidnight();
            }
            for (ProcessFile f : files) {
                if (f.peek() != null) {
                    queue.add(f);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A file whose first time is half a day before another's started after midnight. */
    private void countMidnight() {
        long latest = files.stream().filter(ProcessFile::nextIsTimed).mapToLong(ProcessFile::key).max().orElse(0);
        for (ProcessFile f : files) {
            if (f.nextIsTimed() && f.key() < latest - ProcessFile.HALF_DAY) {
                f.passedMidnight();
            }
        }
    }

    /**
     * The next line of the merged log: numbered in the merged log, with the pid of its file.
     *
     * @return the line, or null at the end
     * @throws TraceFormatException for a line that is not strace output or cannot be ordered, naming its file
     * @throws java.io.UncheckedIOException if reading fails
     */
    public TraceLine next() {
        TraceLine line;
        int pid;
        PerProcessLogs.HeaderLine h = header.poll();
        if (h != null) {
            line = h.comment();
            pid = 0;
            origin = new LineOrigin(h.source(), line.lineNo());
        } else {
            ProcessFile f = current;
            if (f == null || f.peek() == null || f.nextIsTimed()) {
                if (f != null && f.peek() != null) {
                    queue.add(f);
                }
                f = queue.poll();
                current = f;
                if (f == null) {
                    return null;
                }
            }
            line = splits(f) ? f.splitNext() : f.take();
            pid = f.pid;
            origin = new LineOrigin(f.source, line.lineNo());
        }
        TraceLine out = Relabel.of(line, pid, ++lineNo);
        Quoting q = resolveEachLine ? stats.traceQuoting() : null;
        return q == null ? out : QuotingResolver.applyLine(out, q);
    }

    /**
     * Whether the next line of {@code f}, about to be taken, is a call that returned ({@code -T} duration after it
     * started) after another process's next line: {@code strace -f} would have split it around that line. A call
     * the parser could not give structure to is left whole.
     */
    private boolean splits(ProcessFile f) {
        ProcessFile other = queue.peek();
        return f.nextIsTimed() && f.peek() instanceof SyscallLine s && s.isParsed() && s.stamp().duration() > 0
                && other != null && other.key() < f.key() + s.stamp().duration();
    }

    /**
     * Where the line last returned by {@link #next()} was written.
     *
     * @return its file and line there
     * @throws IllegalStateException before the first line
     */
    public LineOrigin origin() {
        if (origin == null) {
            throw new IllegalStateException("no line read yet");
        }
        return origin;
    }

    /** The quoting evidence gathered so far. */
    QuotingStats stats() {
        return stats;
    }

    /**
     * The remaining lines, once: a second call throws.
     *
     * @return an iterator over the lines not yet read
     * @throws IllegalStateException on a second call
     */
    @Override
    public Iterator<TraceLine> iterator() {
        return once.iterator(this::next, "a merged reader");
    }

    /**
     * Closes every file.
     *
     * @throws java.io.UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        for (ProcessFile f : files) {
            f.close();
        }
    }
}
