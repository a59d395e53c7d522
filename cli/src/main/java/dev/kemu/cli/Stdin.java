package dev.kemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A log given as {@code -}: standard input, copied once into a temporary file (the replayer reads a log twice, and
 * a pipe can be read once), removed when the tool exits. Messages name it {@code <stdin>}.
 */
final class Stdin {
    /** The argument that names standard input. */
    static final String ARG = "-";
    /** How messages and report lines name standard input. */
    static final String NAME = "<stdin>";

    private static InputStream in = System.in;
    private static Path copy;

    private Stdin() {
    }

    /** What {@code -} reads from now on (the tool's own standard input, or a test's). */
    static synchronized void use(InputStream stream) {
        in = stream;
        copy = null;
    }

    /** The file holding standard input, read whole on first use. */
    static synchronized Path path() {
        if (copy == null) {
            try {
                Path p = Files.createTempFile("kemu-stdin-", ".strace");
                p.toFile().deleteOnExit();
                Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
                copy = p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return copy;
    }

    /** The file an argument names: standard input's copy for {@code -}. */
    static Path resolve(String arg) {
        return ARG.equals(arg) ? path() : Path.of(arg);
    }

    /** The argument as messages show it. */
    static String shown(String arg) {
        return ARG.equals(arg) ? NAME : arg;
    }
}
