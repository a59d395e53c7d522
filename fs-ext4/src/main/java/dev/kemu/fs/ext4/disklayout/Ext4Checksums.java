package dev.kemu.fs.ext4.disklayout;

/**
 * The {@code metadata_csum} rules ({@code fs/ext4/ext4.h:ext4_chksum()} and its callers): which
 * bytes each checksum covers and which seed it starts from. All are raw CRC32C registers ({@link Crc32c}); the filesystem seed is
 * {@link Ext4SuperBlock#csumSeed()}.
 *
 * <ul>
 * <li>superblock: {@code ~0} over the 1020 bytes before {@code s_checksum}
 * ({@code fs/ext4/super.c:ext4_superblock_csum()});
 * <li>group descriptor: seed, the group number, the descriptor with {@code bg_checksum} as
 * zeros; low 16 bits ({@code fs/ext4/super.c:ext4_group_desc_csum()});
 * <li>bitmaps: seed over {@code clusters_per_group / 8} or {@code inodes_per_group / 8} bytes
 * ({@code fs/ext4/bitmap.c:ext4_block_bitmap_csum_set()}, {@code ext4_inode_bitmap_csum_set()});
 * <li>inode: the inode seed (seed, inode number, generation) over the whole on-disk inode with
 * both checksum halves as zeros ({@code fs/ext4/inode.c:ext4_inode_csum()});
 * <li>extent block: the inode seed over the header and {@code eh_max} slots; stored right after
 * them ({@code fs/ext4/extents.c:ext4_extent_block_csum()});
 * <li>directory leaf block: the inode seed over everything before the 12-byte tail
 * ({@code fs/ext4/namei.c:ext4_dirblock_csum()}).
 * </ul>
 */
public final class Ext4Checksums {
    private Ext4Checksums() {
    }

    public static int superblock(byte[] sb) {
        return Crc32c.update(~0, sb, 0, Ext4SuperBlock.CHECKSUM_OFFSET);
    }

    /** {@code bg_checksum} of a descriptor's bytes {@code d}. */
    public static int groupDesc(int csumSeed, long group, byte[] d) {
        int crc = Crc32c.updateLe32(csumSeed, (int) group);
        crc = Crc32c.update(crc, d, 0, Ext4GroupDesc.CHECKSUM_OFFSET);
        crc = Crc32c.update(crc, new byte[2], 0, 2);
        int rest = Ext4GroupDesc.CHECKSUM_OFFSET + 2;
        if (rest < d.length) {
            crc = Crc32c.update(crc, d, rest, d.length - rest);
        }
        return crc & 0xFFFF;
    }

    /** The CRC of the first {@code len} bytes of a bitmap block. */
    public static int bitmap(int csumSeed, byte[] bitmap, int len) {
        return Crc32c.update(csumSeed, bitmap, 0, len);
    }

    /** {@code ei->i_csum_seed}: the seed of everything that belongs to one inode. */
    public static int inodeSeed(int csumSeed, long ino, long generation) {
        return Crc32c.updateLe32(Crc32c.updateLe32(csumSeed, (int) ino), (int) generation);
    }

    /**
     * The 32-bit CRC of an on-disk inode {@code raw} (its full {@code s_inode_size} bytes); the
     * low half goes to {@code i_checksum_lo}, the high half to {@code i_checksum_hi} when
     * {@code i_extra_isize} covers it.
     */
    public static int inode(int inodeSeed, byte[] raw) {
        byte[] r = raw.clone();
        Le.put16(r, Ext4Inode.CHECKSUM_LO_OFFSET, 0);
        if (Ext4Inode.hasChecksumHi(r)) {
            Le.put16(r, Ext4Inode.CHECKSUM_HI_OFFSET, 0);
        }
        return Crc32c.update(inodeSeed, r);
    }

    /** True when the checksum stored in {@code raw} matches. */
    public static boolean inodeValid(int csumSeed, long ino, byte[] raw) {
        int seed = inodeSeed(csumSeed, ino, Le.u32(raw, Ext4Inode.GENERATION_OFFSET));
        int crc = inode(seed, raw);
        int stored = Le.u16(raw, Ext4Inode.CHECKSUM_LO_OFFSET);
        if (Ext4Inode.hasChecksumHi(raw)) {
            stored |= Le.u16(raw, Ext4Inode.CHECKSUM_HI_OFFSET) << 16;
            return stored == crc;
        }
        return stored == (crc & 0xFFFF);
    }

    /** Stores the checksum of an extent tree block (its tail right after {@code eh_max} slots). */
    public static void setExtentBlock(int inodeSeed, byte[] block) {
        int tail = Ext4ExtentHeader.tailOffset(block, 0);
        Le.put32(block, tail, Crc32c.update(inodeSeed, block, 0, tail));
    }

    public static boolean extentBlockValid(int inodeSeed, byte[] block) {
        int tail = Ext4ExtentHeader.tailOffset(block, 0);
        if (tail + 4 > block.length) {
            return false;
        }
        return Le.s32(block, tail) == Crc32c.update(inodeSeed, block, 0, tail);
    }

    /** Stores the checksum of a directory leaf block in its {@code ext4_dir_entry_tail}. */
    public static void setDirLeaf(int inodeSeed, byte[] block) {
        int tail = block.length - Ext4DirEntryTail.SIZE;
        Le.put32(block, tail + 8, Crc32c.update(inodeSeed, block, 0, tail));
    }

    public static boolean dirLeafValid(int inodeSeed, byte[] block) {
        int tail = block.length - Ext4DirEntryTail.SIZE;
        return Le.s32(block, tail + 8) == Crc32c.update(inodeSeed, block, 0, tail);
    }

}
