package dev.kemu.cli;

import dev.kemu.strace.PerProcessLogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One log named on the command line: a file, or the files {@code strace -ff -o PREFIX} wrote, one per process.
 * Files given together are one {@code -ff} log when there are several and every one is named {@code PREFIX.NUMBER}
 * with the same prefix (what a shell gives for {@code log.*}, see {@link PerProcessLogs#isSet}); otherwise each file
 * is a log of its own. A file named {@code PREFIX.NUMBER} alone is read as it is, its lines given the pid of its
 * name.
 *
 * @param files the files as given, one for a plain log
 */
record LogArg(List<String> files) {

    LogArg {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a log has at least one file");
        }
    }

    /**
     * The logs the files make.
     *
     * @param args the files given
     * @return one {@code -ff} log, or one log per file
     */
    static List<LogArg> all(List<String> args) {
        if (!args.contains(Stdin.ARG) && PerProcessLogs.isSet(paths(args))) {
            return List.of(new LogArg(args));
        }
        List<LogArg> logs = new ArrayList<>();
        for (String a : args) {
            logs.add(new LogArg(List.of(a)));
        }
        return logs;
    }

    /**
     * The one log a command takes.
     *
     * @param args the files given
     * @return the log
     * @throws InputException when the files are several logs
     */
    static LogArg one(List<String> args) {
        List<LogArg> logs = all(args);
        if (logs.size() != 1) {
            throw new InputException(String.join(" ", args) + ": expected one log; several files are one log only"
                    + " when strace -ff wrote them (PREFIX.PID, one PREFIX)");
        }
        return logs.get(0);
    }

    private static List<Path> paths(List<String> files) {
        return files.stream().map(Stdin::resolve).toList();
    }

    /** The files as paths. */
    List<Path> paths() {
        return paths(files);
    }

    /** Whether the lines are read through {@link PerProcessLogs}: a set, or one file named {@code PREFIX.NUMBER}. */
    boolean perProcess() {
        return files.size() > 1 || !files.get(0).equals(Stdin.ARG) && PerProcessLogs.pidOf(Path.of(files.get(0))).isPresent();
    }

    /** Whether the log is several files. */
    boolean isSet() {
        return files.size() > 1;
    }

    /** The log as messages name it: the file as given, or the first file's path with {@code *} for its pid. */
    String display() {
        String first = Stdin.shown(files.get(0));
        return isSet() ? first.substring(0, first.lastIndexOf('.')) + ".*" : first;
    }

    /** The log as report lines name it: the file name, or {@code PREFIX.*} for a set. */
    String name() {
        return Path.of(display()).getFileName().toString();
    }

    /** The file as given whose file name is {@code source} (what parse errors name), or {@code source}. */
    String file(String source) {
        for (String f : files) {
            Path name = Stdin.resolve(f).getFileName();
            if (name != null && name.toString().equals(source)) {
                return Stdin.shown(f);
            }
        }
        return source;
    }

    /**
     * Where a line of the log is, for messages: {@code FILE:N}, and for a set the file and line strace wrote (the
     * files are merged again up to it).
     *
     * @param lineNo the line in the log (in the merged log for a set)
     * @return e.g. {@code dir/log.31525:17}
     */
    String where(int lineNo) {
        if (!isSet()) {
            return Stdin.shown(files.get(0)) + ":" + lineNo;
        }
        return PerProcessLogs.of(paths()).origin(lineNo).map(o -> file(o.source()) + ":" + o.lineNo())
                .orElse(display() + ":" + lineNo);
    }
}
