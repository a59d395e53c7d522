package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the output is coloured: --color, NO_COLOR, a terminal, a file. */
class StyleTest {
    @AfterEach
    void reset() {
        Terminal.stdout = false;
        Style.when = Style.When.AUTO;
        Style.toFile = false;
        Style.env = System::getenv;
    }

    private static void given(boolean terminal, Style.When when, Map<String, String> env) {
        Terminal.stdout = terminal;
        Style.when = when;
        Style.env = env::get;
    }

    @Test
    void auto_terminalWithoutNoColor_colours() {
        given(true, Style.When.AUTO, Map.of());
        assertEquals("\033[32mPASS\033[0m", Style.verdict("PASS"));
    }

    @Test
    void auto_noColorSet_doesNotColour() {
        given(true, Style.When.AUTO, Map.of("NO_COLOR", "1"));
        assertEquals("PASS", Style.verdict("PASS"));
    }

    @Test
    void auto_noColorEmpty_colours() {
        given(true, Style.When.AUTO, Map.of("NO_COLOR", ""));
        assertEquals("\033[31mFAIL\033[0m", Style.verdict("FAIL"));
    }

    @Test
    void auto_piped_doesNotColour() {
        given(false, Style.When.AUTO, Map.of());
        assertEquals("FAIL", Style.verdict("FAIL"));
    }

    @Test
    void auto_outputToFile_doesNotColour() {
        given(true, Style.When.AUTO, Map.of());
        Style.toFile = true;
        assertEquals("FAIL", Style.verdict("FAIL"));
    }

    @Test
    void always_noColorSetAndPiped_colours() {
        given(false, Style.When.ALWAYS, Map.of("NO_COLOR", "1"));
        assertEquals("\033[33mXFAIL\033[0m", Style.verdict("XFAIL"));
    }

    @Test
    void never_terminal_doesNotColour() {
        given(true, Style.When.NEVER, Map.of());
        assertEquals("PASS", Style.verdict("PASS"));
    }
}
