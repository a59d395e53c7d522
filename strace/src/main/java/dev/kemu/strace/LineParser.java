package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Parses one line of an strace log into a {@link TraceLine}. */
final class LineParser {

    private LineParser() {
    }

    static TraceLine parse(String source, int lineNo, String line, QuotingStats stats) {
        Cursor c = new Cursor(source, lineNo, line);
        if (line.isEmpty()) {
            return new Blank(lineNo);
        }
        if (line.charAt(0) == '#') {
            return new Comment(lineNo, line);
        }
        if (line.isBlank()) {
            throw c.error("line holds only white space; expected an empty line");
        }
        if (line.startsWith("---")) {
            return signal(c);
        }
        if (line.startsWith("+++")) {
            if (!line.startsWith("+++ ") || !line.endsWith(" +++") || line.length() < 9) {
                throw c.error("expected an exit line '+++ exited with N +++'");
            }
            return new ExitLine(lineNo, line);
        }
        rejectMultiProcess(c);
        return syscall(c, stats);
    }

    private static SignalLine signal(Cursor c) {
        String line = c.text;
        if (!line.startsWith("--- ") || !line.endsWith(" ---") || line.length() < 9) {
            throw c.error("expected a signal line '--- SIGNAME {...} ---'");
        }
        int i = 4;
        int end = line.length() - 4;
        while (i < end) {
            int wordEnd = i;
            while (wordEnd < end && line.charAt(wordEnd) != ' ') {
                wordEnd++;
            }
            if (line.startsWith("SIG", i) && wordEnd - i > 3) {
                return new SignalLine(c.lineNo, line.substring(i, wordEnd), line);
            }
            i = wordEnd + 1;
        }
        c.pos = 4;
        throw c.error("expected a signal name such as SIGPIPE");
    }

    private static void rejectMultiProcess(Cursor c) {
        String line = c.text;
        int i = 0;
        while (i < line.length() && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        boolean pid = i > 0 && i < line.length() && line.charAt(i) == ' ';
        if (pid || line.startsWith("[pid ") || line.startsWith("<... ") || line.endsWith("<unfinished ...>")) {
            throw c.error("traces of several threads or processes (strace -f: pids, <unfinished ...>, "
                    + "resumed>) are not supported");
        }
    }

    private static SyscallLine syscall(Cursor c, QuotingStats stats) {
        while (SyscallLine.isNamePart(c.peek())) {
            c.pos++;
        }
        if (c.pos == 0) {
            throw c.error(c.peek() == '(' ? "empty system call name" : "expected a system call name");
        }
        String name = c.text.substring(0, c.pos);
        if (!SyscallLine.isName(name)) {
            throw c.errorAt(0, "system call name '" + name + "' starts with a digit");
        }
        c.expect('(', "expected '(' after the system call name");
        ValueParser values = new ValueParser(c, stats);
        List<Arg> args = new ArrayList<>();
        if (c.peek() == ')') {
            c.pos++;
        } else {
            while (true) {
                args.add(values.value(0));
                if (c.peek() == ',') {
                    values.skipSeparator();
                } else if (c.peek() == ')') {
                    c.pos++;
                    break;
                } else {
                    throw c.error(c.atEnd() ? "unexpected end of line: expected ',' or ')' after argument"
                            : "expected ',' or ')' after argument");
                }
            }
        }
        if (c.peek() != ' ') {
            throw c.error("expected ' = ' and the result after ')'");
        }
        while (c.peek() == ' ') {
            c.pos++;
        }
        c.expect('=', "expected '=' and the result after the arguments");
        c.expect(' ', "expected ' ' after '='");
        Result result = result(c);
        return new SyscallLine(c.lineNo, name, args, result, c.text);
    }

    static Result result(Cursor c) {
        int start = c.pos;
        OptionalLong value;
        if (c.peek() == '?') {
            c.pos++;
            value = OptionalLong.empty();
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
        return new Result(value, errno, comment, c.text.substring(start));
    }
}
