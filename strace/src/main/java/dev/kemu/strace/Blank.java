package dev.kemu.strace;

/**
 * An empty line (no characters at all; a line of spaces is rejected by the parser because it could not be
 * printed back as it was).
 *
 * @param lineNo the 1-based line number, 0 when built by code
 */
public record Blank(int lineNo) implements TraceLine {

    /**
     * Checks the line number.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     */
    public Blank {
        if (lineNo < 0) {
            throw new IllegalArgumentException("negative line number " + lineNo);
        }
    }
}
