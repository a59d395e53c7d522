package dev.kemu.stress;

import dev.kemu.vfs.UserBuffer;

/**
 * One stream of records: the task that owns it lays records out in its user memory with
 * consecutive serial numbers. Owned by one worker thread; {@link #allocated()} is read by the
 * engine after that thread has been joined.
 */
final class RecordSource {
    private final int stream;
    private final long salt;
    private long next;

    RecordSource(int stream, long salt) {
        this.stream = stream;
        this.salt = salt;
    }

    int stream() {
        return stream;
    }

    /** Serials handed out so far: every one of them is either delivered or voided. */
    long allocated() {
        return next;
    }

    /**
     * Takes back the serials from {@code first} on, after a call that delivered none of them:
     * they will be laid out again by the next write. (Should the kernel have delivered them
     * after all, the reissued serials show up twice and count as duplicates.)
     */
    void rewind(long first) {
        if (first < 0 || first > next) {
            throw new IllegalArgumentException("rewind to " + first + " of " + next);
        }
        next = first;
    }

    /**
     * Lays out one record of {@code units} units at {@code pos} of {@code buf} ({@code pos} and
     * the buffer's start are 16-aligned, so no unit straddles a page).
     *
     * @return the serial of the record's first unit
     */
    long fillRecord(UserBuffer buf, int pos, int units, int flags) {
        long first = next;
        int i = 0;
        while (i < units) {
            int p = pos + i * UnitCodec.UNIT;
            byte[] page = buf.pageAt(p).data();
            int off = buf.offsetInPage(p);
            int end = Math.min(units, i + (dev.kemu.vfs.Page.SIZE - off) / UnitCodec.UNIT);
            for (; i < end; i++, off += UnitCodec.UNIT) {
                UnitCodec.put(page, off, stream, first + i, units, i, flags, salt);
            }
        }
        next += units;
        return first;
    }

    /**
     * Lays out the records of a write operation back to back from the start of {@code buf}.
     *
     * @return the serial of the first unit; the write's units are consecutive
     */
    long fillWrite(UserBuffer buf, Op op, int flags) {
        long first = next;
        int pos = 0;
        for (int i = 0; i < op.records(); i++) {
            int u = op.writeUnits(i);
            fillRecord(buf, pos, u, flags);
            pos += u * UnitCodec.UNIT;
        }
        return first;
    }
}
