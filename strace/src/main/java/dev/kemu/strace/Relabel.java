package dev.kemu.strace;

/**
 * A line of one {@code strace -ff} file as {@code strace -f -o FILE} would have written it: the pid before the
 * rest of the line, left-justified in five columns and a space (strace src/strace.c:printleader()), and the line's
 * number in the merged log. The raw text gets the same pid, so the line prints as {@code -f} prints it.
 */
final class Relabel {

    private Relabel() {
    }

    /**
     * The line with a pid and a new number. A line that has a pid already keeps it; comments, empty lines and dump
     * rows have none to take.
     *
     * @param line the line, numbered in its own file
     * @param pid the pid of the file
     * @param lineNo the number in the merged log
     * @return the line
     */
    static TraceLine of(TraceLine line, int pid, int lineNo) {
        if (line instanceof Comment c) {
            return new Comment(lineNo, c.text());
        }
        if (line instanceof Blank) {
            return new Blank(lineNo);
        }
        if (line instanceof DumpLine d) {
            return new DumpLine(lineNo, d.text());
        }
        Stamp old = line.stamp();
        String pfx = old.pid() == 0 ? String.format("%-5d ", pid) : "";
        Stamp stamp = pfx.isEmpty() ? old
                : new Stamp(pid, old.clock(), old.time(), old.duration(), pfx + old.prefix(), old.suffix());
        if (line instanceof SignalLine s) {
            return new SignalLine(lineNo, s.signal(), s.text(), stamp);
        }
        if (line instanceof ExitLine e) {
            return new ExitLine(lineNo, e.text(), stamp);
        }
        if (line instanceof SyscallLine s) {
            return new SyscallLine(lineNo, s.name(), s.args(), s.result(), raw(pfx, s.raw()), stamp, lineNo, s.opaque());
        }
        if (line instanceof UnfinishedLine u) {
            return new UnfinishedLine(lineNo, u.name(), u.args(), stamp, raw(pfx, u.raw()));
        }
        ResumedLine r = (ResumedLine) line;
        return new ResumedLine(lineNo, r.name(), r.args(), r.result(), r.vanished(), r.changesLast(), stamp,
                raw(pfx, r.raw()));
    }

    private static String raw(String pfx, String raw) {
        return raw == null ? null : pfx + raw;
    }
}
