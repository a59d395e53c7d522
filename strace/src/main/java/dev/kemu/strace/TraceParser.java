package dev.kemu.strace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads strace logs ({@code strace -qq [-x|-xx] -s N -o FILE}) into a {@link Trace}.
 *
 * <p>Line grammar: an empty line; a comment starting with {@code #}; a signal line {@code --- SIGxxx ... ---}; an
 * exit line {@code +++ ... +++}; or a system call {@code name(arg, ...) = result}, where strace pads the call with
 * spaces so that {@code =} lands in column 41 (see {@link TracePrinter}). Arguments are strings, numbers, addresses,
 * constants and flag sets, {@code NULL}, lists {@code [...]} and structs {@code {name=value, ...}}, each optionally
 * followed by a {@code /* comment *}{@code /} and {@code => new value}. Traces of several threads or processes
 * ({@code -f}: pid prefixes, {@code <unfinished ...>}, {@code <... resumed>}) are rejected.
 *
 * <p>Parsing is linear in the input size, also for strings of several megabytes.
 *
 * <p>String quoting: each string gets the quoting that prints its bytes exactly as written (see
 * {@link StraceString}). When one quoting fits every string of the trace, strings that several quotings print the
 * same way take that one; so in a {@code -xx} trace {@code ""} is {@link Quoting#HEX_ALL}, and re-emitted data
 * keeps the style of the trace. Without such evidence {@code ""} is {@link Quoting#DEFAULT}.
 *
 * <p>Every syntax error is reported as a {@link TraceFormatException}.
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
        QuotingStats stats = new QuotingStats();
        List<TraceLine> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(LineParser.parse(source, lineNo, text.substring(start, end), stats));
            start = end + 1;
            lineNo++;
        }
        Quoting q = stats.traceQuoting();
        if (q != null) {
            lines.replaceAll(line -> line instanceof SyscallLine s ? QuotingResolver.apply(s, q) : line);
        }
        return new Trace(source, lines);
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
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        try {
            for (int n = reader.read(buf); n >= 0; n = reader.read(buf)) {
                sb.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(source, sb.toString());
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        return parse(source, decodeUtf8(source, bytes));
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

    private static String decodeUtf8(String source, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in);
            return out.toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadUtf8(bytes);
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new TraceFormatException(source, line, bad - lineStart + 1, "bytes that are not UTF-8");
        }
    }

    private static int firstBadUtf8(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var r = decoder.decode(in, out, true);
            if (r.isError()) {
                return in.position();
            }
            if (r.isUnderflow()) {
                return bytes.length;
            }
            out.clear();
        }
    }
}
