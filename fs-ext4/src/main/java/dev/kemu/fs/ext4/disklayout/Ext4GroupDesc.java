package dev.kemu.fs.ext4.disklayout;

/**
 * A block group descriptor ({@code fs/ext4/ext4.h:struct ext4_group_desc}): 64 bytes with the
 * {@code 64bit} feature, the first 32 without. Descriptors follow each other in the group
 * descriptor table, the block after the superblock.
 *
 * <p>With {@code metadata_csum}, {@code bg_checksum} is the low 16 bits of the CRC of the group
 * number and the descriptor ({@code fs/ext4/super.c:ext4_group_desc_csum()}), and the descriptor
 * also carries the CRCs of the group's two bitmaps ({@code fs/ext4/bitmap.c}).
 */
public record Ext4GroupDesc(long blockBitmap, long inodeBitmap, long inodeTable, long freeBlocksCount,
        long freeInodesCount, long usedDirsCount, int flags, long excludeBitmap, int blockBitmapCsum,
        int inodeBitmapCsum, long itableUnused, int checksum) {

    public static final int SIZE_32 = 32;
    public static final int SIZE_64 = 64;
    /** {@code EXT4_BG_INODE_UNINIT}: the inode bitmap was never written; it is all free. */
    public static final int INODE_UNINIT = 0x0001;
    /** {@code EXT4_BG_BLOCK_UNINIT}: the block bitmap was never written; only metadata is used. */
    public static final int BLOCK_UNINIT = 0x0002;
    /** {@code EXT4_BG_INODE_ZEROED}: the inode table is zeroed. */
    public static final int ITABLE_ZEROED = 0x0004;
    /** Offset of {@code bg_checksum}. */
    static final int CHECKSUM_OFFSET = 0x1E;

    public Ext4GroupDesc {
        Le.checkU48("bg_block_bitmap", blockBitmap);
        Le.checkU48("bg_inode_bitmap", inodeBitmap);
        Le.checkU48("bg_inode_table", inodeTable);
        Le.checkU32("bg_free_blocks_count", freeBlocksCount);
        Le.checkU32("bg_free_inodes_count", freeInodesCount);
        Le.checkU32("bg_used_dirs_count", usedDirsCount);
        Le.checkU32("bg_itable_unused", itableUnused);
        Le.checkU16("bg_flags", flags);
    }

    /** Decodes the descriptor of {@code descSize} bytes at {@code off}. */
    public static Ext4GroupDesc decode(byte[] b, int off, int descSize) {
        boolean wide = descSize >= SIZE_64;
        return new Ext4GroupDesc(
                Le.u32(b, off) | (wide ? Le.u32(b, off + 0x20) << 32 : 0),
                Le.u32(b, off + 0x04) | (wide ? Le.u32(b, off + 0x24) << 32 : 0),
                Le.u32(b, off + 0x08) | (wide ? Le.u32(b, off + 0x28) << 32 : 0),
                Le.u16(b, off + 0x0C) | (wide ? (long) Le.u16(b, off + 0x2C) << 16 : 0),
                Le.u16(b, off + 0x0E) | (wide ? (long) Le.u16(b, off + 0x2E) << 16 : 0),
                Le.u16(b, off + 0x10) | (wide ? (long) Le.u16(b, off + 0x30) << 16 : 0),
                Le.u16(b, off + 0x12),
                Le.u32(b, off + 0x14) | (wide ? Le.u32(b, off + 0x34) << 32 : 0),
                Le.u16(b, off + 0x18) | (wide ? Le.u16(b, off + 0x38) << 16 : 0),
                Le.u16(b, off + 0x1A) | (wide ? Le.u16(b, off + 0x3A) << 16 : 0),
                Le.u16(b, off + 0x1C) | (wide ? (long) Le.u16(b, off + 0x32) << 16 : 0),
                Le.u16(b, off + CHECKSUM_OFFSET));
    }

    /**
     * The {@code descSize} on-disk bytes of group {@code group}; with {@code csumSeed} non-null
     * ({@code metadata_csum}) {@code bg_checksum} is computed, else the record's value is kept.
     */
    public byte[] encode(int descSize, long group, Integer csumSeed) {
        byte[] b = new byte[descSize];
        boolean wide = descSize >= SIZE_64;
        Le.put32(b, 0x00, blockBitmap);
        Le.put32(b, 0x04, inodeBitmap);
        Le.put32(b, 0x08, inodeTable);
        Le.put16(b, 0x0C, (int) freeBlocksCount);
        Le.put16(b, 0x0E, (int) freeInodesCount);
        Le.put16(b, 0x10, (int) usedDirsCount);
        Le.put16(b, 0x12, flags);
        Le.put32(b, 0x14, excludeBitmap);
        Le.put16(b, 0x18, blockBitmapCsum);
        Le.put16(b, 0x1A, inodeBitmapCsum);
        Le.put16(b, 0x1C, (int) itableUnused);
        if (wide) {
            Le.put32(b, 0x20, blockBitmap >>> 32);
            Le.put32(b, 0x24, inodeBitmap >>> 32);
            Le.put32(b, 0x28, inodeTable >>> 32);
            Le.put16(b, 0x2C, (int) (freeBlocksCount >>> 16));
            Le.put16(b, 0x2E, (int) (freeInodesCount >>> 16));
            Le.put16(b, 0x30, (int) (usedDirsCount >>> 16));
            Le.put16(b, 0x32, (int) (itableUnused >>> 16));
            Le.put32(b, 0x34, excludeBitmap >>> 32);
            Le.put16(b, 0x38, blockBitmapCsum >>> 16);
            Le.put16(b, 0x3A, inodeBitmapCsum >>> 16);
        }
        int csum = csumSeed == null ? checksum : Ext4Checksums.groupDesc(csumSeed, group, b);
        Le.put16(b, CHECKSUM_OFFSET, csum);
        return b;
    }

    /** True when {@code bg_checksum} of the on-disk bytes {@code b} matches ({@code metadata_csum}). */
    public static boolean checksumValid(byte[] b, int off, int descSize, long group, int csumSeed) {
        byte[] d = java.util.Arrays.copyOfRange(b, off, off + descSize);
        return Ext4Checksums.groupDesc(csumSeed, group, d) == Le.u16(d, CHECKSUM_OFFSET);
    }

    public boolean hasFlag(int f) {
        return (flags & f) != 0;
    }

    /** A copy with new counters and flags (the allocator's update). */
    public Ext4GroupDesc withCounts(long freeBlocks, long freeInodes, long usedDirs, int newFlags, long unused) {
        return new Ext4GroupDesc(blockBitmap, inodeBitmap, inodeTable, freeBlocks, freeInodes, usedDirs, newFlags,
                excludeBitmap, blockBitmapCsum, inodeBitmapCsum, unused, checksum);
    }

    /** A copy with new bitmap checksums. */
    public Ext4GroupDesc withBitmapCsums(int blockCsum, int inodeCsum) {
        return new Ext4GroupDesc(blockBitmap, inodeBitmap, inodeTable, freeBlocksCount, freeInodesCount,
                usedDirsCount, flags, excludeBitmap, blockCsum, inodeCsum, itableUnused, checksum);
    }
}
