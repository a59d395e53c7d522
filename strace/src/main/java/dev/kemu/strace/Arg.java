package dev.kemu.strace;

/**
 * One value on a system call line: an argument, a list item or a struct field value.
 *
 * <p>Every value keeps {@code raw}, its exact source text (including a trailing {@code /* ... *}{@code /}
 * comment), or null when it was built by code. {@link TracePrinter#formatArg(Arg)} prints {@code raw} when present
 * and otherwise formats the value the way strace would.
 */
public sealed interface Arg permits Num, Sym, Str, Addr, Null, ListArg, StructArg, Changed, Named {

    /**
     * The exact source text of this value.
     *
     * @return the text, or null when the value was built by code
     */
    String raw();

    /**
     * This value without raw text, also in nested values. Record equality includes {@code raw}, so a parsed value
     * equals a value built by code only after this.
     *
     * @return the value without raw text
     */
    Arg withoutRaw();
}
