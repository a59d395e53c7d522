package dev.kemu.fs.ext4.disklayout;

/**
 * An index entry of the extent tree ({@code fs/ext4/ext4_extents.h:struct ext4_extent_idx}):
 * the node at physical block {@code leaf} covers logical blocks from {@code block} up to the next
 * index entry's.
 *
 * @param block the first logical block covered ({@code ei_block})
 * @param leaf the child node's block ({@code ei_leaf_hi:ei_leaf_lo}, 48 bits)
 */
public record Ext4ExtentIdx(long block, long leaf) {
    public static final int SIZE = 12;

    public Ext4ExtentIdx {
        Le.checkU32("ei_block", block);
        Le.checkU48("ei_leaf", leaf);
    }

    public static Ext4ExtentIdx decode(byte[] b, int off) {
        return new Ext4ExtentIdx(Le.u32(b, off), Le.u32(b, off + 4) | (long) Le.u16(b, off + 8) << 32);
    }

    public void encode(byte[] b, int off) {
        Le.put32(b, off, block);
        Le.put32(b, off + 4, leaf);
        Le.put16(b, off + 8, (int) (leaf >>> 32));
        Le.put16(b, off + 10, 0);
    }
}
