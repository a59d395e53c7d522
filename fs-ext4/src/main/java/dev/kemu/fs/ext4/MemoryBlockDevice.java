package dev.kemu.fs.ext4;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A RAM disk ({@code drivers/block/brd.c:brd_do_bvec()}): blocks are allocated on first write, so a 1 GiB
 * device costs what was written to it. A block never written reads as zeros, and writing a block
 * of zeros to an unallocated block leaves it unallocated.
 *
 * <p>Like a {@code brd} device, the RAM disk outlives the filesystems mounted on it:
 * {@link #close()} keeps the contents, so an unmounted RAM disk can still be checked or mounted
 * again.
 *
 * <p>Locking: the two-level table is published through {@link AtomicReferenceArray}s (a block
 * array, once installed, is never replaced); copies in and out of one block synchronize on that
 * block's array, which gives the per-block atomicity {@link BlockDevice} promises.
 */
public final class MemoryBlockDevice implements BlockDevice {
    private static final int CHUNK_SHIFT = 10;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final long blocks;
    private final AtomicReferenceArray<AtomicReferenceArray<byte[]>> chunks;
    private final AtomicLong allocated = new AtomicLong();

    /** A zeroed device of {@code blocks} blocks. */
    public MemoryBlockDevice(long blocks) {
        if (blocks <= 0 || (blocks >>> CHUNK_SHIFT) >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("device size " + blocks + " blocks");
        }
        this.blocks = blocks;
        this.chunks = new AtomicReferenceArray<>((int) ((blocks + CHUNK - 1) >>> CHUNK_SHIFT));
    }

    /** A device of {@code bytes} bytes (rounded down to whole blocks). */
    public static MemoryBlockDevice ofBytes(long bytes) {
        return new MemoryBlockDevice(bytes / BLOCK_SIZE);
    }

    @Override
    public long sizeInBlocks() {
        return blocks;
    }

    /** The bytes actually held in memory. */
    public long bytesAllocated() {
        return allocated.get() * BLOCK_SIZE;
    }

    private byte[] block(long b, boolean create) {
        checkBlock(b);
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
            if (chunk.compareAndSet(i, null, new byte[BLOCK_SIZE])) {
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
            int in = (int) (pos % BLOCK_SIZE);
            int n = Math.min(len, BLOCK_SIZE - in);
            byte[] data = block(pos / BLOCK_SIZE, false);
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
            int in = (int) (pos % BLOCK_SIZE);
            int n = Math.min(len, BLOCK_SIZE - in);
            byte[] data = block(pos / BLOCK_SIZE, false);
            if (data == null && !allZero(src, off, n)) {
                data = block(pos / BLOCK_SIZE, true);
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

    private void checkRange(long pos, int len) {
        if (pos < 0 || len < 0 || pos + len > blocks * BLOCK_SIZE) {
            throw new IllegalArgumentException("range " + pos + "+" + len + " outside the device");
        }
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
        return "ramdisk(" + blocks + " blocks, " + allocated.get() + " allocated)";
    }
}
