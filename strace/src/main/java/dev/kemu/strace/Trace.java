package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An strace log held in memory: the lines of a file recorded with {@code strace -o FILE} (kemu's scenarios use
 * {@code -qq -xx -s 1048576}, one process; any strace 6.x log parses), plus {@code # key: value} header comments
 * that describe the scenario. {@link TraceReader} reads a log without holding it.
 *
 * @param source the file name, or {@code <stdin>}; used in messages
 * @param lines all lines in order, comments and empty lines included
 */
public record Trace(String source, List<TraceLine> lines) {

    /**
     * Copies the line list.
     *
     * @param source the file name, or {@code <stdin>}; used in messages
     * @param lines all lines in order, comments and empty lines included
     */
    public Trace {
        Objects.requireNonNull(source, "source");
        lines = List.copyOf(lines);
    }

    /**
     * The value of the first comment of the form {@code # key: value}.
     *
     * @param key the key, e.g. {@code kernel}
     * @return the value with surrounding white space removed, e.g. {@code 6.18}; empty if there is no such comment
     */
    public Optional<String> header(String key) {
        for (TraceLine line : lines) {
            if (line instanceof Comment c) {
                String body = c.text().substring(1).strip();
                int colon = body.indexOf(':');
                if (colon > 0 && body.substring(0, colon).strip().equals(key)) {
                    return Optional.of(body.substring(colon + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The system call lines.
     *
     * @return the system calls in order
     */
    public List<SyscallLine> calls() {
        List<SyscallLine> calls = new ArrayList<>();
        for (TraceLine line : lines) {
            if (line instanceof SyscallLine s) {
                calls.add(s);
            }
        }
        return List.copyOf(calls);
    }
}
