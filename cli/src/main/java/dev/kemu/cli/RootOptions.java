package dev.kemu.cli;

import picocli.CommandLine.Option;

/** The root filesystem options shared by the commands that boot a machine. */
final class RootOptions {
    /** The root filesystem when {@code --fs} is not given: the traces were recorded on ext4. */
    static final String DEFAULT_FS = "ext4";

    @Option(names = "--fs", paramLabel = "TYPE",
            description = "filesystem type of / (default: " + DEFAULT_FS + ", as the traces were recorded on ext4)")
    String fsType;

    @Option(names = "--image", paramLabel = "FILE",
            description = "an ext4 image file holding the root filesystem; created on first use, written back on exit "
                    + "(default: none, the root lives in memory)")
    String image;

    @Option(names = "--cwd", paramLabel = "DIR",
            description = "the working directory the log was recorded in (default: its '# cwd:' header, its first getcwd, else /scenario)")
    String cwd;

    /** The root's filesystem type: {@code --fs}, else ext4. */
    String fs() {
        return fsType != null ? fsType : DEFAULT_FS;
    }

    /** Options that cannot go together are an error, never one silently ignored. */
    void checkEmulated() {
        if (image != null && fsType != null && !fsType.equals(DEFAULT_FS)) {
            throw new InputException("--fs " + fsType + " and --image: an image holds an ext4 filesystem; give one or the other");
        }
    }

    /** The host machine works in a directory of the host's own filesystem: no root options apply. */
    void checkHost() {
        if (image != null) {
            throw new InputException("--image: the host machine works in a temporary directory of the host's own "
                    + "filesystem; an image applies to emulated kernels only");
        }
        if (fsType != null) {
            throw new InputException("--fs " + fsType + " and --kernel host: the host machine works in a temporary "
                    + "directory of the host's own filesystem; --fs applies to emulated kernels only");
        }
    }
}
