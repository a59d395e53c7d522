package dev.kemu.cli;

import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.PluginException;
import dev.kemu.kernel.PluginPath;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code kemu} command-line tool. Bad input of any kind ends with one message naming the
 * file and line or the option, and exit code 2; never a stack trace unless {@code --debug}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Terminal.detect();
        Interrupt.install();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new ClosedOutput(new FileOutputStream(FileDescriptor.out)),
                Charset.defaultCharset()), true);
        System.exit(run(args, out, new PrintWriter(System.err, true)));
    }

    /** Runs the tool with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, System.in, out, err);
    }

    /** Runs the tool with the given streams, {@code in} being what {@code -} reads; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err) {
        return run(args, in, out, err, System.getenv(PluginPath.ENV));
    }

    /**
     * Runs the tool with {@code envPluginPath} as the value of {@value PluginPath#ENV} (null when
     * unset); returns the exit code.
     */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, String envPluginPath) {
        Kernels kernels;
        try {
            kernels = Kernels.discover();
            PluginArgs plugins = PluginArgs.scan(args, envPluginPath);
            if (!plugins.isEmpty()) {
                kernels = PluginPath.load(kernels, plugins.dirs(), plugins.definitions());
            }
        } catch (IllegalStateException | PluginException | InputException e) {
            err.println("kemu: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Debug.enabled = false;
        Style.when = Style.When.AUTO;
        Style.toFile = false;
        Stdin.use(in);
        CommandLine cl = commandLine(kernels, out, err, args.length > 0 ? args[0] : null);
        try {
            int code = cl.execute(args);
            out.flush();
            err.flush();
            return code;
        } catch (ClosedOutput.Closed e) {
            return ClosedOutput.EXIT;
        }
    }

    /** The command tree with its handlers, as the man pages describe it. */
    static CommandLine commandLine(Kernels kernels, PrintWriter out, PrintWriter err) {
        return commandLine(kernels, out, err, null);
    }

    /**
     * The command tree with its handlers, as {@link #run} executes it: when {@code first} (the
     * first argument) names a subcommand, the tree holds only that one, since building a
     * subcommand's model (picocli reads its annotations, options and help text) is most of what a
     * start costs; anything else (an option, {@code help}, a typo, nothing) gets the whole tree.
     */
    static CommandLine commandLine(Kernels kernels, PrintWriter out, PrintWriter err, String first) {
        InjectingFactory factory = new InjectingFactory(kernels);
        CommandLine cl = new CommandLine(new KemuCommand(), factory);
        List<Class<?>> subcommands = KemuCommand.SUBCOMMANDS;
        for (Class<?> c : subcommands) {
            if (nameOf(c).equals(first) && c != CommandLine.HelpCommand.class) {
                subcommands = List.of(c);
                break;
            }
        }
        for (Class<?> c : subcommands) {
            try {
                cl.addSubcommand(nameOf(c), new CommandLine(factory.create(c), factory));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the subcommand " + c.getName(), e);
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(new ExitCodes());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && c.getParent() == null && !c.getSubcommands().isEmpty()
                    && !u.getUnmatched().get(0).startsWith("-")) {
                e.println("kemu: unknown command '" + u.getUnmatched().get(0) + "'; commands: "
                        + String.join(", ", c.getSubcommands().keySet()));
            } else {
                e.println("kemu: " + ex.getMessage());
            }
            e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof ClosedOutput.Closed) {
                return ClosedOutput.EXIT;
            }
            if (ex instanceof InputException) {
                c.getErr().println("kemu: " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            }
            c.getErr().println("kemu: internal error: " + ex + (Debug.enabled ? "" : " (run with --debug for details)"));
            if (Debug.enabled) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    private static String nameOf(Class<?> subcommand) {
        return subcommand.getAnnotation(CommandLine.Command.class).name();
    }
}
