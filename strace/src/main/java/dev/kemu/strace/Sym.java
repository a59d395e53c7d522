package dev.kemu.strace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A symbolic constant or flag set: {@code AT_FDCWD}, {@code O_RDWR|O_CREAT|O_TRUNC}, {@code S_IFREG|0644},
 * {@code O_RDONLY|0x200000} (strace src/xlat.c:printflags() prints unknown bits as a hex number). Rarely it holds
 * shifts and parenthesized forms such as {@code 1<<20} or {@code makedev(0x8, 0x1)}. Inside a list, strace's
 * {@code ...} (more items not shown) is a {@code Sym} with text {@code ...}.
 *
 *
 * <p>strace constructs that have no type of their own are a {@code Sym} holding their text: signal sets
 * {@code [HUP INT]} and {@code ~[RTMIN RT_1]}, wait statuses {@code {WIFEXITED(s) && WEXITSTATUS(s) == 0}}, terminal
 * flags {@code {B38400 opost isig ...}}, {@code BTRFS_IOC_CLONE or FICLONE}, {@code 8192*1024},
 * {@code inet_addr("127.0.0.1")}, {@code restart_syscall}'s {@code <... resuming interrupted read ...>}, and any
 * bracketed group that is well formed but not a list or struct. With {@code -y}, {@code AT_FDCWD</tmp>} has a
 * {@link #decoration()} as a {@link Num} has.
 *
 * @param text the constant expression, without any trailing comment or decoration
 * @param raw the exact source text, or null when built by code
 * @param decoration the {@code -y} decoration without the outer angle brackets, or null
 */
public record Sym(String text, String raw, String decoration) implements Arg {

    /**
     * A constant without decoration.
     *
     * @param text the constant expression, without any trailing comment
     * @param raw the exact source text, or null when built by code
     */
    public Sym(String text, String raw) {
        this(text, raw, null);
    }

    /**
     * Checks that the text is not empty.
     *
     * @param text the constant expression, without any trailing comment
     * @param raw the exact source text, or null when built by code
     * @param decoration the {@code -y} decoration, or null
     */
    public Sym {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a constant is a non-empty single-line text");
        }
    }

    /**
     * A constant built by code.
     *
     * @param text the constant expression, e.g. {@code O_WRONLY|O_APPEND}
     * @return the constant
     */
    public static Sym of(String text) {
        return new Sym(text, null);
    }

    /**
     * The flags of a flag set: the text split at each {@code |} outside parentheses.
     *
     * @return e.g. {@code [O_RDWR, O_CREAT, O_TRUNC]}; one part for a single constant
     */
    public List<String> parts() {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return List.copyOf(parts);
    }

    /**
     * Whether the flag set contains the given flag.
     *
     * @param flag a flag name, e.g. {@code O_APPEND}
     * @return true if it is one of the {@link #parts()}
     */
    public boolean has(String flag) {
        return parts().contains(flag);
    }

    /**
     * This value without raw text, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public Sym withoutRaw() {
        return raw == null ? this : new Sym(text, null, decoration);
    }
}
