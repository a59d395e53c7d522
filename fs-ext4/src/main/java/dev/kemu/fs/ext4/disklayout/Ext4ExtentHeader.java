package dev.kemu.fs.ext4.disklayout;

/**
 * The header of every extent tree node ({@code fs/ext4/ext4_extents.h:struct ext4_extent_header}):
 * 12 bytes, followed by {@code eh_max} 12-byte slots of which {@code eh_entries} are used —
 * {@link Ext4Extent}s in a leaf ({@code eh_depth} 0), {@link Ext4ExtentIdx}es above. The root
 * lives in {@code i_block} (four slots); other nodes fill a block, with an
 * {@code ext4_extent_tail} checksum after the last slot.
 */
public record Ext4ExtentHeader(int magic, int entries, int max, int depth, long generation) {
    public static final int SIZE = 12;
    /** {@code EXT4_EXT_MAGIC}. */
    public static final int MAGIC = 0xF30A;
    /** {@code EXT4_MAX_EXTENT_DEPTH}. */
    public static final int MAX_DEPTH = 5;
    /** Slots of the root in {@code i_block}: (60 - 12) / 12. */
    public static final int ROOT_MAX = 4;

    public Ext4ExtentHeader {
        Le.checkU16("eh_magic", magic);
        Le.checkU16("eh_entries", entries);
        Le.checkU16("eh_max", max);
        Le.checkU16("eh_depth", depth);
        Le.checkU32("eh_generation", generation);
    }

    /** A valid empty header for a node of {@code max} slots at {@code depth}. */
    public static Ext4ExtentHeader empty(int max, int depth) {
        return new Ext4ExtentHeader(MAGIC, 0, max, depth, 0);
    }

    /** Slots in a block-sized node ({@code ext4_ext_space_block}): room is left for the 4-byte tail. */
    public static int blockMax(int blockSize) {
        return (blockSize - SIZE) / Ext4Extent.SIZE;
    }

    public static Ext4ExtentHeader decode(byte[] b, int off) {
        return new Ext4ExtentHeader(Le.u16(b, off), Le.u16(b, off + 2), Le.u16(b, off + 4), Le.u16(b, off + 6),
                Le.u32(b, off + 8));
    }

    public void encode(byte[] b, int off) {
        Le.put16(b, off, magic);
        Le.put16(b, off + 2, entries);
        Le.put16(b, off + 4, max);
        Le.put16(b, off + 6, depth);
        Le.put32(b, off + 8, generation);
    }

    /** {@code EXT4_EXTENT_TAIL_OFFSET}: where the checksum of the node at {@code off} goes. */
    static int tailOffset(byte[] b, int off) {
        return SIZE + Ext4Extent.SIZE * Le.u16(b, off + 4);
    }

    /** {@code ext4_ext_check()}'s header tests; null when sound, else what is wrong. */
    public String check(int expectedMax, int expectedDepth) {
        if (magic != MAGIC) {
            return String.format("bad extent magic %#x", magic);
        }
        if (depth != expectedDepth) {
            return "extent node depth " + depth + ", expected " + expectedDepth;
        }
        if (max != expectedMax) {
            return "extent node eh_max " + max + ", expected " + expectedMax;
        }
        if (entries > max) {
            return "extent node has " + entries + " entries, more than its " + max + " slots";
        }
        return null;
    }
}
