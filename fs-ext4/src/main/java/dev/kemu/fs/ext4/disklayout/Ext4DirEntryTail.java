package dev.kemu.fs.ext4.disklayout;

/**
 * The checksum record at the end of a directory leaf block with {@code metadata_csum}
 * ({@code fs/ext4/ext4.h:struct ext4_dir_entry_tail}): it looks like an unused entry of 12 bytes
 * (inode 0, {@code rec_len} 12, name length 0) with the reserved file type {@code 0xDE}, followed
 * by the CRC of the rest of the block.
 */
public record Ext4DirEntryTail(int checksum) {
    public static final int SIZE = 12;
    /** {@code EXT4_FT_DIR_CSUM}. */
    public static final int FT_DIR_CSUM = 0xDE;

    /** True when the last 12 bytes of {@code block} are a well-formed tail. */
    public static boolean isPresent(byte[] block) {
        int off = block.length - SIZE;
        return Le.u32(block, off) == 0 && Le.u16(block, off + 4) == SIZE && Le.u8(block, off + 6) == 0
                && Le.u8(block, off + 7) == FT_DIR_CSUM;
    }

    /** Writes an empty tail (checksum 0) at the end of {@code block}; {@link Ext4Checksums#setDirLeaf} fills it. */
    public static void init(byte[] block) {
        int off = block.length - SIZE;
        Le.put32(block, off, 0);
        Le.put16(block, off + 4, SIZE);
        Le.put8(block, off + 6, 0);
        Le.put8(block, off + 7, FT_DIR_CSUM);
        Le.put32(block, off + 8, 0);
    }

    public static Ext4DirEntryTail decode(byte[] block) {
        return new Ext4DirEntryTail(Le.s32(block, block.length - SIZE + 8));
    }
}
