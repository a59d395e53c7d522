package dev.kemu.vfs;

import java.util.List;

/** The result of {@code getdents64}: the bytes written (or a negated errno) and the entries. */
public record Getdents(long ret, List<Dirent64> entries) {
    public Getdents {
        entries = List.copyOf(entries);
        if (ret != entries.stream().mapToLong(Dirent64::reclen).sum() && !(ret < 0 && entries.isEmpty())) {
            throw new IllegalArgumentException("the byte count is the sum of the entries' lengths");
        }
    }

    static Getdents error(Errno e) {
        return new Getdents(e.neg(), List.of());
    }
}
