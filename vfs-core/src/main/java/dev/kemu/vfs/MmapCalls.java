package dev.kemu.vfs;

import static dev.kemu.vfs.Mman.*;

import dev.kemu.vfs.spi.FileOperations;

/**
 * mmap, munmap, mprotect, mremap, msync, madvise and brk on a task's {@link MmStruct}
 * ({@code arch/x86/kernel/sys_x86_64.c:SYSCALL_DEFINE6(mmap)}, {@code mm/mmap.c:ksys_mmap_pgoff()},
 * {@code do_mmap()}, {@code do_vmi_munmap()}, {@code mm/mprotect.c:do_mprotect_pkey()},
 * {@code mm/mremap.c}, {@code mm/msync.c}, {@code mm/madvise.c}, {@code mm/mmap.c:brk}).
 *
 * <p>Deliberate divergences: no {@code RLIMIT_AS}/{@code max_map_count} (ENOMEM), no noexec
 * mounts (EPERM), no file seals, no swap files (ETXTBSY), no hugetlb; {@code MAP_POPULATE},
 * {@code MAP_LOCKED} and the like are accepted and change nothing; pages are faulted in when a
 * system call touches them.
 */
final class MmapCalls {
    private MmapCalls() {
    }

    /**
     * {@code mmap}: {@code at} is where the mapping goes when the caller already knows it (the
     * address a recorded run got; as MAP_FIXED, whatever was there is unmapped), or -1 to let
     * the model choose ({@code get_unmapped_area}).
     */
    static long mmap(Task task, long at, long addr, long len, int prot, int flags, int fd, long off) {
        // SYSCALL_DEFINE6(mmap): the offset must be page aligned before anything else.
        if (unaligned(off)) {
            return Errno.EINVAL.neg();
        }
        File file = null;
        if ((flags & MAP_ANONYMOUS) == 0) {
            file = FdCalls.fdget(task, fd);
            if (file == null) {
                return Errno.EBADF.neg();
            }
        }
        try {
            return doMmap(task, file, at, addr, len, prot, flags, off >>> Page.SHIFT);
        } finally {
            if (file != null) {
                file.put();
            }
        }
    }

    private static long doMmap(Task task, File file, long at, long addr, long len, int prot, int flags, long pgoff) {
        if (len == 0) {
            return Errno.EINVAL.neg();
        }
        len = pageAlign(len);
        if (len == 0 || len < 0) {
            return Errno.ENOMEM.neg();
        }
        if (pgoff + (len >>> Page.SHIFT) < pgoff) {
            return Errno.EOVERFLOW.neg();
        }
        boolean fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            // __get_unmapped_area
            long start;
            if (fixed) {
                if (unaligned(addr)) {
                    return Errno.EINVAL.neg();
                }
                if (Long.compareUnsigned(addr, TASK_SIZE - len) > 0) {
                    return Errno.ENOMEM.neg();
                }
                start = addr;
            } else if (at >= 0) {
                start = at;
            } else {
                start = mm.unmappedAreaLocked(addr, len);
                if (start == 0) {
                    return Errno.ENOMEM.neg();
                }
            }
            if (at >= 0) {
                start = at;
            }
            boolean shared;
            boolean mayWrite = true;
            FileOperations.Mmap kind = FileOperations.Mmap.ANONYMOUS;
            int type = flags & MAP_TYPE;
            if (file != null) {
                // file_mmap_ok: the last page must be addressable as a file offset.
                long maxPages = (Long.MAX_VALUE - len) >>> Page.SHIFT;
                if (pgoff > maxPages) {
                    return Errno.EOVERFLOW.neg();
                }
                switch (type) {
                    case MAP_SHARED:
                    case MAP_SHARED_VALIDATE:
                        if (type == MAP_SHARED_VALIDATE && (flags & ~LEGACY_MAP_MASK) != 0) {
                            return Errno.EOPNOTSUPP.neg();
                        }
                        if ((prot & PROT_WRITE) != 0 && !file.canWrite()) {
                            return Errno.EACCES.neg();
                        }
                        shared = true;
                        mayWrite = file.canWrite();
                        if (!file.canRead()) {
                            return Errno.EACCES.neg();
                        }
                        break;
                    case MAP_PRIVATE:
                        if (!file.canRead()) {
                            return Errno.EACCES.neg();
                        }
                        shared = false;
                        break;
                    default:
                        return Errno.EINVAL.neg();
                }
                kind = file.fop().mmap();
                if (kind == FileOperations.Mmap.NONE) {
                    return Errno.ENODEV.neg();
                }
                if ((flags & MAP_GROWSDOWN) != 0) {
                    return Errno.EINVAL.neg();
                }
            } else {
                switch (type) {
                    case MAP_SHARED:
                    case MAP_SHARED_VALIDATE:
                        shared = true;
                        break;
                    case MAP_PRIVATE:
                        shared = false;
                        break;
                    default:
                        return Errno.EINVAL.neg();
                }
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && at < 0 && !mm.isFreeLocked(start, start + len)) {
                return Errno.EEXIST.neg();
            }
            // mmap_region: MAP_FIXED semantics, whatever was there goes.
            mm.unmapLocked(start, start + len);
            Vma v = kind == FileOperations.Mmap.FILEMAP
                    ? new Vma(start, start + len, prot, shared, mayWrite, file, pgoff, new java.util.concurrent.ConcurrentHashMap<>())
                    : Vma.anonymous(start, start + len, prot, shared);
            mm.insertLocked(v);
            return start;
        } finally {
            mm.unlockAndPut();
        }
    }

    /** {@code munmap}: EINVAL for an unaligned start, a range past user space or a length of 0. */
    static long munmap(Task task, long addr, long len) {
        if (unaligned(addr) || Long.compareUnsigned(addr, TASK_SIZE) > 0 || Long.compareUnsigned(len, TASK_SIZE - addr) > 0) {
            return Errno.EINVAL.neg();
        }
        len = pageAlign(len);
        if (len == 0) {
            return Errno.EINVAL.neg();
        }
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            mm.unmapLocked(addr, addr + len);
            return 0;
        } finally {
            mm.unlockAndPut();
        }
    }

    /**
     * {@code do_mprotect_pkey}: EINVAL (unaligned start, unknown bits), ENOMEM (a hole in the
     * range), EACCES (PROT_WRITE on a shared mapping of a file not opened for writing).
     */
    static long mprotect(Task task, long start, long len, int prot) {
        if ((prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP)) {
            return Errno.EINVAL.neg();
        }
        if (unaligned(start)) {
            return Errno.EINVAL.neg();
        }
        if (len == 0) {
            return 0;
        }
        len = pageAlign(len);
        long end = start + len;
        if (Long.compareUnsigned(end, start) <= 0) {
            return Errno.ENOMEM.neg();
        }
        if ((prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) != 0) {
            return Errno.EINVAL.neg();
        }
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            if (!mm.isMappedLocked(start, end)) {
                return Errno.ENOMEM.neg();
            }
            for (Vma v : mm.vmas()) {
                if (v.end > start && v.start < end && (prot & PROT_WRITE) != 0 && !v.mayWrite) {
                    return Errno.EACCES.neg();
                }
            }
            for (Vma v : mm.vmas()) {
                if (v.end <= start || v.start >= end) {
                    continue;
                }
                // Split off the parts outside the range, then change the rest.
                long from = Math.max(v.start, start);
                long to = Math.min(v.end, end);
                mm.removeLocked(v);
                if (v.start < from) {
                    mm.insertLocked(v.slice(v.start, from));
                }
                mm.insertLocked(v.slice(from, to).withProt(prot));
                if (to < v.end) {
                    mm.insertLocked(v.slice(to, v.end));
                }
            }
            return 0;
        } finally {
            mm.unlockAndPut();
        }
    }

    /**
     * {@code mremap} of a mapping: EINVAL (flags, unaligned address, new length 0, MREMAP_FIXED
     * without MREMAP_MAYMOVE), EFAULT (the old range is not inside one mapping), ENOMEM (cannot
     * grow in place and may not move). Shrinking unmaps the tail; growing extends in place when the
     * room after is free, else moves (the model chooses the new address, or {@code newAddr} with
     * MREMAP_FIXED).
     */
    static long mremap(Task task, long addr, long oldLen, long newLen, int flags, long newAddr) {
        if ((flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP)) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0) {
            return Errno.EINVAL.neg();
        }
        if (unaligned(addr)) {
            return Errno.EINVAL.neg();
        }
        oldLen = pageAlign(oldLen);
        newLen = pageAlign(newLen);
        if (newLen == 0) {
            return Errno.EINVAL.neg();
        }
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            if ((flags & MREMAP_FIXED) != 0) {
                if (unaligned(newAddr) || Long.compareUnsigned(newAddr, TASK_SIZE - newLen) > 0) {
                    return Errno.EINVAL.neg();
                }
                if (newAddr + newLen > addr && addr + oldLen > newAddr) {
                    return Errno.EINVAL.neg();
                }
                Vma v = mm.findLocked(addr);
                if (v == null || addr + oldLen > v.end) {
                    return Errno.EFAULT.neg();
                }
                return move(mm, v, addr, oldLen, newLen, newAddr);
            }
            if (oldLen >= newLen) {
                if (oldLen > newLen) {
                    mm.unmapLocked(addr + newLen, addr + oldLen);
                }
                return addr;
            }
            Vma v = mm.findLocked(addr);
            if (v == null || addr + oldLen > v.end) {
                return Errno.EFAULT.neg();
            }
            if (addr + oldLen == v.end && addr + newLen <= TASK_SIZE && mm.isFreeLocked(v.end, addr + newLen)) {
                mm.removeLocked(v);
                mm.insertLocked(v.withEnd(addr + newLen));
                return addr;
            }
            if ((flags & MREMAP_MAYMOVE) == 0) {
                return Errno.ENOMEM.neg();
            }
            long to = mm.unmappedAreaLocked(0, newLen);
            if (to == 0) {
                return Errno.ENOMEM.neg();
            }
            return move(mm, v, addr, oldLen, newLen, to);
        } finally {
            mm.unlockAndPut();
        }
    }

    private static long move(MmStruct mm, Vma v, long addr, long oldLen, long newLen, long to) {
        Vma part = v.slice(addr, addr + oldLen);
        Vma moved = part.movedTo(to, to + newLen);
        mm.unmapLocked(to, to + newLen);
        mm.insertLocked(moved);
        mm.unmapLocked(addr, addr + oldLen);
        return to;
    }

    /**
     * {@code msync}: EINVAL (flags, unaligned start, MS_ASYNC with MS_SYNC), ENOMEM (a hole in the
     * range, reported after the mapped parts are synced). MS_SYNC on a shared file mapping writes
     * the file back ({@code vfs_fsync_range}).
     */
    static long msync(Task task, long start, long len, int flags) {
        if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0) {
            return Errno.EINVAL.neg();
        }
        if (unaligned(start)) {
            return Errno.EINVAL.neg();
        }
        if ((flags & MS_ASYNC) != 0 && (flags & MS_SYNC) != 0) {
            return Errno.EINVAL.neg();
        }
        len = pageAlign(len);
        long end = start + len;
        if (Long.compareUnsigned(end, start) < 0) {
            return Errno.ENOMEM.neg();
        }
        if (end == start) {
            return 0;
        }
        MmStruct mm = task.mm();
        java.util.List<File> toSync = new java.util.ArrayList<>();
        boolean hole;
        mm.lock().lock();
        try {
            hole = !mm.isMappedLocked(start, end);
            for (Vma v : mm.vmas()) {
                if (v.end > start && v.start < end && v.file != null && v.shared && (flags & MS_SYNC) != 0) {
                    toSync.add(v.file.get());
                }
            }
        } finally {
            mm.unlockAndPut();
        }
        for (File f : toSync) {
            try {
                int err = f.fop().fsync(f);
                if (err < 0) {
                    return err;
                }
            } finally {
                f.put();
            }
        }
        return hole ? Errno.ENOMEM.neg() : 0;
    }

    /**
     * {@code madvise}: EINVAL (unaligned start, a length that wraps, an unknown advice), ENOMEM
     * (a hole). MADV_DONTNEED drops private pages (a private file mapping reads the file again,
     * anonymous memory reads zeros); other advice changes nothing in the model.
     */
    static long madvise(Task task, long start, long lenIn, int advice) {
        if (unaligned(start)) {
            return Errno.EINVAL.neg();
        }
        long len = pageAlign(lenIn);
        if (lenIn != 0 && len == 0) {
            return Errno.EINVAL.neg();
        }
        long end = start + len;
        if (Long.compareUnsigned(end, start) < 0) {
            return Errno.EINVAL.neg();
        }
        if (!knownAdvice(advice)) {
            return Errno.EINVAL.neg();
        }
        if (end == start) {
            return 0;
        }
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            if (!mm.isMappedLocked(start, end)) {
                return Errno.ENOMEM.neg();
            }
            if (advice == MADV_DONTNEED) {
                for (Vma v : mm.vmas()) {
                    if (v.end > start && v.start < end && !(v.shared && v.file != null)) {
                        for (long vpn = Math.max(v.start, start) >>> Page.SHIFT; vpn < Math.min(v.end, end) >>> Page.SHIFT; vpn++) {
                            if (!v.shared) {
                                v.anon.remove(vpn);
                            }
                        }
                    }
                }
            }
            return 0;
        } finally {
            mm.unlockAndPut();
        }
    }

    /** {@code madvise_behavior_valid} (6.18's list). */
    private static boolean knownAdvice(int advice) {
        switch (advice) {
            case 0: case 1: case 2: case 3: case 4: // NORMAL RANDOM SEQUENTIAL WILLNEED DONTNEED
            case 8: case 9: case 10: case 11: case 12: case 13: case 14: case 15: case 16: case 17: case 18:
            case 19: case 20: case 21: case 22: case 23: case 24: case 25: case 100: case 101: case 102: case 103:
                return true;
            default:
                return false;
        }
    }

    /**
     * {@code brk}: moves the end of the heap; answers the current end when {@code addr} is below
     * the heap's start, would overlap a mapping, or is past user space (Linux reports failure by
     * returning the unchanged break).
     */
    static long brk(Task task, long addr) {
        MmStruct mm = task.mm();
        mm.lock().lock();
        try {
            long start = mm.startBrkLocked();
            long old = mm.brkLocked();
            if (addr < start || addr >= TASK_SIZE) {
                return old;
            }
            long newEnd = pageAlign(addr);
            long oldEnd = pageAlign(old);
            if (newEnd > oldEnd) {
                if (!mm.isFreeLocked(oldEnd, newEnd)) {
                    return old;
                }
                mm.insertLocked(Vma.anonymous(oldEnd, newEnd, PROT_READ | PROT_WRITE, false));
            } else if (newEnd < oldEnd) {
                mm.unmapLocked(newEnd, oldEnd);
            }
            mm.setBrkLocked(addr);
            return addr;
        } finally {
            mm.unlockAndPut();
        }
    }
}
