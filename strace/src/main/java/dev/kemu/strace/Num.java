package dev.kemu.strace;

/**
 * A number: decimal ({@code 3}, {@code -1}), octal ({@code 0644}) or a hex number with a comment
 * ({@code 0x100 /* SPLICE_F_??? *}{@code /}, strace's way to print unknown flag bits).
 *
 * <p>strace prints unsigned kernel values such as {@code size_t} and {@code loff_t} pointed to by a pointer as unsigned
 * decimals ({@code 18446744073709551615}); they are stored as the 64-bit two's complement value (-1). Formatted
 * from code, a number is printed as a signed decimal.
 *
 * <p>With {@code -y}/{@code -yy} strace decorates descriptors with what they refer to: {@code 3</tmp/a>},
 * {@code 3<pipe:[123]>}, {@code 3<TCP:[127.0.0.1:53239]>}, {@code 1</dev/null<char 1:3>>}. The number stays a
 * {@code Num}; {@link #decoration()} is the text between the outer angle brackets, escapes as strace wrote them
 * (strace src/util.c:printfd(): {@code <}, {@code >} and unprintable bytes escaped as in a string), and
 * {@link #path()} the decoded path of a file. strace writes {@code 3</memfd:x>(deleted)} for a file that was
 * unlinked; its decoration is {@code /memfd:x (deleted)}, as {@code /proc/PID/fd} shows it.
 *
 * @param value the value
 * @param raw the exact source text, or null when built by code
 * @param decoration the {@code -y} decoration without the outer angle brackets, or null
 */
public record Num(long value, String raw, String decoration) implements Arg {

    /**
     * A number without decoration.
     *
     * @param value the value
     * @param raw the exact source text, or null when built by code
     */
    public Num(long value, String raw) {
        this(value, raw, null);
    }

    /**
     * The path of the file a decorated descriptor refers to.
     *
     * @return the path bytes as ISO-8859-1 text, without the {@code -yy} device part; empty when the decoration is
     *     missing or not a path ({@code pipe:[123]}, {@code TCP:[...]}); without a trailing {@code (deleted)}
     */
    public java.util.Optional<String> path() {
        return Decoration.path(decoration);
    }

    /**
     * A number built by code.
     *
     * @param value the value
     * @return the number
     */
    public static Num of(long value) {
        return new Num(value, null);
    }

    /**
     * This value without raw text, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Num withoutRaw() {
        return raw == null ? this : new Num(value, null, decoration);
    }
}
