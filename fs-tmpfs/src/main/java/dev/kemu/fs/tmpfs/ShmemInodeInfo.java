package dev.kemu.fs.tmpfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.vfs.Inode;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tmpfs part of a regular file's inode ({@code include/linux/shmem_fs.h:struct
 * shmem_inode_info}): which pages the file has allocated ({@code info->alloced}).
 *
 * <p>An allocated page is what {@code shmem_get_folio(SGP_WRITE)} created for a write: it
 * counts in {@code st_blocks} and is data for SEEK_DATA even if it holds zeros. A page the VFS
 * put in the page cache only to read a hole through {@code read_folio} is <em>not</em> allocated
 * here: Linux maps {@code ZERO_PAGE} for such reads and allocates nothing, so it must stay a hole.
 *
 * <p>The set changes under the inode's lock; {@link #nrAlloced()} is read without it.
 */
final class ShmemInodeInfo {
    @GuardedBy("Inode.lock()")
    private final NavigableSet<Long> alloced = new ConcurrentSkipListSet<>();
    private final AtomicLong nrAlloced = new AtomicLong();
    private final AtomicBoolean evicted = new AtomicBoolean();

    static ShmemInodeInfo of(Inode inode) {
        return (ShmemInodeInfo) inode.fsPrivate();
    }

    boolean isAlloced(long index) {
        return alloced.contains(index);
    }

    /** The first allocated page index at least {@code index}, or null. */
    Long nextAlloced(long index) {
        return alloced.ceiling(index);
    }

    /** Records that {@code write_begin} allocated page {@code index}; the caller charged it. */
    void markAllocedLocked(long index) {
        if (alloced.add(index)) {
            nrAlloced.incrementAndGet();
        }
    }

    /**
     * {@code shmem_undo_range} for whole pages from {@code index} on.
     *
     * @return the number of pages freed, to uncharge
     */
    long freeFromLocked(long index) {
        NavigableSet<Long> tail = alloced.tailSet(index, true);
        long n = 0;
        while (tail.pollFirst() != null) {
            n++;
        }
        nrAlloced.addAndGet(-n);
        return n;
    }

    /**
     * {@code shmem_undo_range} for the whole pages in {@code [first, end)}.
     *
     * @return the number of pages freed, to uncharge
     */
    long freeRangeLocked(long first, long end) {
        if (end <= first) {
            return 0;
        }
        NavigableSet<Long> range = alloced.subSet(first, true, end, false);
        long n = 0;
        while (range.pollFirst() != null) {
            n++;
        }
        nrAlloced.addAndGet(-n);
        return n;
    }

    /** Forgets page {@code index} (a failed fallocate giving back what it took). */
    void unmarkAllocedLocked(long index) {
        if (alloced.remove(index)) {
            nrAlloced.decrementAndGet();
        }
    }

    /** {@code info->alloced}: pages held, for {@code st_blocks}. */
    long nrAlloced() {
        return nrAlloced.get();
    }

    /** True the first time only: eviction frees the pages once. */
    boolean markEvicted() {
        return evicted.compareAndSet(false, true);
    }
}
