package dev.kemu.strace;

import java.util.Objects;

/**
 * A comment line. strace never writes comments; scenario files use them for headers such as {@code # kernel: 6.18}
 * (see {@link Trace#header(String)}) and for free text.
 *
 * @param lineNo the 1-based line number, 0 when built by code
 * @param text the whole line, starting with {@code #}
 */
public record Comment(int lineNo, String text) implements TraceLine {

    /**
     * Checks that the text is one line starting with {@code #}.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param text the whole line, starting with {@code #}
     */
    public Comment {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith("#") || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a comment is one line starting with '#': " + text);
        }
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }
}
