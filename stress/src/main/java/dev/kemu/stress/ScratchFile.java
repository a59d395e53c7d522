package dev.kemu.stress;

import dev.kemu.vfs.Page;

/**
 * A task's own file on the emulated filesystem, used as a queue: splices from a pipe append an
 * extent, splices into a pipe take from the oldest extent. Owned by one worker thread.
 *
 * <p>Every extent starts on a page no earlier extent touched. A pipe buffer that came out of
 * this file references one of its page-cache pages; if a later splice into the file wrote into
 * that same page, 3.10's {@code pipe_to_file} would skip the copy ({@code buf->page == page},
 * research §10.3), a real 3.10 bug the stress mix is not about. Once the file holds
 * {@link #ROTATE_AT} bytes, no new extent is added until the old ones are consumed; then the file
 * is truncated to 0 (pages still referenced by pipe buffers stay valid, as in the kernel).
 */
final class ScratchFile {
    static final long ROTATE_AT = 1 << 20;
    private static final int MAX_EXTENTS = (int) (ROTATE_AT / Page.SIZE) + 1;

    final int fd;
    final String path;
    private final long[] starts = new long[MAX_EXTENTS];
    private final long[] ends = new long[MAX_EXTENTS];
    private int head;
    private int count;
    private long writeOff;

    ScratchFile(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /** Room for a new extent. */
    boolean hasRoom() {
        return writeOff < ROTATE_AT;
    }

    /** Where the next extent starts: a fresh page. */
    long writeOffset() {
        return writeOff;
    }

    void appended(long off, long n) {
        int i = (head + count) % MAX_EXTENTS;
        starts[i] = off;
        ends[i] = off + n;
        count++;
        writeOff = (off + n + Page.SIZE - 1) & ~(long) (Page.SIZE - 1);
    }

    boolean isEmpty() {
        return count == 0;
    }

    long headStart() {
        return starts[head];
    }

    long headLength() {
        return ends[head] - starts[head];
    }

    void consumed(long n) {
        starts[head] += n;
        if (starts[head] >= ends[head]) {
            head = (head + 1) % MAX_EXTENTS;
            count--;
        }
    }

    /** Nothing is left and the file is full: time to truncate it and start again at 0. */
    boolean needsRotation() {
        return count == 0 && writeOff >= ROTATE_AT;
    }

    void rotated() {
        writeOff = 0;
        head = 0;
    }

    /** The extents still queued, as {start, end} pairs (for the final drain). */
    long[][] extents() {
        long[][] out = new long[count][];
        for (int k = 0; k < count; k++) {
            int i = (head + k) % MAX_EXTENTS;
            out[k] = new long[] {starts[i], ends[i]};
        }
        return out;
    }
}
