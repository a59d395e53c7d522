package dev.kemu.strace;

import java.util.Objects;

/**
 * A value that the call changed, printed by strace as {@code before => after}: e.g. the offset of sendfile on older
 * strace versions, {@code [0] => [100]}, or {@code msg_namelen=128 => 16} in a struct.
 *
 * @param before the value on entry to the call
 * @param after the value on exit
 * @param raw the exact source text, or null when built by code
 */
public record Changed(Arg before, Arg after, String raw) implements Arg {

    /**
     * Checks that both values are present.
     *
     * @param before the value on entry to the call
     * @param after the value on exit
     * @param raw the exact source text, or null when built by code
     */
    public Changed {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    /**
     * A changed value built by code.
     *
     * @param before the value on entry
     * @param after the value on exit
     * @return the value
     */
    public static Changed of(Arg before, Arg after) {
        return new Changed(before, after, null);
    }

    /**
     * This value without raw text, also in both values, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Changed withoutRaw() {
        return new Changed(before.withoutRaw(), after.withoutRaw(), null);
    }
}
