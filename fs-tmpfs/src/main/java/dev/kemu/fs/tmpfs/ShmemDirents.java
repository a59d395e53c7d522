package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Inode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tmpfs directory's names with their directory offsets ({@code fs/libfs.c:struct offset_ctx},
 * {@code simple_offset_add()}, {@code simple_offset_remove()}, 6.6 onwards): each new name takes
 * the next offset from 2 up, "." and ".." being 0 and 1, and listing goes by offset. Changed and
 * read under the directory's inode lock.
 *
 * <p>Deliberate divergence: offsets are never reused (the kernel's cyclic allocator wraps only
 * after 2^31 names); before 6.6 tmpfs listed through {@code dcache_readdir}, newest first, which
 * is not modelled here.
 */
final class ShmemDirents {
    /** {@code DIR_OFFSET_MIN}. */
    static final long OFFSET_MIN = 2;

    /** One name: its inode and its offset. */
    record Entry(String name, Inode inode, long offset) {
    }

    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private long nextOffset = OFFSET_MIN;

    synchronized Inode get(String name) {
        Entry e = byName.get(name);
        return e == null ? null : e.inode();
    }

    /** {@code simple_offset_add}: the name gets the next offset. */
    synchronized void add(String name, Inode inode) {
        byName.put(name, new Entry(name, inode, nextOffset++));
    }

    /** Points an existing name at another inode, keeping its offset ({@code simple_offset_rename_exchange}). */
    synchronized void replace(String name, Inode inode) {
        Entry e = byName.get(name);
        byName.put(name, new Entry(name, inode, e.offset()));
    }

    synchronized void remove(String name) {
        byName.remove(name);
    }

    synchronized boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The names at offsets {@code from} and beyond, by offset. */
    synchronized List<Entry> from(long from) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : byName.values()) {
            if (e.offset() >= from) {
                out.add(e);
            }
        }
        out.sort(java.util.Comparator.comparingLong(Entry::offset));
        return out;
    }
}
