package dev.kemu.vfs;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The index of a page cache, in the manner of the kernel's {@code xarray} ({@code lib/xarray.c}):
 * pages are kept in chunks of 512 slots, the chunks in an ordered map, so that looking up or
 * inserting a page costs an array access once its chunk is found, and the last chunk used is
 * remembered for sequential access.
 *
 * <p>Memory ordering: a chunk is published by {@code putIfAbsent} into the concurrent map and
 * never removed until {@link #clear()} (truncation empties slots, it does not drop chunks), so a
 * chunk remembered in {@link #last} is always the one in the map. Slots are
 * {@link AtomicReferenceArray} elements: a page is published by a compare-and-set from null and
 * read with volatile semantics, so a reader that finds a page sees it fully constructed.
 */
final class PageTree {
    private static final int SHIFT = 9;
    private static final int SLOTS = 1 << SHIFT;
    private static final int MASK = SLOTS - 1;

    /** A chunk and its index, remembered together. */
    private record Chunk(long index, AtomicReferenceArray<Page> slots) {
    }

    private final ConcurrentSkipListMap<Long, AtomicReferenceArray<Page>> chunks = new ConcurrentSkipListMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile Chunk last;

    private AtomicReferenceArray<Page> chunk(long chunkIndex, boolean create) {
        Chunk c = last;
        if (c != null && c.index() == chunkIndex) {
            return c.slots();
        }
        AtomicReferenceArray<Page> slots = chunks.get(chunkIndex);
        if (slots == null) {
            if (!create) {
                return null;
            }
            slots = chunks.computeIfAbsent(chunkIndex, k -> new AtomicReferenceArray<>(SLOTS));
        }
        last = new Chunk(chunkIndex, slots);
        return slots;
    }

    Page get(long index) {
        AtomicReferenceArray<Page> slots = chunk(index >>> SHIFT, false);
        return slots == null ? null : slots.get((int) (index & MASK));
    }

    /** Inserts {@code page} at {@code index} unless a page is there; returns the page that was there, or null. */
    Page putIfAbsent(long index, Page page) {
        AtomicReferenceArray<Page> slots = chunk(index >>> SHIFT, true);
        int i = (int) (index & MASK);
        if (slots.compareAndSet(i, null, page)) {
            count.incrementAndGet();
            return null;
        }
        return slots.get(i);
    }

    /** Removes every page at index {@code first} or later; returns how many. */
    int removeFrom(long first) {
        return removeRange(first, Long.MAX_VALUE);
    }

    /** Removes the pages with index in {@code [first, end)}; returns how many there were. */
    int removeRange(long first, long end) {
        int removed = 0;
        for (Map.Entry<Long, AtomicReferenceArray<Page>> e : chunks.tailMap(first >>> SHIFT, true).entrySet()) {
            long base = e.getKey() << SHIFT;
            if (base >= end) {
                break;
            }
            AtomicReferenceArray<Page> slots = e.getValue();
            int stop = (int) Math.min(SLOTS, end - base);
            for (int i = (int) Math.max(0, first - base); i < stop; i++) {
                if (slots.getAndSet(i, null) != null) {
                    removed++;
                }
            }
        }
        count.addAndGet(-removed);
        return removed;
    }

    int size() {
        return count.get();
    }

    /** Drops everything (the inode is gone). */
    void clear() {
        chunks.clear();
        last = null;
        count.set(0);
    }

    /** The cached pages at index {@code from} or later, in index order: a snapshot. */
    NavigableMap<Long, Page> snapshotFrom(long from) {
        TreeMap<Long, Page> out = new TreeMap<>();
        for (Map.Entry<Long, AtomicReferenceArray<Page>> e : chunks.tailMap(from >>> SHIFT, true).entrySet()) {
            long base = e.getKey() << SHIFT;
            AtomicReferenceArray<Page> slots = e.getValue();
            for (int i = 0; i < SLOTS; i++) {
                Page p = slots.get(i);
                if (p != null && base + i >= from) {
                    out.put(base + i, p);
                }
            }
        }
        return out;
    }
}
