package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Inode;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * A tmpfs directory's names with their directory offsets ({@code fs/libfs.c:struct offset_ctx},
 * {@code simple_offset_add()}, {@code simple_offset_remove()}, {@code offset_dir_lookup()}), as
 * 6.14 onwards keeps them: each new name takes the next offset from {@code DIR_OFFSET_MIN} (3)
 * up, and listing walks the directory's {@code d_children} list, where a new or moved name goes
 * to the head: newest first. Changed and read under the directory's inode lock.
 *
 * <p>Deliberate divergences: offsets are never reused (the kernel's cyclic allocator wraps only
 * after {@code DIR_OFFSET_MAX}); 6.6 to 6.13 listed by offset (oldest first) and earlier kernels
 * through {@code dcache_readdir}, which the model does not tell apart.
 */
final class ShmemDirents {
    /** {@code DIR_OFFSET_FIRST}: the position after "." and "..", meaning "from the first child". */
    static final long OFFSET_FIRST = 2;
    /** {@code DIR_OFFSET_MIN}. */
    static final long OFFSET_MIN = 3;
    /** {@code DIR_OFFSET_EOD}: the position past the last name. */
    static final long OFFSET_EOD = Integer.MAX_VALUE;

    /** One name: its inode and its offset. */
    record Entry(String name, Inode inode, long offset) {
    }

    /** {@code d_children}: the head is the newest name. */
    private final LinkedList<Entry> children = new LinkedList<>();
    private long nextOffset = OFFSET_MIN;

    private Entry find(String name) {
        for (Entry e : children) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    synchronized Inode get(String name) {
        Entry e = find(name);
        return e == null ? null : e.inode();
    }

    /** {@code simple_offset_add} and {@code d_alloc}: the name gets the next offset and goes to the head. */
    synchronized void add(String name, Inode inode) {
        children.addFirst(new Entry(name, inode, nextOffset++));
    }

    /**
     * {@code simple_offset_rename_exchange} and {@code d_exchange}: the name keeps its offset,
     * now for {@code inode}, and moves to the head.
     */
    synchronized void exchange(String name, Inode inode) {
        Entry e = find(name);
        children.remove(e);
        children.addFirst(new Entry(name, inode, e.offset()));
    }

    synchronized void remove(String name) {
        children.remove(find(name));
    }

    synchronized boolean isEmpty() {
        return children.isEmpty();
    }

    /**
     * {@code offset_dir_lookup} and the walk after it: from the head for {@code DIR_OFFSET_FIRST};
     * else from the name with the largest offset at or below {@code pos}, or from the head when
     * there is none ({@code find_positive_dentry} of a NULL start); nothing at
     * {@code DIR_OFFSET_EOD}.
     */
    synchronized List<Entry> from(long pos) {
        if (pos >= OFFSET_EOD) {
            return List.of();
        }
        int start = 0;
        if (pos != OFFSET_FIRST) {
            Entry best = null;
            for (Entry e : children) {
                if (e.offset() <= pos && e.offset() >= OFFSET_MIN && (best == null || e.offset() > best.offset())) {
                    best = e;
                }
            }
            start = best == null ? 0 : children.indexOf(best);
        }
        return new ArrayList<>(children.subList(start, children.size()));
    }
}
