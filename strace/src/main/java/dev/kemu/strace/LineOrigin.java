package dev.kemu.strace;

import java.util.Objects;

/**
 * Where a line of a merged log was written: the file of {@code strace -ff} and its line there.
 *
 * @param source the file name, e.g. {@code log.31525}
 * @param lineNo the 1-based line number in that file
 */
public record LineOrigin(String source, int lineNo) {

    /**
     * Checks the parts.
     *
     * @param source the file name
     * @param lineNo the 1-based line number
     */
    public LineOrigin {
        Objects.requireNonNull(source, "source");
        if (lineNo < 1) {
            throw new IllegalArgumentException("line numbers start at 1: " + lineNo);
        }
    }

    /**
     * The place as messages give it.
     *
     * @return {@code source:lineNo}, e.g. {@code log.31525:17}
     */
    @Override
    public String toString() {
        return source + ":" + lineNo;
    }
}
