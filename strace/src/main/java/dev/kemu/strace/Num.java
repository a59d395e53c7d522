package dev.kemu.strace;

/**
 * A number: decimal ({@code 3}, {@code -1}), octal ({@code 0644}) or a hex number with a comment
 * ({@code 0x100 /* SPLICE_F_??? *}{@code /}, strace's way to print unknown flag bits).
 *
 * <p>strace prints unsigned kernel values such as {@code size_t} and {@code loff_t} pointed to by a pointer as unsigned
 * decimals ({@code 18446744073709551615}); they are stored as the 64-bit two's complement value (-1). Formatted
 * from code, a number is printed as a signed decimal.
 *
 * @param value the value
 * @param raw the exact source text, or null when built by code
 */
public record Num(long value, String raw) implements Arg {

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
        return raw == null ? this : new Num(value, null);
    }
}
