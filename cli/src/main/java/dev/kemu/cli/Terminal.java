package dev.kemu.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the tool's standard output and standard error are terminals, as {@code isatty(3)} says: read from where
 * {@code /proc/self/fd/N} points ({@code /dev/pts/3}, {@code /dev/tty1}). Only {@link Main#main} looks; a tool run
 * in-process (the tests) has neither, so it prints no colour and no progress.
 */
final class Terminal {
    static volatile boolean stdout;
    static volatile boolean stderr;

    private Terminal() {
    }

    /** Looks at the process's own descriptors 1 and 2. */
    static void detect() {
        stdout = isTerminal(1);
        // A CI log captures a terminal's output too; progress there is noise.
        stderr = isTerminal(2) && System.getenv("CI") == null;
    }

    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
