package dev.kemu.host;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.sun.jna.Pointer;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.UserBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The user memory of the host machine: each {@link UserBuffer} a call passes is mirrored in an
 * anonymous private mapping ({@code mm/mmap.c:do_mmap()} with {@code MAP_NORESERVE}, so a large
 * buffer that is never touched costs nothing), at the same offset within its first page as the
 * buffer has, and followed by an inaccessible guard page, so that a count larger than the buffer
 * makes the kernel fault ({@code EFAULT}) instead of writing over the JVM's memory.
 *
 * <p>Buffers given to {@code vmsplice} are <em>retained</em>: a pipe may hold references to
 * their pages ({@code fs/splice.c:iter_to_pipe()}), so the mapping lives until the machine
 * closes, the same buffer passed again reuses the same pages, and before every call the
 * buffer's current contents are copied into them, as a store from user space would be.
 */
final class UserMemory implements AutoCloseable {
    private static final long PROT_NONE = 0;
    private static final long PROT_READ_WRITE = 3;
    private static final long MAP_PRIVATE_ANONYMOUS_NORESERVE = 0x02 | 0x20 | 0x4000;
    private static final int CHUNK = 1 << 20;

    /** One mirrored buffer: the mapping and where the buffer's first byte lies in it. */
    record Mapping(long base, long mappedLength, long address, int length) {
        Pointer pointer() {
            return new Pointer(address);
        }
    }

    @GuardedBy("this")
    private final Map<UserBuffer, Mapping> retained = new IdentityHashMap<>();
    private final long faultPage;

    UserMemory() {
        faultPage = mmap(Page.SIZE, PROT_NONE);
    }

    /** An address every access to which faults: an inaccessible page of this machine. */
    long faultingAddress() {
        return faultPage;
    }

    private static long mmap(long length, long prot) {
        long a = Libc.sys(Libc.MMAP, 0, length, prot, MAP_PRIVATE_ANONYMOUS_NORESERVE, -1, 0);
        if (a < 0 && a > -4096) {
            throw new OutOfMemoryError("mmap of " + length + " bytes failed: errno " + -a);
        }
        return a;
    }

    /** Maps fresh memory for {@code b}, with its first {@code usable} bytes copied in (none for a read). */
    Mapping map(UserBuffer b, long usable) {
        int offset = b.length() == 0 ? 0 : b.offsetInPage(0);
        long data = ((long) offset + b.length() + Page.SIZE - 1) & ~(Page.SIZE - 1L);
        long base = mmap(data + Page.SIZE, PROT_READ_WRITE);
        Libc.sys(Libc.MPROTECT, base + data, Page.SIZE, PROT_NONE);
        Mapping m = new Mapping(base, data + Page.SIZE, base + offset, b.length());
        copyIn(b, m, Math.min(usable, b.length()));
        return m;
    }

    /** The user's current bytes of {@code b} into its mapping; all-zero stretches are skipped (fresh pages are zero). */
    static void copyIn(UserBuffer b, Mapping m, long n) {
        Pointer p = m.pointer();
        for (long pos = 0; pos < n; pos += CHUNK) {
            int len = (int) Math.min(CHUNK, n - pos);
            byte[] chunk = b.read((int) pos, len);
            if (n <= CHUNK || !allZero(chunk)) {
                p.write(pos, chunk, 0, len);
            }
        }
    }

    /** The first {@code n} bytes of the mapping back into {@code b} (what the kernel stored there). */
    static void copyOut(UserBuffer b, Mapping m, long n) {
        Pointer p = m.pointer();
        long end = Math.min(n, b.length());
        for (long pos = 0; pos < end; pos += CHUNK) {
            int len = (int) Math.min(CHUNK, end - pos);
            byte[] chunk = p.getByteArray(pos, len);
            b.write((int) pos, chunk, 0, len);
        }
    }

    private static boolean allZero(byte[] a) {
        for (byte x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    static void unmap(Mapping m) {
        Libc.sys(Libc.MUNMAP, m.base(), m.mappedLength(), 0);
    }

    /** The retained mapping of {@code b}, or null. */
    synchronized Mapping retainedMapping(UserBuffer b) {
        return retained.get(b);
    }

    /** Keeps {@code m} as {@code b}'s memory until the machine closes. */
    synchronized void retain(UserBuffer b, Mapping m) {
        retained.putIfAbsent(b, m);
    }

    /** Copies every retained buffer's current contents into its pages (user stores since the last call). */
    synchronized void syncRetained() {
        for (Map.Entry<UserBuffer, Mapping> e : retained.entrySet()) {
            copyIn(e.getKey(), e.getValue(), e.getKey().length());
        }
    }

    synchronized boolean hasRetained() {
        return !retained.isEmpty();
    }

    @Override
    public synchronized void close() {
        for (Mapping m : retained.values()) {
            unmap(m);
        }
        retained.clear();
        Libc.sys(Libc.MUNMAP, faultPage, Page.SIZE, 0);
    }
}
