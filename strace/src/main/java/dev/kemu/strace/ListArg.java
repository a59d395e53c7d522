package dev.kemu.strace;

import java.util.List;

/**
 * A bracketed list: the fds filled in by pipe ({@code [3, 4]}), a value behind a pointer such as the offset of
 * splice ({@code [5000]}), an empty array ({@code []}) or an iovec array
 * ({@code [{iov_base="\x48", iov_len=1}, {iov_base=NULL, iov_len=0}]}).
 *
 * @param items the items in order
 * @param raw the exact source text, or null when built by code
 */
public record ListArg(List<Arg> items, String raw) implements Arg {

    /**
     * Copies the item list.
     *
     * @param items the items in order
     * @param raw the exact source text, or null when built by code
     */
    public ListArg {
        items = List.copyOf(items);
    }

    /**
     * A list built by code.
     *
     * @param items the items
     * @return the list
     */
    public static ListArg of(Arg... items) {
        return new ListArg(List.of(items), null);
    }

    /**
     * One item.
     *
     * @param index the 0-based index
     * @return the item
     * @throws IndexOutOfBoundsException if there is no such item
     */
    public Arg get(int index) {
        return items.get(index);
    }

    /**
     * The number of items.
     *
     * @return the size
     */
    public int size() {
        return items.size();
    }

    /**
     * This value without raw text, also in its items, so that it compares equal to the same value
     * built by code and is printed in strace's canonical form.
     *
     * @return the value without raw text
     */
    @Override
    public ListArg withoutRaw() {
        return new ListArg(items.stream().map(Arg::withoutRaw).toList(), null);
    }
}
