package dev.kemu.fuzz;

import dev.kemu.strace.Comment;
import dev.kemu.strace.SignalLine;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded scenarios as traces: the header comments, the lines numbered as in a file, and
 * writing one into the output directory under a name no other file has (an existing file is
 * never overwritten).
 */
final class Findings {
    private Findings() {
    }

    /** A trace of {@code header} comment lines (each starting with {@code #}) then {@code lines}, numbered from 1. */
    static Trace assemble(String source, List<String> header, List<TraceLine> lines) {
        List<TraceLine> out = new ArrayList<>();
        for (String h : header) {
            out.add(new Comment(out.size() + 1, h));
        }
        for (TraceLine l : lines) {
            int no = out.size() + 1;
            if (l instanceof SyscallLine s) {
                out.add(new SyscallLine(no, s.name(), s.args(), s.result()));
            } else if (l instanceof SignalLine s) {
                out.add(new SignalLine(no, s.signal(), s.text()));
            } else if (l instanceof Comment c) {
                out.add(new Comment(no, c.text()));
            }
        }
        return new Trace(source, out);
    }

    /** The header of a fuzz trace. */
    static List<String> header(String kernel, String fs, Scenario s, int originalCalls, String recordedOn, String divergence) {
        List<String> h = new ArrayList<>();
        h.add("# kernel: " + kernel);
        h.add("# fs: " + fs);
        h.add("# scenario: fuzz seed " + s.seed() + " scenario " + s.index() + ", shrunk from " + originalCalls + " to "
                + s.size() + " calls");
        h.add("# expect: recorded on " + recordedOn + " by kemu fuzz");
        h.add("# divergence: " + divergence.replace('\n', ' '));
        return h;
    }

    /** Writes {@code trace} into {@code dir} as {@code base.strace}, or {@code base-2.strace}, ... whichever is free. */
    static Path write(Path dir, String base, Trace trace) throws IOException {
        Files.createDirectories(dir);
        byte[] text = TracePrinter.print(trace).getBytes(StandardCharsets.UTF_8);
        for (int n = 1; ; n++) {
            Path p = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".strace");
            try {
                Files.write(p, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return p;
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
    }
}
