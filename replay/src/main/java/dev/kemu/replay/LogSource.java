package dev.kemu.replay;

import dev.kemu.strace.MergedReader;
import dev.kemu.strace.PerProcessLogs;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TraceReader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A log the replayer can read more than once, one line at a time: a file (each pass reads it again, so memory
 * stays bounded by what the emulated machine holds, not by the log's length), or a {@link Trace} already in memory.
 * The replayer reads a log twice: once to learn the world it implies ({@link ExternalFiles}), once to replay it.
 */
public interface LogSource {
    /** One pass over the lines; close it when done. */
    interface Pass extends Iterator<TraceLine>, AutoCloseable {
        @Override
        void close();

        /** A pass over {@code lines} that releases what it holds with {@code release}. */
        static Pass over(Iterator<TraceLine> lines, Runnable release) {
            return new Pass() {
                @Override
                public boolean hasNext() {
                    return lines.hasNext();
                }

                @Override
                public TraceLine next() {
                    return lines.next();
                }

                @Override
                public void close() {
                    release.run();
                }
            };
        }
    }

    /** The name used in reports, e.g. the file name. */
    String name();

    /** The value of a {@code # key: value} header comment. */
    Optional<String> header(String key);

    /** A new pass from the first line. */
    Pass open();

    /**
     * A new pass over the lines whose raw text {@code wanted} accepts (and perhaps others): for passes that look
     * for a few calls, which a file source then finds without parsing the rest.
     */
    default Pass open(Predicate<String> wanted) {
        return open();
    }

    /**
     * Whether the log shows where each call started but not where it ended: the files of {@code strace -ff} merged
     * by time. (With {@code -T} the merge splits the calls that ended after other tasks' lines; the others end at
     * once.)
     */
    default boolean callsEndUnseen() {
        return false;
    }

    /**
     * A log file, read line by line on each pass ({@link TraceReader#openOnePass}: one parse per pass, since a replay
     * compares strings and never prints them).
     */
    static LogSource of(Path file) {
        Map<String, String> headers;
        try (TraceReader r = TraceReader.openOnePass(file)) {
            headers = Map.copyOf(r.headers());
        }
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return new LogParts(name, key -> Optional.ofNullable(headers.get(key)), () -> {
            TraceReader r = TraceReader.openOnePass(file);
            return Pass.over(r.iterator(), r::close);
        }, wanted -> {
            TraceReader r = TraceReader.openOnePass(file, wanted);
            return Pass.over(r.iterator(), r::close);
        }, false);
    }

    /**
     * The files {@code strace -ff} wrote, one per process, read as the one log {@code strace -f} would have written
     * ({@link PerProcessLogs}: lines merged in time order, each with the pid of its file); each pass merges the files
     * again from their first lines. Named {@code PREFIX.*} (e.g. {@code log.*}); one file alone keeps its name and
     * gives its lines the pid of its name.
     *
     * @param files the files {@code PREFIX.PID}, in any order
     * @return the log
     * @throws IllegalArgumentException if the files are not named {@code PREFIX.NUMBER} with one prefix
     * @throws dev.kemu.strace.TraceFormatException if their headers differ or their lines cannot be ordered
     */
    static LogSource merged(List<Path> files) {
        PerProcessLogs logs = PerProcessLogs.of(files);
        return new LogParts(logs.name(), key -> Optional.ofNullable(logs.headers().get(key)), () -> {
            MergedReader r = logs.open();
            return Pass.over(r.iterator(), r::close);
        }, null, logs.files().size() >= 2);
    }

    /** A trace in memory. */
    static LogSource of(Trace trace) {
        return new LogParts(trace.source(), trace::header, () -> Pass.over(trace.lines().iterator(), () -> { }), null, false);
    }
}
