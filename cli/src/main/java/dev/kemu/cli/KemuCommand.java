package dev.kemu.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: only subcommands; alone, it prints its usage on standard error and exits 2, as git does. */
@Command(name = "kemu", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        description = "An executable model of Linux pipes, splice, tee, vmsplice, sendfile and copy_file_range, "
                + "kernel version by kernel version.",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a difference from the record, a failed invariant, a mismatch",
            "2:bad usage or unreadable input (the message names the file and line, or the option)",
            "3:an internal error (a bug in kemu; --debug shows the stack)", "130:interrupted (Ctrl-C)"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu replay traces/linux-6.18/*.strace", "  kemu run --kernel 3.10+cfr seed.strace",
            "  kemu compare --kernels 5.8,6.18 traces/derived/dirtypipe-5.8.strace", "  kemu help trace"})
final class KemuCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order the usage lists them. {@code Main} adds them (all of them, or
     * only the one a command line names: picocli reads every option of every class it is given).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(KernelsCommand.class, ReplayCommand.class, RunCommand.class,
            CompareCommand.class, TraceCommand.class, DemoCommand.class, FuzzCommand.class, StressCommand.class,
            SyscallsCommand.class, FilesystemsCommand.class, RecordCommand.class, CommandLine.HelpCommand.class);

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "show the stack trace of an internal error (default: off)")
    void debug(boolean on) {
        Debug.enabled = on;
    }

    @CommandLine.Option(names = "--plugin-path", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "load kernel and filesystem plugins from the jars in DIR, and the kernel definitions "
                    + "(*.kernel.properties) there; repeatable, or a list separated by '${sys:path.separator}' "
                    + "(default: $KEMU_PLUGIN_PATH, else none)")
    List<String> pluginPath; // read before the command line is parsed (PluginArgs): the plugins decide what --kernel accepts

    @CommandLine.Option(names = "--kernel-def", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "define a kernel as a modelled release with switches set on or off (a .properties file; "
                    + "see docs/defining-a-kernel.md); repeatable (default: none)")
    List<String> kernelDef; // read before the command line is parsed (PluginArgs)

    @CommandLine.Option(names = "--color", paramLabel = "WHEN", scope = CommandLine.ScopeType.INHERIT,
            description = "colour the output: auto (on a terminal, unless NO_COLOR is set), always or never (default: auto)")
    void color(Style.When when) {
        Style.when = when;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }
}
