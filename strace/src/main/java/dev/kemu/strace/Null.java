package dev.kemu.strace;

/**
 * A null pointer, printed by strace as {@code NULL}.
 *
 * @param raw the exact source text, or null when built by code
 */
public record Null(String raw) implements Arg {

    /**
     * A null pointer built by code.
     *
     * @return the value
     */
    public static Null of() {
        return new Null(null);
    }

    /**
     * This value without raw text, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Null withoutRaw() {
        return raw == null ? this : new Null(null);
    }
}
