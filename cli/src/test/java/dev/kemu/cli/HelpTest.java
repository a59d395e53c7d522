package dev.kemu.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.Kernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command answers {@code --help} and {@code -h} with exit 0, its exit codes and examples. */
class HelpTest {
    private static List<String> commands() {
        PrintWriter sink = new PrintWriter(java.io.Writer.nullWriter());
        CommandLine cl = Main.commandLine(Kernels.discover(), sink, sink);
        return cl.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    }

    @Test
    void help_everyCommand_exitsZeroWithExamplesAndExitCodes() {
        for (String name : commands()) {
            for (String flag : new String[] {"--help", "-h"}) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Main.run(new String[] {name, flag}, new PrintWriter(out, true), new PrintWriter(err, true));
                assertEquals(0, code, name + " " + flag);
                String text = out.toString();
                assertTrue(text.startsWith("Usage: kemu " + name), name + ": " + text);
                assertTrue(text.contains("\nExit codes:\n"), name + " has no exit codes");
                int examples = text.substring(text.indexOf("\nExamples:\n")).split("\n  kemu ", -1).length - 1;
                assertTrue(examples >= 2 && examples <= 4, name + ": " + examples + " examples");
                assertEquals("", err.toString());
            }
        }
    }

    @Test
    void help_helpCommandWithName_printsThatCommandsHelp() {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        assertEquals(0, Main.run(new String[] {"help", "replay"}, new PrintWriter(a, true), new PrintWriter(new StringWriter())));
        assertEquals(0, Main.run(new String[] {"replay", "--help"}, new PrintWriter(b, true), new PrintWriter(new StringWriter())));
        assertEquals(b.toString(), a.toString());
    }
}
