package dev.kemu.strace;

import java.io.FilterReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads strace logs into a {@link Trace}; {@link TraceReader} reads them as a stream.
 *
 * <p>Accepted: whatever strace 6.x writes to a log, {@code strace [-f|-ff] [-t|-tt|-ttt|-r] [-T] [-y|-yy] [-v]
 * [-x|-xx] [-X raw|abbrev|verbose] [-e abbrev=none] [-s N] -o FILE}, plus comment lines starting with {@code #}.
 * Line grammar: a {@link Stamp} prefix (pid, time), then an empty line; a signal line {@code --- SIGxxx ... ---}; an
 * exit line {@code +++ ... +++}; a system call {@code name(arg, ...) = result}, where strace pads the call with
 * spaces so that {@code =} lands in column 41 (see {@link TracePrinter}); an unfinished call
 * {@code name(arg,  <unfinished ...>}; or a resumed call {@code <... name resumed>arg) = result}; a call may end
 * with a {@code -T} duration {@code  <0.000012>}. Arguments are strings, numbers, addresses, constants and flag
 * sets, {@code NULL}, lists {@code [...]} and structs {@code {name=value, ...}}, {@code name=value}, each
 * optionally decorated ({@code 3</tmp/a>}) and followed by a {@code /* comment *}{@code /} and {@code => new value};
 * strace's other forms become a {@link Sym} (see {@link ValueParser}).
 *
 * <p>Valid strace output is not an error: a call whose arguments are well formed but juxtapose words the grammar
 * does not know is returned with one opaque argument and the reason ({@link SyscallLine#opaque()}). Text that is
 * not strace output at all (an unterminated string, unbalanced brackets, numbers side by side, a bad escape, a
 * result that is not a number) is reported as a {@link TraceFormatException} with line and column.
 *
 * <p>Parsing is linear in the input size, also for strings of several megabytes.
 *
 * <p>String quoting: each string gets the quoting that prints its bytes exactly as written (see
 * {@link StraceString}). When one quoting fits every string of the trace, strings that several quotings print the
 * same way take that one; so in a {@code -xx} trace {@code ""} is {@link Quoting#HEX_ALL}, and re-emitted data
 * keeps the style of the trace. Without such evidence {@code ""} is {@link Quoting#DEFAULT}. The methods here keep
 * every line, so they resolve this at the end; {@link TraceReader} explains how a stream decides.
 */
public final class TraceParser {

    private TraceParser() {
    }

    /**
     * Parses a whole log.
     *
     * @param source the name for messages, e.g. a file name or {@code <stdin>}
     * @param text the log; lines end with {@code \n} (a missing final newline is accepted)
     * @return the trace
     * @throws TraceFormatException for malformed input
     */
    public static Trace parse(String source, String text) {
        return collect(new TraceReader(LineSource.of(source, new StringReader(text)), new QuotingStats(), false));
    }

    /**
     * Parses a log read from a reader (which is not closed).
     *
     * @param source the name for messages
     * @param reader the log
     * @return the trace
     * @throws TraceFormatException for malformed input
     * @throws UncheckedIOException if reading fails
     */
    public static Trace parse(String source, Reader reader) {
        Reader unclosed = new FilterReader(reader) {
            @Override
            public void close() {
                // the caller owns the reader
            }
        };
        return collect(new TraceReader(LineSource.of(source, unclosed), new QuotingStats(), false));
    }

    /**
     * Parses a log file (UTF-8; strace itself writes only ASCII). The source name is the file name.
     *
     * @param file the file
     * @return the trace
     * @throws TraceFormatException for malformed input, including bytes that are not UTF-8
     * @throws UncheckedIOException if reading fails
     */
    public static Trace parse(Path file) {
        String source = TraceReader.sourceName(file);
        LineSource lines = TraceReader.openBytes(source, file);
        TraceReader reader;
        try {
            reader = new TraceReader(lines, new QuotingStats(), false);
        } catch (RuntimeException e) {
            try {
                lines.close();
            } catch (java.io.IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return collect(reader);
    }

    private static Trace collect(TraceReader reader) {
        try (reader) {
            List<TraceLine> lines = new ArrayList<>();
            for (TraceLine line : reader) {
                lines.add(line);
            }
            Quoting q = reader.stats().traceQuoting();
            if (q != null) {
                lines.replaceAll(line -> QuotingResolver.applyLine(line, q));
            }
            return new Trace(reader.source(), lines);
        }
    }

    /**
     * Parses a single line, e.g. {@code close(3) = 0}; its strings get their own quoting (no trace context).
     *
     * @param line the line, without its newline
     * @return the parsed line, with line number 1 and source {@code <string>}
     * @throws TraceFormatException for malformed input
     */
    public static TraceLine parseLine(String line) {
        if (line.indexOf('\n') >= 0) {
            throw new TraceFormatException("<string>", 1, line.indexOf('\n') + 1, "more than one line");
        }
        return LineParser.parse("<string>", 1, line, new QuotingStats());
    }
}
