package dev.kemu.strace;

import java.util.Objects;

/**
 * An argument printed with its name, as strace prints the arguments of clone:
 * {@code clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f...)} (strace
 * src/clone.c:SYS_FUNC(clone), {@code tprints_arg_name()}).
 *
 * @param name the argument name, e.g. {@code flags}
 * @param value the value
 * @param raw the exact source text, or null when built by code
 */
public record Named(String name, Arg value, String raw) implements Arg {

    /**
     * Checks the parts.
     *
     * @param name the argument name
     * @param value the value
     * @param raw the exact source text, or null when built by code
     */
    public Named {
        Objects.requireNonNull(value, "value");
        if (!SyscallLine.isName(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("not an argument name: '" + name + "'");
        }
    }

    /**
     * A named argument built by code.
     *
     * @param name the name
     * @param value the value
     * @return the argument
     */
    public static Named of(String name, Arg value) {
        return new Named(name, value, null);
    }

    @Override
    public Named withoutRaw() {
        return new Named(name, value.withoutRaw(), null);
    }
}
