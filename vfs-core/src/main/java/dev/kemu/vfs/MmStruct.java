package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A task's address space ({@code include/linux/mm_types.h:struct mm_struct}): its mappings,
 * sorted by address and never overlapping, and its heap ({@code brk}).
 *
 * <p>Threads share one; the model's {@code fork} gives the child a copy of the mapping list whose
 * private pages are shared with the parent (no copy on write across the fork: a divergence).
 * Everything is guarded by {@link #lock()} ({@code mmap_lock}, taken for writing by every change
 * and for the page walk of {@link #userMemory}); page contents follow the package's page rules.
 */
public final class MmStruct {
    private final ReentrantLock lock = new ReentrantLock();
    @GuardedBy("lock")
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    /** Files whose mapping went away under the lock; their references are dropped after it ({@link #unlockAndPut}). */
    @GuardedBy("lock")
    private final List<File> deferredPuts = new ArrayList<>();
    @GuardedBy("lock")
    private long startBrk;
    @GuardedBy("lock")
    private long brk;

    /** {@code mmap_lock}. */
    public ReentrantLock lock() {
        return lock;
    }

    /** The mappings in address order (a snapshot), as {@code /proc/self/maps} lists them. */
    public List<Vma> vmas() {
        lock.lock();
        try {
            return new ArrayList<>(vmas.values());
        } finally {
            lock.unlock();
        }
    }

    /** {@code find_vma_intersection(addr, addr + 1)}: the mapping holding {@code addr}, or null. Lock held. */
    Vma findLocked(long addr) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(addr);
        return e != null && e.getValue().end > addr ? e.getValue() : null;
    }

    /** True when {@code [start, end)} touches no mapping. Lock held. */
    boolean isFreeLocked(long start, long end) {
        Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
        return below == null || below.getValue().end <= start;
    }

    /** True when every page of {@code [start, end)} is mapped. Lock held. */
    boolean isMappedLocked(long start, long end) {
        long at = start;
        while (at < end) {
            Vma v = findLocked(at);
            if (v == null) {
                return false;
            }
            at = v.end;
        }
        return true;
    }

    /** Adds a mapping over free room; takes a file reference for it. Lock held. */
    void insertLocked(Vma v) {
        if (v.file != null) {
            v.file.get();
        }
        vmas.put(v.start, v);
    }

    /**
     * {@code do_vmi_munmap}: removes {@code [start, end)}, splitting the mappings it cuts; each
     * mapping that goes drops its file reference. Lock held.
     */
    void unmapLocked(long start, long end) {
        List<Vma> hit = new ArrayList<>();
        Map.Entry<Long, Vma> e = vmas.lowerEntry(end);
        while (e != null && e.getValue().end > start) {
            hit.add(e.getValue());
            e = vmas.lowerEntry(e.getKey());
        }
        for (Vma v : hit) {
            vmas.remove(v.start);
            if (v.start < start) {
                insertLocked(v.slice(v.start, start));
            }
            if (v.end > end) {
                insertLocked(v.slice(end, v.end));
            }
            if (v.file == null || !v.shared) {
                for (long vpn = Math.max(v.start, start) >>> Page.SHIFT; vpn < Math.min(v.end, end) >>> Page.SHIFT; vpn++) {
                    v.anon.remove(vpn);
                }
            }
            if (v.file != null) {
                deferredPuts.add(v.file);
            }
        }
    }

    /**
     * Drops the lock, then the file references of mappings removed under it: a last
     * {@code fput} may evict an inode, which takes the inode's lock, and the inode lock comes
     * before {@code mmap_lock} (a write from mapped memory faults pages in with the inode locked).
     */
    void unlockAndPut() {
        List<File> puts = new ArrayList<>(deferredPuts);
        deferredPuts.clear();
        lock.unlock();
        puts.forEach(File::put);
    }

    /** Takes {@code v} out without touching its pages (it is about to be put back changed). Lock held. */
    void removeLocked(Vma v) {
        vmas.remove(v.start);
        if (v.file != null) {
            deferredPuts.add(v.file);
        }
    }

    /** Replaces the mapping starting at {@code v.start} (same range, same backing). Lock held. */
    void replaceLocked(Vma v) {
        vmas.put(v.start, v);
    }

    /**
     * {@code get_unmapped_area}: {@code hint} when the room there is free and inside user space,
     * else the highest free room below {@link Mman#MMAP_BASE} (top-down), or 0 when none.
     * Lock held.
     */
    long unmappedAreaLocked(long hint, long len) {
        if (hint != 0) {
            hint = Math.max(Mman.pageAlign(hint), Mman.MMAP_MIN_ADDR);
            if (hint + len <= Mman.TASK_SIZE && isFreeLocked(hint, hint + len)) {
                return hint;
            }
        }
        long top = Mman.MMAP_BASE;
        while (top - len >= Mman.MMAP_MIN_ADDR) {
            long start = top - len;
            Map.Entry<Long, Vma> below = vmas.lowerEntry(top);
            if (below == null || below.getValue().end <= start) {
                return start;
            }
            top = below.getValue().start;
        }
        return 0;
    }

    /** {@code mm->start_brk}, set on first use. Lock held. */
    long startBrkLocked() {
        if (startBrk == 0) {
            startBrk = Mman.DEFAULT_START_BRK;
            brk = startBrk;
        }
        return startBrk;
    }

    long brkLocked() {
        startBrkLocked();
        return brk;
    }

    void setBrkLocked(long newBrk) {
        brk = newBrk;
    }

    /**
     * Places the heap at {@code start} (the address the recording machine's {@code brk(NULL)}
     * answered), before any {@code brk} call of the task.
     */
    public void setStartBrk(long start) {
        lock.lock();
        try {
            startBrk = start;
            brk = start;
        } finally {
            lock.unlock();
        }
    }

    /** A copy for a forked child: the same mappings, each holding its own file reference. */
    MmStruct copy() {
        MmStruct c = new MmStruct();
        lock.lock();
        try {
            for (Vma v : vmas.values()) {
                c.insertLocked(v.slice(v.start, v.end));
            }
            c.startBrk = startBrk;
            c.brk = brk;
        } finally {
            lock.unlock();
        }
        return c;
    }

    /** Drops every mapping ({@code exit_mmap}). */
    public void exitMmap() {
        lock.lock();
        try {
            unmapLocked(0, Mman.TASK_SIZE);
        } finally {
            unlockAndPut();
        }
    }

    /**
     * The task's memory at {@code [addr, addr + len)} as a {@link UserBuffer}: the pages are those
     * the mappings hold ({@code get_user_pages}): page-cache pages for a file mapping, a private
     * copy for a written private one, zeroed pages for anonymous memory. A byte is accessible when
     * its mapping allows the access ({@code PROT_READ}, or {@code PROT_WRITE} when {@code write}) and,
     * for a file, lies on a page inside the file (past it the kernel's fault is SIGBUS: EFAULT
     * for a system call). See {@link UserMemory}.
     */
    public UserMemory userMemory(long addr, long len, boolean write) {
        if (len < 0 || len > Integer.MAX_VALUE || addr < 0 || addr + len > Mman.TASK_SIZE) {
            return new UserMemory(Errno.EFAULT.neg(), UserBuffer.allocate(0));
        }
        int offset = (int) (addr & (Page.SIZE - 1));
        long base = addr - offset;
        lock.lock();
        try {
            int accessible = 0;
            while (accessible < len) {
                long at = addr + accessible;
                if (fault(at, write, false) == null) {
                    break;
                }
                accessible = (int) Math.min(len, ((at >>> Page.SHIFT) + 1 << Page.SHIFT) - addr);
            }
            UserBuffer buf = UserBuffer.mapped(offset, (int) len, i -> {
                lock.lock();
                try {
                    Page p = fault(base + ((long) i << Page.SHIFT), write, true);
                    return p != null ? p : Page.allocAnon();
                } finally {
                    lock.unlock();
                }
            }, accessible);
            return new UserMemory(accessible < len ? Errno.EFAULT.neg() : 0, buf);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code handle_mm_fault} for one address: the page there, or null for a fault (unmapped, not
     * permitted, past the end of the file). With {@code populate} false only the check is made.
     * Lock held.
     */
    private Page fault(long addr, boolean write, boolean populate) {
        Vma v = findLocked(addr);
        if (v == null) {
            return null;
        }
        // x86: PROT_WRITE and PROT_EXEC imply readable pages.
        boolean readable = (v.prot & (Mman.PROT_READ | Mman.PROT_WRITE | Mman.PROT_EXEC)) != 0;
        if (write ? (v.prot & Mman.PROT_WRITE) == 0 : !readable) {
            return null;
        }
        long vpn = addr >>> Page.SHIFT;
        if (v.file == null) {
            return populate ? v.anon.computeIfAbsent(vpn, k -> Page.allocAnon()) : Page.allocAnon();
        }
        Page cow = v.anon.get(vpn);
        if (cow != null) {
            return cow;
        }
        long index = v.fileIndex(addr);
        Inode inode = v.file.inode();
        if (index >= (inode.size() + Page.SIZE - 1) >>> Page.SHIFT) {
            return null;
        }
        if (!populate) {
            return Page.allocAnon();
        }
        Page[] pagep = new Page[1];
        if (inode.mapping().readCachePage(v.file, index, pagep) < 0) {
            return null;
        }
        Page page = pagep[0];
        if (write && !v.shared) {
            Page copy = Page.allocAnon();
            System.arraycopy(page.data(), 0, copy.data(), 0, Page.SIZE);
            v.anon.put(vpn, copy);
            return copy;
        }
        if (write) {
            page.setDirty();
        }
        return page;
    }
}
