package dev.kemu.fs.ext4;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A RAM disk ({@code drivers/block/brd.c:brd_do_bvec()}): its 4 KiB pages are allocated on first
 * write, so a 1 GiB device costs what was written to it. A page never written reads as zeros, and
 * writing zeros to an unallocated page leaves it unallocated.
 *
 * <p>Like a {@code brd} device, the RAM disk outlives the filesystems mounted on it:
 * {@link #close()} keeps the contents, so an unmounted RAM disk can still be checked or mounted
 * again.
 *
 * <p>Locking: the two-level table is published through {@link AtomicReferenceArray}s (a block
 * array, once installed, is never replaced); copies in and out of one block synchronize on that
 * page's array, which gives the per-sector atomicity {@link BlockDevice} promises.
 */
public final class MemoryBlockDevice implements BlockDevice {
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;
    /** brd's unit of allocation: one page. */
    private static final int PAGE = 4096;

    private final long bytes;
    private final long pages;
    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> chunks;
    private final AtomicLong allocated = new AtomicLong();

    private MemoryBlockDevice(long bytes) {
        this.bytes = bytes;
        this.pages = (bytes + PAGE - 1) / PAGE;
        this.chunks = new AtomicReferenceArray<>((int) ((pages + CHUNK - 1) >>> CHUNK_SHIFT));
    }

    /**
     * A zeroed device of {@code bytes} bytes, rounded down to whole 512-byte sectors.
     *
     * @throws IllegalArgumentException for a size under one sector or too large to index
     */
    public static MemoryBlockDevice ofBytes(long bytes) {
        long size = bytes & -SECTOR_SIZE;
        if (size <= 0 || (size / PAGE >>> CHUNK_SHIFT) >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("device size " + bytes + " bytes");
        }
        return new MemoryBlockDevice(size);
    }

    @Override
    public long sizeInBytes() {
        return bytes;
    }

    /** The bytes actually held in memory. */
    public long bytesAllocated() {
        return allocated.get() * PAGE;
    }

    private byte[] block(long b, boolean create) {
        int ci = (int) (b >>> CHUNK_SHIFT);
        AtomicReferenceArray<byte[]> chunk = chunks.get(ci);
        if (chunk == null) {
            if (!create) {
                return null;
            }
            chunks.compareAndSet(ci, null, new AtomicReferenceArray<>(CHUNK));
            chunk = chunks.get(ci);
        }
        int i = (int) (b & (CHUNK - 1));
        byte[] data = chunk.get(i);
        if (data == null && create) {
            if (chunk.compareAndSet(i, null, new byte[PAGE])) {
                allocated.incrementAndGet();
            }
            data = chunk.get(i);
        }
        return data;
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) {
        checkRange(pos, len);
        while (len > 0) {
            int in = (int) (pos % PAGE);
            int n = Math.min(len, PAGE - in);
            byte[] data = block(pos / PAGE, false);
            if (data == null) {
                Arrays.fill(dst, off, off + n, (byte) 0);
            } else {
                synchronized (data) {
                    System.arraycopy(data, in, dst, off, n);
                }
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(long pos, byte[] src, int off, int len) {
        checkRange(pos, len);
        while (len > 0) {
            int in = (int) (pos % PAGE);
            int n = Math.min(len, PAGE - in);
            byte[] data = block(pos / PAGE, false);
            if (data == null && !allZero(src, off, n)) {
                data = block(pos / PAGE, true);
            }
            if (data != null) {
                synchronized (data) {
                    System.arraycopy(src, off, data, in, n);
                }
            }
            pos += n;
            off += n;
            len -= n;
        }
    }

    private static boolean allZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void flush() {
        // RAM is as durable as it gets.
    }

    /** Nothing to release: the contents stay, as a RAM disk's do after unmount. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "ramdisk(" + bytes + " bytes, " + allocated.get() + " pages allocated)";
    }
}
