package dev.kemu.cli;

import picocli.CommandLine.ArgGroup;

/** Adds the root filesystem options to a command. */
final class RootMixin {
    @ArgGroup(exclusive = false)
    RootOptions options = new RootOptions();
}
