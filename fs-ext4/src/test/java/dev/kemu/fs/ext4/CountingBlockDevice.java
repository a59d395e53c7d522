package dev.kemu.fs.ext4;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A RAM disk that counts the reads and writes reaching it, so that tests can tell which
 * operations touch the device and which stay in memory. Like a RAM disk it outlives unmounts.
 */
final class CountingBlockDevice implements BlockDevice {
    private final MemoryBlockDevice dev;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingBlockDevice(long bytes) {
        this.dev = MemoryBlockDevice.ofBytes(bytes);
    }

    /** Sets both counters to zero. */
    void reset() {
        reads.set(0);
        writes.set(0);
    }

    @Override
    public long sizeInBytes() {
        return dev.sizeInBytes();
    }

    @Override
    public void read(long pos, byte[] dst, int off, int len) {
        reads.incrementAndGet();
        dev.read(pos, dst, off, len);
    }

    @Override
    public void write(long pos, byte[] src, int off, int len) {
        writes.incrementAndGet();
        dev.write(pos, src, off, len);
    }

    @Override
    public void flush() {
        dev.flush();
    }

    @Override
    public void close() {
        dev.close();
    }

    @Override
    public String toString() {
        return "counting " + dev;
    }
}
