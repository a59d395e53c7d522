package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Mman;
import dev.kemu.vfs.Task;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * mknod and the memory-mapping calls on the host ({@code mknodat(2)}, {@code mmap(2)},
 * {@code munmap(2)}, {@code mprotect(2)}, {@code mremap(2)}, {@code msync(2)}, {@code madvise(2)}).
 *
 * <p>Addresses are the host's own: the JVM's address space is shared with everything else the
 * process runs, so MAP_FIXED, MAP_FIXED_NOREPLACE and an address hint are never passed on (the
 * host chooses, and a caller that replays a record translates between its addresses and these).
 * munmap, mprotect, mremap, msync and madvise act only on ranges this backend mapped; any other
 * range is refused (EACCES, recorded as a refusal). {@code brk} is not run on the host (the
 * JVM's heap break is not the program's): it answers the break unchanged, 0.
 */
final class MemCalls {
    private final Machine m;
    /** Ranges this backend mapped: start to end. */
    private final Map<Long, Long> owned = new ConcurrentSkipListMap<>();

    MemCalls(Machine m) {
        this.m = m;
    }

    long mknodat(Task t, String call, int dfd, String path, int mode, long dev) {
        return m.run(t, () -> {
            int hdfd = m.dirfd(m.fds(t), dfd, path);
            String why = m.sandbox.refuseWrite(hdfd, path, Sandbox.Intent.CREATE);
            if (why != null) {
                return m.refuse(call, path, why);
            }
            try (Memory p = Sandbox.cString(path)) {
                return Libc.sys(Libc.MKNODAT, hdfd, Machine.addr(p), (mode & ~t.umask()) & 0xFFFFFFFFL, dev & 0xFFFFFFFFL, 0, 0);
            }
        });
    }

    long mmap(Task t, long addr, long len, int prot, int flags, int fd, long off) {
        return m.run(t, () -> {
            int hfd = (flags & Mman.MAP_ANONYMOUS) != 0 ? -1 : m.fds(t).host(fd);
            int safe = flags & ~(Mman.MAP_FIXED | Mman.MAP_FIXED_NOREPLACE);
            long r = Libc.sys(Libc.MMAP, 0, len, prot & 0xFFFFFFFFL, safe & 0xFFFFFFFFL, hfd, off);
            if (r >= 0 || r < -4095) {
                owned.put(r, r + Mman.pageAlignPublic(len));
            }
            return r;
        });
    }

    private boolean owns(long addr, long len) {
        for (Map.Entry<Long, Long> e : owned.entrySet()) {
            if (addr >= e.getKey() && addr + len <= e.getValue()) {
                return true;
            }
        }
        return false;
    }

    long munmap(Task t, long addr, long len) {
        if (!owns(addr, len)) {
            return m.refuse("munmap", Long.toHexString(addr), "not a range this backend mapped");
        }
        return m.run(t, () -> {
            long r = Libc.sys(Libc.MUNMAP, addr, len, 0);
            if (r == 0 && owned.get(addr) != null && owned.get(addr) <= addr + Mman.pageAlignPublic(len)) {
                owned.remove(addr);
            }
            return r;
        });
    }

    long onOwned(Task t, String call, long addr, long len, long nr, long a3) {
        if (!owns(addr, len)) {
            return m.refuse(call, Long.toHexString(addr), "not a range this backend mapped");
        }
        return m.run(t, () -> Libc.sys(nr, addr, len, a3));
    }

    long mremap(Task t, long addr, long oldLen, long newLen, int flags) {
        if (!owns(addr, oldLen) || (flags & Mman.MREMAP_FIXED) != 0) {
            return m.refuse("mremap", Long.toHexString(addr), "not a range this backend mapped, or MREMAP_FIXED");
        }
        return m.run(t, () -> {
            long r = Libc.sys(Libc.MREMAP, addr, oldLen, newLen, flags & 0xFFFFFFFFL, 0, 0);
            if (r >= 0 || r < -4095) {
                owned.remove(addr);
                owned.put(r, r + Mman.pageAlignPublic(newLen));
            }
            return r;
        });
    }

    /** Unmaps everything still mapped (the backend closes). */
    void unmapAll() {
        owned.forEach((s, e) -> Libc.sys(Libc.MUNMAP, s, e - s, 0));
        owned.clear();
    }

    static long unsupported() {
        return Errno.ENOSYS.neg();
    }
}
