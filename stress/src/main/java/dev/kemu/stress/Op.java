package dev.kemu.stress;

/**
 * One drawn operation: its kind, the pipes it names ({@code a}, {@code b}, indices within their
 * class), a length in bytes, whether a blocking variant was drawn, and for writes the records
 * ({@code shape}: a count in bits 0–2, then per record its units − 1 in 8 bits and, for vmsplice,
 * its offset in the page / 16 in the next 8).
 */
record Op(OpKind kind, int a, int b, int len, boolean blocking, long shape) {
    /** Records in a write, lane write or vmsplice. */
    int records() {
        return (int) (shape & 7);
    }

    /** Units of record {@code i} of a write or lane write. */
    int writeUnits(int i) {
        return (int) (shape >>> (3 + 8 * i) & 0xFF) + 1;
    }

    /** Units of record {@code i} of a vmsplice. */
    int vmspliceUnits(int i) {
        return (int) (shape >>> (3 + 16 * i) & 0xFF) + 1;
    }

    /** Offset in its page of record {@code i} of a vmsplice. */
    int vmspliceOffset(int i) {
        return (int) (shape >>> (11 + 16 * i) & 0xFF) * UnitCodec.UNIT;
    }

    /** Total bytes of a write or lane write. */
    int writeBytes() {
        int n = 0;
        for (int i = 0; i < records(); i++) {
            n += writeUnits(i);
        }
        return n * UnitCodec.UNIT;
    }
}
