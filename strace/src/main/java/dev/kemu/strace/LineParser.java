package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Parses one line of an strace log into a {@link TraceLine}: the {@link Stamp} prefix (see {@link StampParser}),
 * then the body: a signal, an exit, a resumed call, or a call that is complete or unfinished.
 */
final class LineParser {

    private static final String UNFINISHED = "<unfinished ...>";
    private static final String RESUMED = " resumed>";

    private LineParser() {
    }

    static TraceLine parse(String source, int lineNo, String line, QuotingStats stats) {
        if (line.isEmpty()) {
            return new Blank(lineNo);
        }
        if (line.charAt(0) == '#') {
            return new Comment(lineNo, line);
        }
        if (line.charAt(0) == ' ' && DumpLine.isDump(line)) {
            return new DumpLine(lineNo, line);
        }
        if (line.isBlank()) {
            throw new Cursor(source, lineNo, line).error("line holds only white space; expected an empty line");
        }
        StampParser sp = new StampParser(source, lineNo, line);
        int body = sp.parsePrefix();
        if (line.startsWith("---", body)) {
            Stamp stamp = sp.stamp(line.length());
            return signal(new Cursor(source, lineNo, line), body, stamp);
        }
        if (line.startsWith("+++", body)) {
            String text = line.substring(body);
            if (!text.startsWith("+++ ") || !text.endsWith(" +++") || text.length() < 9) {
                throw new Cursor(source, lineNo, line).errorAt(body, "expected an exit line '+++ exited with N +++'");
            }
            return new ExitLine(lineNo, text, sp.stamp(line.length()));
        }
        int end = sp.parseSuffix();
        Stamp stamp = sp.stamp(end);
        Cursor c = new Cursor(source, lineNo, line.substring(0, end));
        c.pos = body;
        if (line.startsWith("<... ", body) && !line.startsWith("<... resuming ", body)) {
            return resumed(c, stamp, stats, line);
        }
        return syscall(c, stamp, stats, line);
    }

    private static SignalLine signal(Cursor c, int body, Stamp stamp) {
        String line = c.text.substring(body);
        if (!line.startsWith("--- ") || !line.endsWith(" ---") || line.length() < 9) {
            throw c.errorAt(body, "expected a signal line '--- SIGNAME {...} ---'");
        }
        int i = 4;
        int end = line.length() - 4;
        while (i < end) {
            int wordEnd = i;
            while (wordEnd < end && line.charAt(wordEnd) != ' ') {
                wordEnd++;
            }
            if (line.startsWith("SIG", i) && wordEnd - i > 3) {
                return new SignalLine(c.lineNo, line.substring(i, wordEnd), line, stamp);
            }
            i = wordEnd + 1;
        }
        throw c.errorAt(body + 4, "expected a signal name such as SIGPIPE");
    }

    private static String name(Cursor c) {
        int start = c.pos;
        if (c.startsWith(SyscallLine.UNNAMED + "(") || c.startsWith(SyscallLine.UNNAMED + " resumed>")) {
            // strace could not tell which call a task entered (it was killed on the way in).
            c.pos += SyscallLine.UNNAMED.length();
            return SyscallLine.UNNAMED;
        }
        while (SyscallLine.isNamePart(c.peek())) {
            c.pos++;
        }
        if (c.pos == start) {
            throw c.error(c.peek() == '(' ? "empty system call name" : "expected a system call name");
        }
        String name = c.text.substring(start, c.pos);
        if (!SyscallLine.isName(name)) {
            throw c.errorAt(start, "system call name '" + name + "' starts with a digit");
        }
        return name;
    }

    private static TraceLine resumed(Cursor c, Stamp stamp, QuotingStats stats, String line) {
        c.pos += 5;
        String name = name(c);
        if (!c.startsWith(RESUMED)) {
            throw c.error("expected ' resumed>' after '<... " + name + "'");
        }
        c.pos += RESUMED.length();
        boolean vanished = false;
        if (c.startsWith(" " + UNFINISHED + ")")) {
            c.pos += UNFINISHED.length() + 1;
            vanished = true;
        }
        ValueParser values = new ValueParser(c, stats);
        List<Arg> args = new ArrayList<>();
        boolean changesLast = false;
        if (!vanished && c.startsWith(" => ")) {
            c.pos += 4;
            changesLast = true;
            args.add(values.value(0));
            if (c.peek() != ',' && c.peek() != ')') {
                throw c.error("expected ',' or ')' after argument");
            }
        }
        if (c.peek() == ',') {
            values.skipSeparator();
        }
        if (changesLast && c.peek() == ')') {
            c.pos++;
        } else if (!args(c, values, args, false)) {
            throw c.error("unexpected '<unfinished ...>' in a resumed call");
        }
        Result result = resultAfterArgs(c);
        return new ResumedLine(c.lineNo, name, args, result, vanished, changesLast, stamp, line);
    }

    private static TraceLine syscall(Cursor c, Stamp stamp, QuotingStats stats, String line) {
        String name = name(c);
        c.expect('(', "expected '(' after the system call name");
        int open = c.pos - 1;
        ValueParser values = new ValueParser(c, stats);
        List<Arg> args = new ArrayList<>();
        boolean complete;
        try {
            complete = args(c, values, args, true);
        } catch (TraceFormatException e) {
            SyscallLine opaque = opaque(c, open, name, stamp, line, e);
            if (opaque == null) {
                throw e;
            }
            return opaque;
        }
        if (!complete) {
            return new UnfinishedLine(c.lineNo, name, args, stamp, line);
        }
        Result result = resultAfterArgs(c);
        return new SyscallLine(c.lineNo, name, args, result, line, stamp, c.lineNo, null);
    }

    /**
     * Reads arguments up to and including the closing ')'.
     *
     * @return true when the ')' was read, false for an unfinished call ({@code <unfinished ...>} ends the line)
     */
    private static boolean args(Cursor c, ValueParser values, List<Arg> args, boolean mayBeUnfinished) {
        if (c.peek() == ')') {
            c.pos++;
            return true;
        }
        if (mayBeUnfinished && unfinishedHere(c, 1)) {
            return false;
        }
        while (true) {
            if (mayBeUnfinished && unfinishedHere(c, 0)) {
                return false;
            }
            args.add(values.value(0));
            if (c.peek() == ',') {
                values.skipSeparator();
            } else if (c.peek() == ')') {
                c.pos++;
                return true;
            } else if (mayBeUnfinished && unfinishedHere(c, 1)) {
                return false;
            } else {
                throw c.error(c.atEnd() ? "unexpected end of line: expected ',' or ')' after argument"
                        : "expected ',' or ')' after argument");
            }
        }
    }

    /** Whether the line ends with {@code <unfinished ...>} after {@code spaces} spaces at the cursor. */
    private static boolean unfinishedHere(Cursor c, int spaces) {
        for (int i = 0; i < spaces; i++) {
            if (c.peek(i) != ' ') {
                return false;
            }
        }
        int at = c.pos + spaces;
        return c.text.startsWith(UNFINISHED, at) && at + UNFINISHED.length() == c.text.length();
    }

    /**
     * A call whose arguments are well formed (brackets balanced, strings valid) but juxtapose words in a way the
     * value grammar does not know ({@code A B} where strace may print {@code A or B}, terminal flags): one opaque
     * {@link Sym} argument with the reason. Only a word may follow the space: numbers or brackets side by side
     * ({@code 10 0}) stay an error, strace never writes them.
     */
    private static SyscallLine opaque(Cursor c, int open, String name, Stamp stamp, String line,
            TraceFormatException e) {
        int at = e.column() - 1;
        if (e.lineNo() != c.lineNo || at + 1 >= c.text.length() || c.text.charAt(at) != ' ') {
            return null;
        }
        if (!SyscallLine.isNameStart(c.text.charAt(at + 1))) {
            return null;
        }
        int end;
        try {
            end = new ValueParser(c, new QuotingStats()).balancedEnd(open, null);
        } catch (TraceFormatException unbalanced) {
            return null;
        }
        c.pos = end;
        Result result;
        try {
            result = resultAfterArgs(c);
        } catch (TraceFormatException badResult) {
            return null;
        }
        String text = c.text.substring(open + 1, end - 1);
        List<Arg> args = text.isEmpty() ? List.of() : List.of(new Sym(text, text));
        return new SyscallLine(c.lineNo, name, args, result, line, stamp, c.lineNo, e.detail() + " (column "
                + e.column() + ")");
    }

    private static Result resultAfterArgs(Cursor c) {
        if (c.peek() != ' ') {
            throw c.error("expected ' = ' and the result after ')'");
        }
        while (c.peek() == ' ') {
            c.pos++;
        }
        c.expect('=', "expected '=' and the result after the arguments");
        c.expect(' ', "expected ' ' after '='");
        return result(c);
    }

    static Result result(Cursor c) {
        int start = c.pos;
        OptionalLong value;
        if (c.peek() == '?') {
            c.pos++;
            value = OptionalLong.empty();
            if (c.startsWith(" <unavailable>") && c.pos + 14 == c.text.length()) {
                c.pos += 14;
                return new Result(value, null, null, c.text.substring(start), null, true);
            }
        } else if (c.peek() == '-' || (c.peek() >= '0' && c.peek() <= '9')) {
            int numStart = c.pos;
            c.pos++;
            while (SyscallLine.isNamePart(c.peek())) {
                c.pos++;
            }
            String t = c.text.substring(numStart, c.pos);
            if (!Numbers.isNumber(t)) {
                throw c.errorAt(numStart, "bad number '" + t + "' in the result");
            }
            value = OptionalLong.of(Numbers.parse(t, c, numStart));
        } else {
            throw c.error("expected a number or '?' after '= '");
        }
        String decoration = null;
        if (c.peek() == '<' && value.isPresent()) {
            decoration = new ValueParser(c, new QuotingStats()).decoration();
        }
        String errno = null;
        if (c.peek() == ' ' && c.peek(1) >= 'A' && c.peek(1) <= 'Z') {
            c.pos++;
            int errStart = c.pos;
            while (SyscallLine.isNamePart(c.peek())) {
                c.pos++;
            }
            errno = c.text.substring(errStart, c.pos);
        }
        String comment = null;
        if (c.startsWith(" (")) {
            if (!c.text.endsWith(")")) {
                throw c.errorAt(c.text.length(), "expected ')' at the end of the result comment");
            }
            comment = c.text.substring(c.pos + 2, c.text.length() - 1);
            c.pos = c.text.length();
        }
        if (!c.atEnd()) {
            throw c.error("unexpected text after the result");
        }
        return new Result(value, errno, comment, c.text.substring(start), decoration, false);
    }
}
