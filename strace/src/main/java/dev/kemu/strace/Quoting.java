package dev.kemu.strace;

/**
 * How strace escapes the bytes of a string argument (strace src/util.c:string_quote(), options {@code -x},
 * {@code -xx} and {@code --strings-in-hex}). In every style the string is enclosed in double quotes; a truncated
 * string (longer than {@code -s}) is followed by {@code ...}.
 */
public enum Quoting {

    /**
     * No {@code -x}: printable ASCII (0x20..0x7e) as is, except {@code \"} and {@code \\}; {@code \t \n \v \f \r} as
     * letter escapes; every other byte in octal, with as few digits as needed ({@code \0}, {@code \10},
     * {@code \177}) unless the next byte is an octal digit, then with three ({@code \0001} for the bytes 0, '1').
     */
    DEFAULT,

    /**
     * {@code -x} ({@code --strings-in-hex=non-ascii}): if the string holds a byte that is neither printable ASCII
     * nor one of {@code \t \n \v \f \r}, every byte of it is printed as {@code \xNN}; otherwise it is printed as in
     * {@link #DEFAULT} (which then needs no octal escapes).
     */
    HEX_NONPRINTABLE,

    /** {@code -xx} ({@code --strings-in-hex=all}): every byte as {@code \xNN} with lower-case hex digits. */
    HEX_ALL,

    /**
     * {@code --strings-in-hex=non-ascii-chars}: like {@link #DEFAULT}, but each byte that needs a numeric escape is
     * printed as {@code \xNN} instead of octal; printable bytes stay as they are.
     */
    HEX_ESCAPES;

    /** The order in which a parser picks a quoting for a string that several quotings print the same way. */
    static final Quoting[] PREFERENCE = {DEFAULT, HEX_ALL, HEX_NONPRINTABLE, HEX_ESCAPES};

    int bit() {
        return 1 << ordinal();
    }
}
