package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A finished system call, {@code name(arg, ...) = result}, as strace prints it (strace src/syscall.c).
 *
 * <p>{@code raw} is the exact source line when the line was parsed (with its pid, time and duration); {@link
 * TracePrinter} prints it unchanged so a parsed trace prints back byte for byte. {@link #withArg(int, Arg)} and
 * {@link #withResult(Result)} drop it, so the line is formatted again from its parts (the other arguments keep their
 * own raw text, the stamp its prefix).
 *
 * <p>A call that another process interrupted in the log ({@code read(3,  <unfinished ...>} ... {@code <... read
 * resumed>"", 10) = 0}) becomes one {@code SyscallLine} through {@link CallJoiner}: {@code lineNo} is where it
 * started, {@code endLineNo} where it completed, and {@code raw} is null. For a call on one line both are the same.
 *
 * <p>A line that is strace output but whose arguments this parser cannot give structure to has a non-null
 * {@code opaque}: the reason, and one {@link Sym} argument holding the whole argument text.
 *
 * @param lineNo the 1-based line number where the call starts, 0 when built by code
 * @param name the system call name, e.g. {@code pread64}
 * @param args the arguments in order
 * @param result what the call returned
 * @param raw the exact source line, or null when built by code or joined
 * @param stamp pid, time and duration
 * @param endLineNo the 1-based line number where the result stands, 0 when built by code
 * @param opaque why the arguments are one opaque item, or null when they are parsed
 */
public record SyscallLine(int lineNo, String name, List<Arg> args, Result result, String raw, Stamp stamp,
        int endLineNo, String opaque) implements TraceLine {

    /**
     * Copies the argument list and checks the name.
     *
     * @param lineNo the 1-based line number where the call starts, 0 when built by code
     * @param name the system call name, e.g. {@code pread64}
     * @param args the arguments in order
     * @param result what the call returned
     * @param raw the exact source line, or null when built by code or joined
     * @param stamp pid, time and duration
     * @param endLineNo the 1-based line number where the result stands, 0 when built by code
     * @param opaque why the arguments are one opaque item, or null when they are parsed
     */
    public SyscallLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(stamp, "stamp");
        args = List.copyOf(args);
        if (!isName(name)) {
            throw new IllegalArgumentException("not a system call name: '" + name + "'");
        }
        if (lineNo < 0 || endLineNo < lineNo) {
            throw new IllegalArgumentException("bad line numbers " + lineNo + ".." + endLineNo);
        }
        if (raw != null && raw.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a system call line is one line");
        }
    }

    /**
     * A call on one line without pid or time.
     *
     * @param lineNo the 1-based line number, 0 when built by code
     * @param name the system call name, e.g. {@code pread64}
     * @param args the arguments in order
     * @param result what the call returned
     * @param raw the exact source line, or null when built by code
     */
    public SyscallLine(int lineNo, String name, List<Arg> args, Result result, String raw) {
        this(lineNo, name, args, result, raw, Stamp.NONE, lineNo, null);
    }

    /**
     * A line built by code (no raw text).
     *
     * @param lineNo the line number, 0 if none
     * @param name the system call name
     * @param args the arguments
     * @param result the result
     */
    public SyscallLine(int lineNo, String name, List<Arg> args, Result result) {
        this(lineNo, name, args, result, null);
    }

    /**
     * A line built by code, with line number 0.
     *
     * @param name the system call name
     * @param result the result
     * @param args the arguments
     * @return the line
     */
    public static SyscallLine of(String name, Result result, Arg... args) {
        return new SyscallLine(0, name, List.of(args), result, null);
    }

    /**
     * One argument.
     *
     * @param index the 0-based argument index
     * @return the argument
     * @throws IndexOutOfBoundsException if there is no such argument
     */
    public Arg arg(int index) {
        return args.get(index);
    }

    /**
     * This line with another result; the line text is formatted again.
     *
     * @param newResult the result
     * @return the new line
     */
    public SyscallLine withResult(Result newResult) {
        return new SyscallLine(lineNo, name, args, newResult, null, stamp, endLineNo, opaque);
    }

    /**
     * This line with one argument replaced; the line text is formatted again, the other arguments keep their
     * raw text.
     *
     * @param index the 0-based argument index
     * @param arg the new argument
     * @return the new line
     * @throws IndexOutOfBoundsException if there is no such argument
     */
    public SyscallLine withArg(int index, Arg arg) {
        Objects.requireNonNull(arg, "arg");
        List<Arg> copy = new ArrayList<>(args);
        copy.set(index, arg);
        return new SyscallLine(lineNo, name, copy, result, null, stamp, endLineNo, opaque);
    }

    /**
     * This line without its raw text, so that it is printed from its parts.
     *
     * @return the new line
     */
    public SyscallLine withoutRaw() {
        return raw == null ? this : new SyscallLine(lineNo, name, args, result, null, stamp, endLineNo, opaque);
    }

    /**
     * Whether the arguments were given structure.
     *
     * @return true when {@link #opaque()} is null
     */
    public boolean isParsed() {
        return opaque == null;
    }

    /**
     * The name strace prints for a call it could not identify ({@code ???( <unfinished ...>}): the task was killed as
     * it entered the call, so the call never ran.
     */
    public static final String UNNAMED = "???";

    static boolean isName(String s) {
        if (s.equals(UNNAMED)) {
            return true;
        }
        if (s.isEmpty() || !isNameStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isNamePart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
