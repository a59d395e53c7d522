package dev.kemu.strace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an strace log line by line: any log strace 6.x writes, with {@code -f}/{@code -ff} pids, timestamps,
 * {@code -T} durations, {@code -y} decorations, unfinished and resumed calls, signals and exits (see
 * {@link TraceParser} for the grammar). Memory is bounded by the longest line: the reader keeps no reference to a
 * line once it has returned it, except the {@code # key: value} header block at the top, which it reads eagerly so
 * that {@link #headers()} is known before the first line is consumed.
 *
 * <p>String quoting. A string such as {@code ""} or {@code "abc"} prints the same in several quotings; it should
 * take the quoting of its trace, so that data re-emitted into it keeps the trace's style. That quoting is the
 * preferred one that fits every string of the trace (see {@link QuotingStats}), a property of the whole log. A
 * stream cannot know it at the first line, so:
 * <ul>
 *   <li>{@link #open(Path)} makes a cheap first pass over the file (each line parsed and dropped, memory bounded
 *       by the longest line), then reads it again with the trace's quoting known from the first line on;</li>
 *   <li>{@link #of(String, Reader)} cannot read twice and decides from what it has seen so far: a string seen
 *       before any evidence of the style takes its own preferred quoting, as {@link TraceParser#parseLine(String)}
 *       gives it;</li>
 *   <li>{@link TraceParser#parse(String, Reader)}, which keeps every line anyway, resolves at the end, so a
 *       {@link Trace} is the same whichever way it is read.</li>
 * </ul>
 * Printing never depends on this choice: a parsed string prints its raw text.
 *
 * <p>Not thread-safe; one pass only.
 */
public final class TraceReader implements Closeable, Iterable<TraceLine> {

    private final LineSource lines;
    private final QuotingStats stats;
    private final boolean resolveEachLine;
    private final ArrayDeque<TraceLine> pending = new ArrayDeque<>();
    private final Map<String, String> headers;
    private boolean ended;
    private final ReadOnce once = new ReadOnce();
    /** The raw lines worth parsing; the others are skipped unparsed. Comments are always parsed. */
    private java.util.function.Predicate<String> wanted;

    TraceReader(LineSource lines, QuotingStats stats, boolean resolveEachLine) {
        this.lines = lines;
        this.stats = stats;
        this.resolveEachLine = resolveEachLine;
        Map<String, String> h = new LinkedHashMap<>();
        while (true) {
            TraceLine line = parseNext();
            if (line == null) {
                break;
            }
            pending.add(line);
            if (line instanceof Comment c) {
                header(h, c);
            } else if (!(line instanceof Blank)) {
                break;
            }
        }
        this.headers = Collections.unmodifiableMap(h);
    }

    /**
     * Opens a log file (UTF-8; strace writes ASCII; {@code .gz} is read through gzip). The source name is the file
     * name. The file is read twice:
     * once for the trace's string quoting, then line by line.
     *
     * @param file the file
     * @return the reader, positioned before the first line
     * @throws UncheckedIOException if reading fails
     * @throws TraceFormatException if the header lines are malformed
     */
    public static TraceReader open(Path file) {
        String source = sourceName(file);
        QuotingStats stats = new QuotingStats();
        try (LineSource first = LineSource.of(source, input(file))) {
            for (String line = first.next(); line != null; line = first.next()) {
                LineParser.parse(source, first.lineNo(), line, stats);
            }
        } catch (TraceFormatException e) {
            // the second pass reports it at its line, after the lines before it
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return closingOnError(openBytes(source, file), stats);
    }

    private static TraceReader closingOnError(LineSource lines, QuotingStats stats) {
        try {
            return new TraceReader(lines, stats, true);
        } catch (RuntimeException e) {
            try {
                lines.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Reads a log from a reader, which {@link #close()} closes; strings take the quoting seen so far.
     *
     * @param source the name for messages, e.g. {@code <stdin>}
     * @param reader the log
     * @return the reader, positioned before the first line
     * @throws UncheckedIOException if reading fails
     * @throws TraceFormatException if the header lines are malformed
     */
    public static TraceReader of(String source, Reader reader) {
        return closingOnError(LineSource.of(source, reader), new QuotingStats());
    }

    /**
     * Opens a log file for one pass only: strings take the quoting evidence seen so far, as {@link #of(String, Reader)}
     * gives them, instead of {@link #open(Path)}'s first pass over the whole file. For readers that never print a
     * string built by code (a replay that only compares); bad UTF-8 is still reported at its line.
     *
     * @param file the file
     * @return the reader, positioned before the first line
     * @throws UncheckedIOException if reading fails
     * @throws TraceFormatException if the header lines are malformed
     */
    public static TraceReader openOnePass(Path file) {
        return closingOnError(openBytes(sourceName(file), file), new QuotingStats());
    }

    /**
     * Opens a log file for one pass over the lines a reader looks for: a line whose text {@code wanted} rejects is
     * skipped without being parsed (its number still counts), so a pass that needs a few calls out of millions costs
     * little more than reading the bytes. Comments are always read, so the headers are known. The test sees the raw
     * text and may keep more than needed (a string argument that mentions a call's name), never fewer.
     *
     * @param file the file
     * @param wanted whether a raw line may be one the reader looks for
     * @return the reader, positioned before the first line
     * @throws UncheckedIOException if reading fails
     * @throws TraceFormatException if the header lines or a kept line are malformed
     */
    public static TraceReader openOnePass(Path file, java.util.function.Predicate<String> wanted) {
        TraceReader r = openOnePass(file);
        // The first line after the headers, read with them, is kept: more than needed, never fewer.
        r.wanted = java.util.Objects.requireNonNull(wanted);
        return r;
    }

    static LineSource openBytes(String source, Path file) {
        try {
            return LineSource.of(source, input(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of a log file; a file whose name ends in {@code .gz} is read through gzip, so a large log can be
     * kept compressed (a log of hex-escaped data shrinks to a few percent).
     */
    static InputStream input(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (!file.toString().endsWith(".gz")) {
            return in;
        }
        try {
            return new java.util.zip.GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": not a gzip file: " + e.getMessage(), e);
        }
    }

    static String sourceName(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /**
     * The name used in messages.
     *
     * @return the file name or the name given
     */
    public String source() {
        return lines.source;
    }

    /**
     * The {@code # key: value} comments of the header block (the comments and empty lines before the first other
     * line); for a key given twice, the first value.
     *
     * @return key to value, values stripped of surrounding white space, in file order
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The next line.
     *
     * @return the line, or null at the end of the log
     * @throws TraceFormatException for text that is not strace output
     * @throws UncheckedIOException if reading fails
     */
    public TraceLine next() {
        TraceLine line = pending.poll();
        if (line == null) {
            line = parseNext();
        }
        if (line == null) {
            return null;
        }
        Quoting q = resolveEachLine ? stats.traceQuoting() : null;
        return q == null ? line : QuotingResolver.applyLine(line, q);
    }

    /** The quoting evidence gathered so far. */
    QuotingStats stats() {
        return stats;
    }

    private TraceLine parseNext() {
        if (ended) {
            return null;
        }
        try {
            String text = lines.next();
            while (text != null && wanted != null && !lines.cut && !text.startsWith("#") && !wanted.test(text)) {
                text = lines.next();
            }
            if (text == null) {
                ended = true;
                return null;
            }
            int lineNo = lines.lineNo();
            try {
                return LineParser.parse(lines.source, lineNo, text, stats);
            } catch (TraceFormatException e) {
                return cutShort(text, lineNo, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The last line of a log that ends in the middle of a line, without its newline, in a call
     * ({@code splice(7, NULL, 4, NULL, 100, 0}): strace was stopped, or the machine, while the call was in flight and
     * before it could print more. It is that call's first half, never resumed, as if strace had printed
     * {@code <unfinished ...>} (printed back as it stands). A malformed line anywhere else is an error.
     */
    private TraceLine cutShort(String text, int lineNo, TraceFormatException e) {
        if (!lines.cut) {
            throw e;
        }
        ended = true;
        try {
            TraceLine l = LineParser.parse(lines.source, lineNo, text + " <unfinished ...>", stats);
            if (l instanceof UnfinishedLine u) {
                return new UnfinishedLine(u.lineNo(), u.name(), u.args(), u.stamp(), text);
            }
        } catch (TraceFormatException again) {
            e.addSuppressed(again);
        }
        throw e;
    }

    private static void header(Map<String, String> h, Comment c) {
        String body = c.text().substring(1).strip();
        int colon = body.indexOf(':');
        if (colon > 0) {
            h.putIfAbsent(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
        }
    }

    /**
     * The remaining lines, once: a second call throws.
     *
     * @return an iterator over the lines not yet read
     * @throws IllegalStateException on a second call
     */
    @Override
    public Iterator<TraceLine> iterator() {
        return once.iterator(this::next, "a trace reader");
    }

    /**
     * Closes the underlying reader or file.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
