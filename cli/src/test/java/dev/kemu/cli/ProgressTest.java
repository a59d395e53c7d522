package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress goes to standard error only when it is a terminal, on one line, and is cleared when done. */
class ProgressTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream saved;

    @BeforeEach
    void capture() {
        saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(saved);
        Terminal.stderr = false;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void start_stderrNotATerminal_printsNothing() {
        Terminal.stderr = false;
        try (Progress p = Progress.start("replay", 3)) {
            p.step();
            p.step();
        }
        assertEquals("", err());
    }

    /** Waits, at most 5 s, for the bar's own thread to have drawn what {@code done} asks for. */
    private void awaitErr(java.util.function.Predicate<String> done) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!done.test(err()) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertTrue(done.test(err()), () -> "not drawn in 5 s: " + err());
    }

    @Test
    void step_terminal_drawsOnOneLineAndCloseClearsIt() throws Exception {
        Terminal.stderr = true;
        Progress p = Progress.start("replay", 2);
        p.step();
        awaitErr(e -> e.contains("1/2"));
        assertTrue(err().startsWith("\r\033[Kreplay"), err());
        assertTrue(!err().contains("\n"), "progress never ends a line");
        p.close();
        assertTrue(err().endsWith("\r\033[K"), "cleared when done");
    }

    @Test
    void clear_beforeOtherOutput_leavesACleanLine() throws Exception {
        Terminal.stderr = true;
        Progress p = Progress.start("replay", 5);
        p.step();
        awaitErr(e -> e.contains("1/5"));
        p.clear();
        int len = err().length();
        p.clear();
        assertEquals(len, err().length(), "a second clear writes nothing");
        assertTrue(err().endsWith("\r\033[K"));
        p.close();
        assertTrue(err().endsWith("\r\033[K"));
    }
}
