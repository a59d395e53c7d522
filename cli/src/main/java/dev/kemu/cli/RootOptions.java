package dev.kemu.cli;

import picocli.CommandLine.Option;

/** The root filesystem options shared by the commands that boot a machine. */
final class RootOptions {
    @Option(names = "--fs", paramLabel = "TYPE", defaultValue = "ext4",
            description = "filesystem type of / (default: ${DEFAULT-VALUE}, as the traces were recorded on ext4)")
    String fsType;

    @Option(names = "--image", paramLabel = "FILE",
            description = "an image file holding the root filesystem; created on first use, written back on exit (default: none, the root lives in memory)")
    String image;

    @Option(names = "--cwd", paramLabel = "DIR",
            description = "the working directory the log was recorded in (default: its '# cwd:' header, its first getcwd, else /scenario)")
    String cwd;
}
