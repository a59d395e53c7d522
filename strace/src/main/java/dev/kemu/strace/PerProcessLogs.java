package dev.kemu.strace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The files {@code strace -ff -o PREFIX} wrote, one per process ({@code PREFIX.PID}, lines without a pid), read as
 * the one log {@code strace -f -o FILE} would have written: the lines of all processes in time order, each with the
 * pid of its file (strace src/strace.c:newoutf() names the files, printleader() writes the time).
 *
 * <p>Order. Lines are merged by their timestamps, which must be {@code -tt} (time of day with microseconds; a log
 * that passes midnight counts on into the next day) or {@code -ttt} (seconds since the epoch with microseconds).
 * {@code -t} has whole seconds only and {@code -r} counts from the process's own previous line: neither can order
 * processes, and a line without a timestamp cannot be placed; these are refused with a {@link TraceFormatException}
 * naming the file and line. Equal times keep the order of the files by pid, then of the lines in each file.
 * Comments, empty lines and dump rows ({@code -e read=}) carry no time and follow the line before them.
 *
 * <p>The header. The {@code # key: value} comments at the top of each file ({@code kemu record} writes them) make
 * one header block at the top of the merged log; a key the files give different values is refused.
 *
 * <p>Streaming. {@link #open()} makes a k-way merge over one reader per file, ordered by each file's next time:
 * memory is one line per file. Merged lines are numbered 1, 2, ... as in a file {@code -f} wrote;
 * {@link MergedReader#origin()} and {@link #origin(int)} say which file and line a merged line came from, and a
 * syntax error names the file and line strace wrote ({@code log.31525:17:1: ...}).
 *
 * <p>One file alone ({@code log.31525}) is read as it is, in file order, its lines given the pid of its name.
 *
 * <p>Calls in flight. {@code -ff} prints a call whole when it returns, stamped with the time it was entered, where
 * {@code -f} splits it ({@code <unfinished ...>}, {@code <... resumed>}) around the lines other processes wrote
 * meanwhile. With {@code -T} the return is known (entry plus duration) and such a call is split the same way, all
 * its arguments in the resumed half (they join back into the call, {@link CallJoiner}); without {@code -T} it stands
 * whole where it started, so a call that blocked (a {@code read} of a pipe, a {@code wait4}) comes before the lines
 * of the process that woke it.
 */
public final class PerProcessLogs {

    /** A comment of the merged header block and the file it came from. */
    record HeaderLine(String source, Comment comment) {
    }

    private final List<Path> files;
    private final int[] pids;
    private final String name;
    private final Stamp.Clock clock;
    private final List<HeaderLine> header;
    private final Map<String, String> headers;

    private PerProcessLogs(List<Path> files, int[] pids, String name, Stamp.Clock clock, List<HeaderLine> header,
            Map<String, String> headers) {
        this.files = files;
        this.pids = pids;
        this.name = name;
        this.clock = clock;
        this.header = header;
        this.headers = headers;
    }

    /**
     * The pid a file of {@code strace -ff} has in its name.
     *
     * @param file a path
     * @return the number after the last {@code .} of the file name when the name is {@code PREFIX.NUMBER} (a
     *     non-empty prefix, a decimal number from 1 to 2^31-1), empty otherwise
     */
    public static OptionalInt pidOf(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return OptionalInt.empty();
        }
        String s = fileName.toString();
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || s.length() - dot - 1 > 10) {
            return OptionalInt.empty();
        }
        for (int i = dot + 1; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long pid = Long.parseLong(s, dot + 1, s.length(), 10);
        return pid < 1 || pid > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) pid);
    }

    /**
     * Whether files are the files of one {@code strace -ff} log: more than one, each named {@code PREFIX.NUMBER}, all
     * with the same prefix (the same directory and the same name before the number), each number once.
     *
     * @param files paths, e.g. what a shell gives for {@code log.*}
     * @return true when {@link #of(List)} reads them as one log
     */
    public static boolean isSet(List<Path> files) {
        if (files.size() < 2) {
            return false;
        }
        String prefix = null;
        List<Integer> seen = new ArrayList<>();
        for (Path f : files) {
            OptionalInt pid = pidOf(f);
            if (pid.isEmpty() || seen.contains(pid.getAsInt())) {
                return false;
            }
            seen.add(pid.getAsInt());
            String p = prefix(f);
            if (prefix != null && !prefix.equals(p)) {
                return false;
            }
            prefix = p;
        }
        return true;
    }

    /** The absolute path without the {@code .NUMBER} of the name. */
    private static String prefix(Path f) {
        String s = f.toAbsolutePath().normalize().toString();
        return s.substring(0, s.lastIndexOf('.'));
    }

    /**
     * The files of one log, or one file alone; the header of each file is read and checked now, with the first
     * line after it.
     *
     * @param files a {@link #isSet set}, or one file named {@code PREFIX.NUMBER}
     * @return the log
     * @throws IllegalArgumentException if the files are not a set nor one such file
     * @throws TraceFormatException if a header differs between files, or a file's first line cannot be ordered
     * @throws java.io.UncheckedIOException if reading fails
     */
    public static PerProcessLogs of(List<Path> files) {
        if (!isSet(files) && !(files.size() == 1 && pidOf(files.get(0)).isPresent())) {
            throw new IllegalArgumentException("not the files of one strace -ff log: " + files);
        }
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt(f -> pidOf(f).getAsInt()));
        int[] pids = sorted.stream().mapToInt(f -> pidOf(f).getAsInt()).toArray();
        boolean ordered = sorted.size() > 1;
        Stamp.Clock clock = null;
        List<HeaderLine> header = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> keySource = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            List<Comment> comments = new ArrayList<>();
            try (ProcessFile f = ProcessFile.open(sorted.get(i), pids[i], i, ordered, clock, new QuotingStats(),
                    comments)) {
                clock = clock == null ? f.clock() : clock;
                for (Comment c : comments) {
                    mergeHeader(f.source, c, header, headers, keySource);
                }
            }
        }
        String first = TraceReader.sourceName(sorted.get(0));
        String name = ordered ? first.substring(0, first.lastIndexOf('.')) + ".*" : first;
        return new PerProcessLogs(List.copyOf(sorted), pids, name, clock, List.copyOf(header),
                Collections.unmodifiableMap(headers));
    }

    private static void mergeHeader(String source, Comment c, List<HeaderLine> header, Map<String, String> headers,
            Map<String, String> keySource) {
        String body = c.text().substring(1).strip();
        int colon = body.indexOf(':');
        if (colon <= 0) {
            if (header.stream().noneMatch(h -> h.comment().text().equals(c.text()))) {
                header.add(new HeaderLine(source, c));
            }
            return;
        }
        String key = body.substring(0, colon).strip();
        String value = body.substring(colon + 1).strip();
        String had = headers.get(key);
        String from = keySource.get(key);
        if (had == null) {
            headers.put(key, value);
            keySource.put(key, source);
            header.add(new HeaderLine(source, c));
        } else if (from.equals(source)) {
            // A key given twice in one file: the first value counts, as for one log (TraceReader.headers()).
            header.add(new HeaderLine(source, c));
        } else if (!had.equals(value)) {
            throw new TraceFormatException(source, c.lineNo(), 1, "header '# " + key + ": " + value + "' differs from "
                    + from + "'s '# " + key + ": " + had + "'");
        }
    }

    /**
     * The name for reports: {@code PREFIX.*} for a set (the file name's prefix, e.g. {@code log.*}), the file name
     * for one file.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The files in pid order.
     *
     * @return the paths as given
     */
    public List<Path> files() {
        return files;
    }

    /**
     * The {@code # key: value} comments of the merged header block; for a key one file gives twice, the first value.
     *
     * @return key to value, in order of the files by pid, then of the lines
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * A pass over the merged log, reading every file again from its first line. Strings take the quoting seen so
     * far in the pass, as {@link TraceReader#openOnePass} gives them.
     *
     * @return the reader, positioned before the first line
     * @throws TraceFormatException if a file's first lines are malformed
     * @throws java.io.UncheckedIOException if reading fails
     */
    public MergedReader open() {
        return new MergedReader(this, true);
    }

    /**
     * Where a line of the merged log came from, found by merging again up to it (for messages: a pass costs a read
     * of the files).
     *
     * @param lineNo a line number of the merged log
     * @return the file and line, empty when the merged log has no such line
     */
    public Optional<LineOrigin> origin(int lineNo) {
        if (lineNo < 1) {
            return Optional.empty();
        }
        try (MergedReader r = new MergedReader(this, false)) {
            for (TraceLine line = r.next(); line != null; line = r.next()) {
                if (line.lineNo() == lineNo) {
                    return Optional.of(r.origin());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The whole merged log in memory, its strings in the quoting of the whole log as {@link TraceParser#parse(Path)}
     * gives them.
     *
     * @return the trace, named {@link #name()}
     * @throws TraceFormatException for a line that is not strace output or cannot be ordered
     * @throws java.io.UncheckedIOException if reading fails
     */
    public Trace toTrace() {
        try (MergedReader r = new MergedReader(this, false)) {
            List<TraceLine> lines = new ArrayList<>();
            for (TraceLine line = r.next(); line != null; line = r.next()) {
                lines.add(line);
            }
            Quoting q = r.stats().traceQuoting();
            if (q != null) {
                lines.replaceAll(line -> QuotingResolver.applyLine(line, q));
            }
            return new Trace(name, lines);
        }
    }

    int pid(int order) {
        return pids[order];
    }

    boolean ordered() {
        return files.size() > 1;
    }

    Stamp.Clock clock() {
        return clock;
    }

    List<HeaderLine> header() {
        return header;
    }
}
