package dev.kemu.fs.ext4.disklayout;

/**
 * A leaf entry of the extent tree ({@code fs/ext4/ext4_extents.h:struct ext4_extent}): logical
 * blocks {@code [block, block + len)} live at physical blocks {@code [start, start + len)}.
 *
 * <p>On disk {@code ee_len} above 32768 marks an unwritten (preallocated) extent of
 * {@code ee_len - 32768} blocks, which reads as zeros ({@code ext4_ext_is_unwritten}); an
 * initialized extent holds at most {@link #INIT_MAX_LEN} blocks, an unwritten one
 * {@link #UNWRITTEN_MAX_LEN}.
 *
 * @param block the first logical block ({@code ee_block}, unsigned 32 bits)
 * @param len the number of blocks
 * @param start the first physical block ({@code ee_start_hi:ee_start_lo}, 48 bits)
 */
public record Ext4Extent(long block, int len, boolean unwritten, long start) {
    public static final int SIZE = 12;
    /** {@code EXT_INIT_MAX_LEN}. */
    public static final int INIT_MAX_LEN = 1 << 15;
    /** {@code EXT_UNWRITTEN_MAX_LEN}. */
    public static final int UNWRITTEN_MAX_LEN = INIT_MAX_LEN - 1;

    public Ext4Extent {
        Le.checkU32("ee_block", block);
        Le.checkU48("ee_start", start);
        if (len < 1 || len > (unwritten ? UNWRITTEN_MAX_LEN : INIT_MAX_LEN)) {
            throw new IllegalArgumentException("extent length " + len + (unwritten ? " (unwritten)" : ""));
        }
        if (block + len - 1 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("extent past the last logical block: " + block + "+" + len);
        }
    }

    public static Ext4Extent decode(byte[] b, int off) {
        int rawLen = Le.u16(b, off + 4);
        boolean unwritten = rawLen > INIT_MAX_LEN;
        int len = unwritten ? rawLen - INIT_MAX_LEN : rawLen;
        return new Ext4Extent(Le.u32(b, off), len, unwritten,
                Le.u32(b, off + 8) | (long) Le.u16(b, off + 6) << 32);
    }

    /** Decodes without validation: null when the on-disk entry is not a valid extent (for checkers). */
    public static Ext4Extent decodeOrNull(byte[] b, int off) {
        int rawLen = Le.u16(b, off + 4);
        if (rawLen == 0) {
            return null;
        }
        long block = Le.u32(b, off);
        int len = rawLen > INIT_MAX_LEN ? rawLen - INIT_MAX_LEN : rawLen;
        if (block + len - 1 > 0xFFFFFFFFL) {
            return null;
        }
        return decode(b, off);
    }

    public void encode(byte[] b, int off) {
        Le.put32(b, off, block);
        Le.put16(b, off + 4, unwritten ? len + INIT_MAX_LEN : len);
        Le.put16(b, off + 6, (int) (start >>> 32));
        Le.put32(b, off + 8, start);
    }

    /** One past the last logical block. */
    public long end() {
        return block + len;
    }

    /** The physical block of logical block {@code lblk}, which must be inside. */
    public long pblk(long lblk) {
        if (lblk < block || lblk >= end()) {
            throw new IllegalArgumentException(lblk + " outside " + this);
        }
        return start + (lblk - block);
    }

    public boolean contains(long lblk) {
        return lblk >= block && lblk < end();
    }

    /** The largest length an extent of this kind may have. */
    public int maxLen() {
        return unwritten ? UNWRITTEN_MAX_LEN : INIT_MAX_LEN;
    }
}
