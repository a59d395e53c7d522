package dev.kemu.vfs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One mapping of a task's address space ({@code include/linux/mm_types.h:struct vm_area_struct}):
 * {@code [start, end)}, its protection, shared or private, and what backs it.
 *
 * <p>A file mapping ({@code file} non-null) reads the file's page-cache pages: a shared one
 * writes into them too; a private one gets its own copy of a page on the first write (copy on
 * write), kept in {@code anon}. An anonymous mapping's pages are all in {@code anon}, allocated
 * zeroed on first touch. Pages are indexed by their page number in the address space, so a
 * split or a move keeps them.
 *
 * <p>Guarded by the owning {@link MmStruct}'s lock ({@code mmap_lock}); page contents follow
 * the page rules of the package.
 */
public final class Vma {
    final long start;
    final long end;
    final int prot;
    final boolean shared;
    /** {@code VM_MAYWRITE}: mprotect may add PROT_WRITE (not for a shared mapping of a file opened read-only). */
    final boolean mayWrite;
    final File file;
    /** {@code vm_pgoff}: the file page mapped at {@code start}. */
    final long pgoff;
    /** Private pages by virtual page number: copies made on write, or an anonymous mapping's memory. */
    final Map<Long, Page> anon;

    Vma(long start, long end, int prot, boolean shared, boolean mayWrite, File file, long pgoff, Map<Long, Page> anon) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.shared = shared;
        this.mayWrite = mayWrite;
        this.file = file;
        this.pgoff = pgoff;
        this.anon = anon;
    }

    static Vma anonymous(long start, long end, int prot, boolean shared) {
        return new Vma(start, end, prot, shared, true, null, 0, new ConcurrentHashMap<>());
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public int prot() {
        return prot;
    }

    public boolean shared() {
        return shared;
    }

    /** The page of the file the mapping starts at ({@code vm_pgoff}); 0 for anonymous memory. */
    public long pgoff() {
        return pgoff;
    }

    /** The mapped file, or null for anonymous memory. */
    public File file() {
        return file;
    }

    /** The file page at address {@code addr}. */
    long fileIndex(long addr) {
        return pgoff + ((addr - start) >>> Page.SHIFT);
    }

    /** The part {@code [from, to)} of this mapping, with the same backing (a split, {@code __split_vma}). */
    Vma slice(long from, long to) {
        long off = file == null ? 0 : pgoff + ((from - start) >>> Page.SHIFT);
        return new Vma(from, to, prot, shared, mayWrite, file, off, anon);
    }

    /** The mapping grown or shrunk to end at {@code newEnd} (same start and backing). */
    Vma withEnd(long newEnd) {
        return new Vma(start, newEnd, prot, shared, mayWrite, file, pgoff, anon);
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, shared, mayWrite, file, pgoff, anon);
    }

    /** The mapping moved to {@code newStart} ({@code move_vma}): private pages follow. */
    Vma movedTo(long newStart, long newEnd) {
        Map<Long, Page> moved = new ConcurrentHashMap<>();
        long delta = (newStart - start) >>> Page.SHIFT;
        anon.forEach((vpn, p) -> {
            if (vpn >= start >>> Page.SHIFT && vpn < end >>> Page.SHIFT) {
                moved.put(vpn + delta, p);
            }
        });
        return new Vma(newStart, newEnd, prot, shared, mayWrite, file, pgoff, moved);
    }

    @Override
    public String toString() {
        return String.format("%x-%x %s%s%s%s %s", start, end, (prot & Mman.PROT_READ) != 0 ? "r" : "-",
                (prot & Mman.PROT_WRITE) != 0 ? "w" : "-", (prot & Mman.PROT_EXEC) != 0 ? "x" : "-", shared ? "s" : "p",
                file == null ? "[anon]" : file.toString());
    }
}
