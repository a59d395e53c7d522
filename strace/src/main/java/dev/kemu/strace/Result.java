package dev.kemu.strace;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The text after {@code = } on a system call line (strace src/syscall.c:syscall_exiting_trace()):
 * <ul>
 *   <li>{@code 3}: a value;</li>
 *   <li>{@code 0x8001 (flags O_WRONLY|O_LARGEFILE)}: a value with a comment (fcntl F_GETFL and F_GETFD results are
 *       printed in hex, see {@link #ofFlags(long, String)});</li>
 *   <li>{@code -1 EBADF (Bad file descriptor)}: an error, value -1 with the errno name and its text;</li>
 *   <li>{@code ? ERESTARTSYS (To be restarted if SA_RESTART is set)}: no value (the call was interrupted);</li>
 *   <li>{@code ?}: no value at all (e.g. exit_group);</li>
 *   <li>{@code ? <unavailable>}: strace could not fetch the result (the process was gone);</li>
 *   <li>{@code 3</tmp/x>}, {@code 3<TCP:[8706]>}: a descriptor with its {@code -y} decoration (see
 *       {@link Num#decoration()});</li>
 *   <li>{@code 1 ([{fd=3, revents=POLLIN}])}, {@code 0 (Timeout)}: a value with what the call wrote, as a
 *       comment.</li>
 * </ul>
 * The {@code -T} duration after the result belongs to the line's {@link Stamp}.
 *
 * @param value the returned value, empty for {@code ?}
 * @param errno the errno name such as {@code EBADF}, or null
 * @param comment the text in parentheses at the end, without the parentheses, or null
 * @param raw the exact source text after {@code "= "}, or null when built by code
 * @param decoration the text inside the {@code <...>} after a returned descriptor, or null
 * @param unavailable whether strace printed {@code ? <unavailable>}
 */
public record Result(OptionalLong value, String errno, String comment, String raw, String decoration,
        boolean unavailable) {

    /**
     * Checks the parts.
     *
     * @param value the returned value, empty for {@code ?}
     * @param errno the errno name such as {@code EBADF}, or null
     * @param comment the text in parentheses at the end, without the parentheses, or null
     * @param raw the exact source text after {@code "= "}, or null when built by code
     * @param decoration the text inside the {@code <...>} after a returned descriptor, or null
     * @param unavailable whether strace printed {@code ? <unavailable>}
     */
    public Result {
        Objects.requireNonNull(value, "value");
        if (unavailable && value.isPresent()) {
            throw new IllegalArgumentException("an unavailable result has no value");
        }
        if (errno != null && !SyscallLine.isName(errno)) {
            throw new IllegalArgumentException("not an errno name: '" + errno + "'");
        }
        if (comment != null && comment.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a result comment is one line");
        }
        if (raw != null && raw.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a result is one line");
        }
    }

    /**
     * A result without decoration.
     *
     * @param value the returned value, empty for {@code ?}
     * @param errno the errno name such as {@code EBADF}, or null
     * @param comment the text in parentheses at the end, without the parentheses, or null
     * @param raw the exact source text after {@code "= "}, or null when built by code
     */
    public Result(OptionalLong value, String errno, String comment, String raw) {
        this(value, errno, comment, raw, null, false);
    }

    /**
     * A successful result, {@code = 3}.
     *
     * @param value the value
     * @return the result
     */
    public static Result ofValue(long value) {
        return new Result(OptionalLong.of(value), null, null, null);
    }

    /**
     * A failed call, {@code = -1 EBADF (Bad file descriptor)}.
     *
     * @param name the errno name
     * @param text its description (strerror), or null to leave out the parentheses
     * @return the result
     */
    public static Result ofErrno(String name, String text) {
        return new Result(OptionalLong.of(-1), Objects.requireNonNull(name, "name"), text, null);
    }

    /**
     * An interrupted call, {@code = ? ERESTARTSYS (To be restarted if SA_RESTART is set)}.
     *
     * @param name the errno name, e.g. {@code ERESTARTSYS}
     * @param text its description, or null
     * @return the result
     */
    public static Result interrupted(String name, String text) {
        return new Result(OptionalLong.empty(), Objects.requireNonNull(name, "name"), text, null);
    }

    /**
     * A call without a return value, {@code = ?}.
     *
     * @return the result
     */
    public static Result unknown() {
        return new Result(OptionalLong.empty(), null, null, null);
    }

    /**
     * A flags value as fcntl F_GETFL/F_GETFD return it, {@code = 0x8001 (flags O_WRONLY|O_LARGEFILE)}. Results whose
     * comment starts with {@code "flags "} are formatted in hex like strace does (and 0 as {@code 0}, like C's
     * {@code %#lx}).
     *
     * @param value the flags value
     * @param flags the decoded flags, e.g. {@code O_WRONLY|O_LARGEFILE}
     * @return the result
     */
    public static Result ofFlags(long value, String flags) {
        return new Result(OptionalLong.of(value), null, "flags " + Objects.requireNonNull(flags, "flags"), null);
    }

    /**
     * Whether the call failed (an errno is present, also for {@code ? ERESTARTSYS}).
     *
     * @return true for an error result
     */
    public boolean isError() {
        return errno != null;
    }

    /**
     * Whether the result is printed in hex: a flags comment, as for fcntl F_GETFL.
     *
     * @return true for hex formatting
     */
    public boolean isHex() {
        return errno == null && comment != null && comment.startsWith("flags ");
    }

    /**
     * This result without its raw text.
     *
     * @return the result, formatted from its parts when printed
     */
    public Result withoutRaw() {
        return raw == null ? this : new Result(value, errno, comment, null, decoration, unavailable);
    }
}
