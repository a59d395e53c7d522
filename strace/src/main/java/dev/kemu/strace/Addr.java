package dev.kemu.strace;

/**
 * A pointer printed as a hex address, {@code 0x4a6380}: strace prints the address instead of the contents when it
 * could not or did not fetch them (the buffer of a failed read, the struct of a failed fstat). An unsigned hex
 * literal is an {@code Addr}; a hex literal followed by a comment is a {@link Num}.
 *
 * @param value the address
 * @param raw the exact source text, or null when built by code
 */
public record Addr(long value, String raw) implements Arg {

    /**
     * An address built by code, printed as {@code 0x} and lower-case hex digits.
     *
     * @param value the address
     * @return the address
     */
    public static Addr of(long value) {
        return new Addr(value, null);
    }

    /**
     * This value without raw text, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Addr withoutRaw() {
        return raw == null ? this : new Addr(value, null);
    }
}
