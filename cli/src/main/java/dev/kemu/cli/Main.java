package dev.kemu.cli;

import dev.kemu.kernel.Kernels;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * The {@code kemu} command-line tool. Bad input of any kind ends with one message naming the
 * file and line or the option, and exit code 2; never a stack trace unless {@code --debug}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean debug = rest.remove("--debug");
        Kernels kernels;
        try {
            kernels = Kernels.discover();
        } catch (IllegalStateException e) {
            err.println("kemu: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CommandLine cl = new CommandLine(new KemuCommand(), new GuiceFactory(kernels));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            if (ex instanceof CommandLine.UnmatchedArgumentException && c.getParent() == null && !c.getSubcommands().isEmpty()
                    && !((CommandLine.UnmatchedArgumentException) ex).getUnmatched().get(0).startsWith("-")) {
                e.println("kemu: unknown command '" + ((CommandLine.UnmatchedArgumentException) ex).getUnmatched().get(0)
                        + "'; commands: " + String.join(", ", c.getSubcommands().keySet()));
            } else {
                e.println("kemu: " + ex.getMessage());
            }
            e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof InputException) {
                c.getErr().println("kemu: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            c.getErr().println("kemu: internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
            if (debug) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        Debug.enabled = debug;
        int code = cl.execute(rest.toArray(new String[0]));
        out.flush();
        err.flush();
        return code;
    }
}
