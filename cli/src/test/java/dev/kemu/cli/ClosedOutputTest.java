package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A reader that goes away ({@code kemu replay ... | head -1}) stops the tool at the next write. */
class ClosedOutputTest {
    /** A pipe whose reader left after {@code room} bytes: every later write fails, as EPIPE does, and is counted. */
    private static final class ReaderGone extends OutputStream {
        private int room;
        int failedWrites;

        ReaderGone(int room) {
            this.room = room;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                failedWrites++;
                throw new IOException("Broken pipe");
            }
            room -= len;
        }
    }

    @Test
    void replay_readerGoneAfterFirstLine_exits141WithoutWritingAgain() {
        ReaderGone pipe = new ReaderGone(80);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(new ClosedOutput(pipe),
                java.nio.charset.StandardCharsets.UTF_8), true);
        StringWriter err = new StringWriter();
        String t = "../traces/linux-6.18/";
        int code = Main.run(new String[] {"replay", t + "pipe_basic_write_read.strace", t + "file_dup_errors.strace",
            t + "splice_slots_capacity.strace"}, out, new PrintWriter(err, true));
        assertEquals(ClosedOutput.EXIT, code);
        assertEquals(1, pipe.failedWrites);
        assertEquals("", err.toString());
    }
}
