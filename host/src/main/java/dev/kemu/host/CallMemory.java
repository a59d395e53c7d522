package dev.kemu.host;

import com.sun.jna.Memory;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The native memory of one call: the user buffers, iovec arrays, {@code loff_t} cells and
 * result structures its arguments point to. Copies the user's bytes in before the call and the
 * kernel's stores out after it; everything is freed when the call ends, except the buffers a
 * {@code vmsplice} hands to a pipe, which {@link UserMemory} retains.
 *
 * <p>Used by one thread, for one call; not thread-safe.
 */
final class CallMemory implements AutoCloseable {
    /** 2^57: no x86-64 user address space (4- or 5-level paging) reaches this far. */
    private static final long BEYOND_USER_SPACE = 1L << 57;
    private final UserMemory memory;
    private final Map<UserBuffer, UserMemory.Mapping> mapped = new IdentityHashMap<>();
    private final List<UserMemory.Mapping> owned = new ArrayList<>();
    private final List<Memory> scratch = new ArrayList<>();
    private final Map<UserLong, Memory> cells = new IdentityHashMap<>();

    CallMemory(UserMemory memory) {
        this.memory = memory;
    }

    /**
     * The address of {@code b} with its first {@code usable} bytes in place; 0 (NULL) for a null
     * buffer. A range past the end of every user address space is not copied: the kernel refuses it
     * with EFAULT before reading a byte ({@code access_ok()} in {@code fs/read_write.c:vfs_write()}).
     */
    long buffer(UserBuffer b, long usable) {
        if (b == null) {
            return 0;
        }
        long n = Long.compareUnsigned(usable, BEYOND_USER_SPACE) >= 0 ? 0 : usable;
        UserMemory.Mapping m = mapped.get(b);
        if (m == null) {
            m = memory.retainedMapping(b);
            if (m != null) {
                UserMemory.copyIn(b, m, Math.min(n, b.length()));
            } else {
                m = memory.map(b, n);
                owned.add(m);
            }
            mapped.put(b, m);
        }
        return m.address();
    }

    /** Copies the first {@code n} bytes the kernel left in {@code b}'s memory back into {@code b}. */
    void copyOut(UserBuffer b, long n) {
        UserMemory.Mapping m = b == null ? null : mapped.get(b);
        if (m != null && n > 0) {
            UserMemory.copyOut(b, m, n);
        }
    }

    /** A {@code struct iovec[]} for {@code iov}; with {@code withData} the buffers hold the user's bytes. */
    long iovecs(List<Iovec> iov, boolean withData) {
        if (iov.isEmpty()) {
            return 0;
        }
        Memory a = scratch(16L * iov.size());
        for (int i = 0; i < iov.size(); i++) {
            Iovec v = iov.get(i);
            a.setLong(16L * i, buffer(v.base(), withData ? v.len() : 0));
            a.setLong(16L * i + 8, v.len());
        }
        return Libc.address(a);
    }

    /** Copies {@code n} bytes the kernel stored through {@code iov} back, vector by vector ({@code copy_to_iter}). */
    void copyOutIovecs(List<Iovec> iov, long n) {
        long left = n;
        for (Iovec v : iov) {
            if (left <= 0) {
                break;
            }
            long k = Math.min(left, v.len());
            copyOut(v.base(), k);
            left -= k;
        }
    }

    /** A {@code loff_t __user *}: NULL, a faulting address, or a cell holding the value. */
    long offset(UserLong u) {
        if (u == null) {
            return 0;
        }
        if (u.faults()) {
            return memory.faultingAddress();
        }
        Memory cell = scratch(8);
        cell.setLong(0, u.get());
        cells.put(u, cell);
        return Libc.address(cell);
    }

    /** Stores what the kernel wrote through the offset pointer back into {@code u} ({@code copy_to_user}). */
    void copyOutOffset(UserLong u) {
        Memory cell = u == null ? null : cells.get(u);
        if (cell != null) {
            u.set(cell.getLong(0));
        }
    }

    /** Zeroed scratch memory freed with the call. */
    Memory scratch(long bytes) {
        Memory m = new Memory(Math.max(8, bytes));
        m.clear();
        scratch.add(m);
        return m;
    }

    /** Keeps every user buffer of this call mapped until the machine closes (they may now be in a pipe). */
    void retainBuffers() {
        for (Map.Entry<UserBuffer, UserMemory.Mapping> e : mapped.entrySet()) {
            if (owned.remove(e.getValue())) {
                memory.retain(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public void close() {
        owned.forEach(UserMemory::unmap);
        owned.clear();
        scratch.forEach(Memory::close);
        scratch.clear();
    }
}
