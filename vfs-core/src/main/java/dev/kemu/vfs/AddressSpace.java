package dev.kemu.vfs;

import dev.kemu.vfs.spi.AddressSpaceOperations;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The page cache of one inode ({@code include/linux/fs.h:struct address_space}, with
 * {@code mm/filemap.c} lookups).
 *
 * <p>Pages are kept in an ordered map keyed by index (the kernel's {@code i_pages} xarray).
 * Insertion and removal are atomic map operations; page contents are changed by writers that
 * hold the host inode's lock. A page removed by truncation stays valid for whoever still
 * references it (a pipe buffer), exactly as a page with an elevated refcount survives
 * {@code truncate_inode_pages} in the kernel.
 */
public final class AddressSpace {
    private final Inode host;
    private final PageTree pages = new PageTree();
    private final AddressSpaceOperations aops;

    AddressSpace(Inode host, AddressSpaceOperations aops) {
        this.host = host;
        this.aops = aops;
    }

    public Inode host() {
        return host;
    }

    public AddressSpaceOperations aops() {
        return aops;
    }

    /** {@code find_get_page()}: the cached page at {@code index}, or null. */
    public Page findGetPage(long index) {
        return pages.get(index);
    }

    /**
     * {@code grab_cache_page_write_begin()}: the cached page at {@code index}, created (not up to
     * date) if absent.
     */
    public Page grabCachePage(long index) {
        Page p = pages.get(index);
        if (p != null) {
            return p;
        }
        Page fresh = Page.forMapping(this, index);
        Page raced = pages.putIfAbsent(index, fresh);
        if (raced == null) {
            KernelStats.add(KernelStats.Counter.PAGE_CACHE_PAGES, 1);
        }
        return raced != null ? raced : fresh;
    }

    /**
     * {@code read_cache_page()} / the {@code filemap_read} slow path: the page at {@code index},
     * read in through {@link AddressSpaceOperations#readFolio} when it is not up to date.
     *
     * @param pagep receives the page
     * @return 0 or a negated errno from the filesystem
     */
    public int readCachePage(File file, long index, Page[] pagep) {
        Page p = grabCachePage(index);
        if (!p.isUptodate()) {
            synchronized (p) {
                if (!p.isUptodate()) {
                    int err = aops.readFolio(file, p);
                    if (err < 0) {
                        return err;
                    }
                    p.setUptodate();
                }
            }
        }
        pagep[0] = p;
        return 0;
    }

    /** {@code truncate_inode_pages_range()} from byte {@code start} on: drops whole pages past it, zeroes the tail of the partial one. */
    public void truncateFrom(long start) {
        long first = (start + Page.SIZE - 1) >>> Page.SHIFT;
        int dropped = pages.removeFrom(first);
        KernelStats.add(KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED, dropped);
        int partial = (int) (start & (Page.SIZE - 1));
        if (partial != 0) {
            Page p = pages.get(start >>> Page.SHIFT);
            if (p != null) {
                java.util.Arrays.fill(p.data(), partial, Page.SIZE, (byte) 0);
            }
        }
    }

    /**
     * {@code truncate_inode_pages_range(mapping, lstart, lend)} ({@code truncate_pagecache_range}
     * for a hole punched in {@code [lstart, lend]}, both inclusive): drops the pages wholly inside,
     * zeroes the covered part of a cached page the range starts or ends in (the filesystem dirties
     * it if the zeros must reach its storage). A dropped page stays valid for whoever still
     * references it (a pipe buffer).
     */
    public void truncateRange(long lstart, long lend) {
        long firstWhole = (lstart + Page.SIZE - 1) >>> Page.SHIFT;
        long endWhole = (lend + 1) >>> Page.SHIFT;
        if (endWhole > firstWhole) {
            int dropped = pages.removeRange(firstWhole, endWhole);
            KernelStats.add(KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED, dropped);
        }
        long startIdx = lstart >>> Page.SHIFT;
        long endIdx = lend >>> Page.SHIFT;
        if ((lstart & (Page.SIZE - 1)) != 0 || startIdx == endIdx && ((lend + 1) & (Page.SIZE - 1)) != 0) {
            zeroInPage(startIdx, (int) (lstart & (Page.SIZE - 1)), startIdx == endIdx ? (int) (lend & (Page.SIZE - 1)) + 1 : Page.SIZE);
        }
        if (endIdx != startIdx && ((lend + 1) & (Page.SIZE - 1)) != 0) {
            zeroInPage(endIdx, 0, (int) (lend & (Page.SIZE - 1)) + 1);
        }
    }

    private void zeroInPage(long index, int from, int to) {
        Page p = pages.get(index);
        if (p != null && p.isUptodate()) {
            java.util.Arrays.fill(p.data(), from, to, (byte) 0);
        }
    }

    /** Number of pages cached ({@code nrpages}). */
    public int nrPages() {
        return pages.size();
    }

    /**
     * The cached pages in index order, for writeback and SEEK_DATA: a snapshot taken now (pages
     * added or dropped later are not in it). Callers that need it stable hold the inode lock.
     */
    public NavigableMap<Long, Page> pages() {
        return java.util.Collections.unmodifiableNavigableMap(pages.snapshotFrom(0));
    }

    /** Removes every cached page (inode eviction). */
    void clear() {
        KernelStats.add(KernelStats.Counter.PAGE_CACHE_PAGES_DROPPED, pages.size());
        pages.clear();
    }

    @Override
    public String toString() {
        return "mapping(ino " + host.ino() + ", " + pages.size() + " pages)";
    }

    /** Entries with index at least {@code from}, in index order (a snapshot), for writeback. */
    public Iterable<Map.Entry<Long, Page>> from(long from) {
        return pages.snapshotFrom(from).entrySet();
    }
}
