package dev.kemu.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o FILE}: the output into a file instead of standard output, as strace's {@code -o}. */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the output to FILE instead of standard output (default: standard output)")
    Path file;

    private PrintWriter opened;

    /** Where the output goes: FILE, opened (and so checked) before any work, or standard output. */
    PrintWriter writer(CommandSpec spec) {
        if (file == null) {
            return spec.commandLine().getOut();
        }
        if (opened == null) {
            try {
                opened = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputException("-o: cannot write " + file + ": " + (e instanceof java.nio.file.NoSuchFileException
                        ? "no such directory" : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage()));
            }
            Style.toFile = true;
        }
        return opened;
    }

    /** Closes FILE, if the output went there. */
    void close() {
        if (opened != null) {
            opened.close();
            Style.toFile = false;
        }
    }
}
