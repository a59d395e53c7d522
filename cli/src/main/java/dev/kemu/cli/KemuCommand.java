package dev.kemu.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top command: only subcommands. */
@Command(name = "kemu", mixinStandardHelpOptions = true, version = "kemu 0.1.0",
        description = "An executable model of Linux pipes, splice, tee, vmsplice, sendfile and copy_file_range, "
                + "kernel version by kernel version.",
        subcommands = {KernelsCommand.class, ReplayCommand.class, RunCommand.class, CompareCommand.class, TraceCommand.class, DemoCommand.class, FuzzCommand.class, StressCommand.class, SyscallsCommand.class, RecordCommand.class})
final class KemuCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
