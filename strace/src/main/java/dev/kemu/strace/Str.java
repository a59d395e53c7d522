package dev.kemu.strace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A quoted string: the bytes strace read from the traced process (a path, the data of a read or write), printed as
 * described in {@link Quoting}. When the data was longer than the {@code -s} limit strace prints only the first
 * bytes and appends {@code ...} after the closing quote: {@code "abc"...}; then {@code truncated} is true.
 *
 * <p>The byte array is copied on the way in and on the way out.
 *
 * @param bytes the bytes shown between the quotes
 * @param truncated whether strace cut the string short ({@code "..."...})
 * @param quoting the escaping style, used when the string is formatted from its bytes
 * @param raw the exact source text including the quotes, or null when built by code
 */
public record Str(byte[] bytes, boolean truncated, Quoting quoting, String raw) implements Arg {

    /**
     * Copies the bytes.
     *
     * @param bytes the bytes shown between the quotes
     * @param truncated whether strace cut the string short ({@code "..."...})
     * @param quoting the escaping style, used when the string is formatted from its bytes
     * @param raw the exact source text including the quotes, or null when built by code
     */
    public Str {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
        Objects.requireNonNull(quoting, "quoting");
    }

    /**
     * A string built by code.
     *
     * @param bytes the bytes
     * @param quoting the escaping style
     * @return the string, not truncated
     */
    public static Str of(byte[] bytes, Quoting quoting) {
        return new Str(bytes, false, quoting, null);
    }

    /**
     * A string of ASCII text built by code, e.g. a path.
     *
     * @param text the text; each char becomes one byte (ISO-8859-1)
     * @param quoting the escaping style
     * @return the string, not truncated
     */
    public static Str of(String text, Quoting quoting) {
        return new Str(text.getBytes(StandardCharsets.ISO_8859_1), false, quoting, null);
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes shown between the quotes
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The array itself, for read-only use inside this package. */
    byte[] bytesUnsafe() {
        return bytes;
    }

    /**
     * The number of bytes.
     *
     * @return the length
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The bytes as ISO-8859-1 text (one char per byte), handy for paths.
     *
     * @return the text
     */
    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /**
     * This string with other bytes, in the same quoting, not truncated; for re-emitting a line with new data.
     *
     * @param newBytes the bytes
     * @return the new string (no raw text)
     */
    public Str withBytes(byte[] newBytes) {
        return new Str(newBytes, false, quoting, null);
    }

    /**
     * This string in another quoting, without raw text.
     *
     * @param newQuoting the escaping style
     * @return the new string
     */
    public Str withQuoting(Quoting newQuoting) {
        return new Str(bytes, truncated, newQuoting, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Str s && truncated == s.truncated && quoting == s.quoting
                && Arrays.equals(bytes, s.bytes) && Objects.equals(raw, s.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), truncated, quoting, raw);
    }

    @Override
    public String toString() {
        int shown = Math.min(bytes.length, 64);
        return "Str[" + StraceString.quote(bytes, shown, shown < bytes.length || truncated, quoting)
                + ", length=" + bytes.length + ", truncated=" + truncated + ", quoting=" + quoting
                + (raw == null ? "" : ", raw") + "]";
    }

    /**
     * This value without raw text, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Str withoutRaw() {
        return raw == null ? this : new Str(bytes, truncated, quoting, null);
    }
}
