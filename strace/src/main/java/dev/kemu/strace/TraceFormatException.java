package dev.kemu.strace;

/**
 * A syntax error in an strace log. The message reads {@code <source>:<line>:<column>: <what was expected>}, e.g.
 * {@code bad.strace:7:12: expected ',' or ')' after argument}; line and column are 1-based.
 */
public class TraceFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The name of the input. */
    private final String source;
    /** The 1-based line number. */
    private final int lineNo;
    /** The 1-based column. */
    private final int column;
    /** The message without the position. */
    private final String detail;

    /**
     * Creates the exception.
     *
     * @param source the file name, or {@code <stdin>} / {@code <string>}
     * @param lineNo the 1-based line number
     * @param column the 1-based column
     * @param detail what was wrong or expected
     */
    public TraceFormatException(String source, int lineNo, int column, String detail) {
        super(source + ":" + lineNo + ":" + column + ": " + detail);
        this.source = source;
        this.lineNo = lineNo;
        this.column = column;
        this.detail = detail;
    }

    /**
     * The name of the input.
     *
     * @return the source name
     */
    public String source() {
        return source;
    }

    /**
     * The line of the error.
     *
     * @return the 1-based line number
     */
    public int lineNo() {
        return lineNo;
    }

    /**
     * The column of the error.
     *
     * @return the 1-based column (one past the end of the line for a line that ended too early)
     */
    public int column() {
        return column;
    }

    /**
     * The message without the position prefix.
     *
     * @return what was wrong or expected
     */
    public String detail() {
        return detail;
    }
}
