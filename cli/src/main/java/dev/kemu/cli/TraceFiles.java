package dev.kemu.cli;

import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceFormatException;
import dev.kemu.strace.TraceParser;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads trace files, turning every problem into one clear {@link InputException}. */
final class TraceFiles {
    private TraceFiles() {
    }

    static Trace load(String file) {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new InputException(file + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new InputException(file + ": is a directory, expected a .strace file");
        }
        if (!Files.isReadable(p)) {
            throw new InputException(file + ": cannot be read (permission denied)");
        }
        try {
            Trace t = TraceParser.parse(p);
            for (dev.kemu.strace.SyscallLine line : t.calls()) {
                if (!dev.kemu.kernel.SyscallCatalog.isLinuxSyscall(line.name())) {
                    throw new InputException(file + ":" + line.lineNo() + ": unknown system call '" + line.name()
                            + "': not an x86-64 Linux system call");
                }
            }
            return t;
        } catch (TraceFormatException e) {
            throw new InputException(file + ":" + e.lineNo() + ":" + e.column() + ": " + e.detail());
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new InputException(file + ": no such file");
            }
            throw new InputException(file + ": cannot be read: " + e.getCause().getMessage());
        }
    }

    /**
     * A log file to stream: checked to exist and be readable, its header read; the lines are parsed as they are
     * replayed (see {@link #replaying}).
     */
    static dev.kemu.replay.LogSource source(String file) {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new InputException(file + ": no such file");
        }
        if (Files.isDirectory(p)) {
            throw new InputException(file + ": is a directory, expected a .strace file");
        }
        if (!Files.isReadable(p)) {
            throw new InputException(file + ": cannot be read (permission denied)");
        }
        return replaying(file, () -> dev.kemu.replay.LogSource.of(p));
    }

    /** Runs {@code work} on a log, turning what is wrong with the log into one clear {@link InputException}. */
    static <T> T replaying(String file, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (TraceFormatException e) {
            throw new InputException(file + ":" + e.lineNo() + ":" + e.column() + ": " + e.detail());
        } catch (dev.kemu.replay.UnknownSyscallException e) {
            throw new InputException(file + ":" + e.lineNo() + ": unknown system call '" + e.syscall()
                    + "': not an x86-64 Linux system call");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new InputException(file + ": no such file");
            }
            throw new InputException(file + ": cannot be read: " + e.getCause().getMessage());
        }
    }

    /** The version a log's {@code # kernel:} header names. */
    static String headerKernel(dev.kemu.replay.LogSource log, String file) {
        return log.header("kernel").map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new InputException(file + ": no '# kernel:' header; say which kernel with --kernel"));
    }

    /** The file name without directories, for report lines. */
    static String name(String file) {
        return Path.of(file).getFileName().toString();
    }

    /** The version a trace's {@code # kernel:} header names. */
    static String headerKernel(Trace trace, String file) {
        return trace.header("kernel").map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new InputException(file + ": no '# kernel:' header; say which kernel with --kernel"));
    }
}
