package dev.kemu.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that stops the tool when its reader has gone ({@code kemu run ... | head -2}): a write that fails
 * (EPIPE) throws {@link Closed}, which no {@link java.io.PrintWriter} swallows, and the tool exits 141 at once, as a
 * process killed by SIGPIPE does, instead of working on for no reader.
 */
final class ClosedOutput extends FilterOutputStream {
    /** The exit code of a tool whose output was closed: 128 + SIGPIPE, what a shell reports for such a process. */
    static final int EXIT = 141;

    /** The reader of standard output has gone. */
    static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed(IOException cause) {
            super("standard output was closed", cause, false, false);
        }
    }

    ClosedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw new Closed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new Closed(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Closed(e);
        }
    }
}
