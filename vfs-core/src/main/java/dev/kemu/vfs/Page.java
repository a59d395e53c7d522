package dev.kemu.vfs;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One 4 KiB page of memory with identity ({@code include/linux/mm_types.h:struct page}).
 *
 * <p>A page is a shared mutable object: the page cache holds it, and a pipe buffer filled by
 * splice holds a <em>reference</em> to the very same object. Whoever writes the page later is
 * seen by every holder; this is the mechanism behind every surprising result the model
 * reproduces (the 3.10 same-page skip, Dirty Pipe, tee aliasing). Never copy a page where the
 * kernel takes a reference.
 *
 * <p>Memory ordering: the data array is written by the holder of the owning inode's lock (page
 * cache) or by the owning task (user pages) and read without a lock, as the kernel reads page
 * contents; readers that need a consistent view synchronize through the lock that published the
 * page (the pipe mutex, the inode lock).
 */
public final class Page {
    /** PAGE_SIZE on x86-64. */
    public static final int SIZE = 4096;
    public static final int SHIFT = 12;

    private static final AtomicInteger IDS = new AtomicInteger();

    private final byte[] data = new byte[SIZE];
    private final int id = IDS.incrementAndGet();
    private final AddressSpace mapping;
    private final long index;
    private volatile boolean uptodate;
    private volatile boolean dirty;

    private Page(AddressSpace mapping, long index) {
        this.mapping = mapping;
        this.index = index;
    }

    /** A page-cache page of {@code mapping} at {@code index}; not yet up to date. */
    static Page forMapping(AddressSpace mapping, long index) {
        return new Page(mapping, index);
    }

    /** An anonymous page (a pipe's private page, a task's user memory): {@code alloc_page()}. */
    public static Page allocAnon() {
        Page p = new Page(null, 0);
        p.uptodate = true;
        return p;
    }

    /** The bytes of the page; the array is the page (callers write into it under the owner's lock). */
    public byte[] data() {
        return data;
    }

    /** A stable id for traces and debugging ({@code pfn} in spirit). */
    public int id() {
        return id;
    }

    /** The page cache this page belongs to, or null for anonymous pages. */
    public AddressSpace mapping() {
        return mapping;
    }

    /** The page's index in its file, in pages. */
    public long index() {
        return index;
    }

    public boolean isUptodate() {
        return uptodate;
    }

    public void setUptodate() {
        uptodate = true;
    }

    public boolean isDirty() {
        return dirty;
    }

    /** {@code set_page_dirty()}. */
    public void setDirty() {
        dirty = true;
    }

    /** {@code clear_page_dirty_for_io()}. */
    public void clearDirty() {
        dirty = false;
    }

    @Override
    public String toString() {
        return mapping == null ? "page#" + id + "(anon)"
                : "page#" + id + "(ino " + mapping.host().ino() + ", index " + index + ")";
    }
}
