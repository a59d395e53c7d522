package dev.kemu.cli;

import dev.kemu.kernel.SyscallCatalog;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.UnknownSyscallException;
import dev.kemu.strace.PerProcessLogs;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceFormatException;
import dev.kemu.strace.TraceParser;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Reads trace files, turning every problem into one clear {@link InputException}. */
final class TraceFiles {
    private TraceFiles() {
    }

    /** A whole log in memory; the files of an {@code strace -ff} log merged into one. */
    static Trace load(LogArg log) {
        check(log);
        Trace t = replaying(log, () -> log.perProcess() ? PerProcessLogs.of(log.paths()).toTrace()
                : TraceParser.parse(log.paths().get(0)));
        for (SyscallLine line : t.calls()) {
            if (!SyscallCatalog.isLinuxSyscall(line.name())) {
                throw new InputException(log.where(line.lineNo()) + ": unknown system call '" + line.name()
                        + "': not an x86-64 Linux system call");
            }
        }
        if (t.calls().isEmpty()) {
            throw new InputException(log.display() + ": no system call in the log: nothing to replay");
        }
        return t;
    }

    /**
     * A log to stream: its files checked to exist and be readable, its header read; the lines are parsed as they are
     * replayed (see {@link #replaying}).
     */
    static LogSource source(LogArg log) {
        check(log);
        return replaying(log, () -> log.perProcess() ? LogSource.merged(log.paths()) : LogSource.of(log.paths().get(0)));
    }

    private static void check(LogArg log) {
        for (String file : log.files()) {
            if (file.equals(Stdin.ARG)) {
                continue;
            }
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
        }
    }

    /**
     * Runs {@code work} on a log, turning what is wrong with the log into one clear {@link InputException} that names
     * the file and line strace wrote.
     */
    static <T> T replaying(LogArg log, Supplier<T> work) {
        try {
            return work.get();
        } catch (TraceFormatException e) {
            throw new InputException(log.file(e.source()) + ":" + e.lineNo() + ":" + e.column() + ": " + e.detail());
        } catch (UnknownSyscallException e) {
            throw new InputException(log.where(e.lineNo()) + ": unknown system call '" + e.syscall()
                    + "': not an x86-64 Linux system call");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new InputException(log.display() + ": no such file");
            }
            throw new InputException(log.display() + ": cannot be read: " + e.getCause().getMessage());
        }
    }

    /** The version a log's {@code # kernel:} header names. */
    static String headerKernel(LogSource source, LogArg log) {
        return source.header("kernel").map(String::trim).filter(s -> !s.isEmpty()).orElseThrow(() ->
                new InputException(log.display() + ": no '# kernel:' header; say which kernel with --kernel"));
    }

    /**
     * Says on {@code err} when a replay could not run to its end (a call the model does not have, an emulator bug).
     *
     * @return whether it could not: the command then exits {@link ExitCodes#DIVERGENCE}
     */
    static boolean notRun(dev.kemu.replay.TraceReport r, java.io.PrintWriter err) {
        if (r.verdict() != dev.kemu.replay.Verdict.UNSUPPORTED && r.bug() == null) {
            return false;
        }
        err.println("kemu: " + r.name() + ": could not run on " + r.kernel() + " from line " + r.lineNo() + ": " + r.reason());
        err.flush();
        return true;
    }
}
