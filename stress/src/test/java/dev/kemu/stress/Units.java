package dev.kemu.stress;

import dev.kemu.vfs.UserBuffer;

/** Lays out units by hand, for checker tests. */
final class Units {
    static final long SALT = 0x1234_5678_9ABC_DEF0L;

    private final UserBuffer buf = UserBuffer.allocate(64 * 1024);
    private int pos;

    /** Appends unit {@code index} of a record of {@code units} units with first serial {@code first}. */
    Units unit(int stream, long first, int units, int index, int flags) {
        UnitCodec.put(buf.pageAt(pos).data(), buf.offsetInPage(pos), stream, first + index, units, index, flags, SALT);
        pos += UnitCodec.UNIT;
        return this;
    }

    /** Appends units {@code from} to {@code to} (exclusive) of a record. */
    Units record(int stream, long first, int units, int from, int to, int flags) {
        for (int i = from; i < to; i++) {
            unit(stream, first, units, i, flags);
        }
        return this;
    }

    /** Appends a whole atomic record. */
    Units whole(int stream, long first, int units) {
        return record(stream, first, units, 0, units, UnitCodec.ATOMIC);
    }

    UserBuffer buffer() {
        return buf;
    }

    int length() {
        return pos;
    }
}
