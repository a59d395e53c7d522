package dev.kemu.fs.ext4.disklayout;

/**
 * Where the fixed metadata of each block group lies ({@code fs/ext4/balloc.c:ext4_bg_has_super()},
 * {@code ext4_bg_num_gdb()}, {@code ext4_num_base_meta_clusters()}, {@code ext4_init_block_bitmap()}).
 *
 * <p>Group {@code g} covers blocks {@code [s_first_data_block + g * s_blocks_per_group, ...)}; the
 * last group may be short. With {@code sparse_super}, groups 0, 1 and the powers of 3, 5 and 7
 * start with a copy of the superblock and of the group descriptor table (plus the reserved GDT
 * blocks of {@code resize_inode}). The bitmaps and inode tables are wherever the descriptors say;
 * with {@code flex_bg} they are packed together in the first group of each flex group. The
 * {@code meta_bg} layout is not modelled (such images are refused at mount).
 */
public final class Ext4Geometry {
    private Ext4Geometry() {
    }

    /** {@code ext4_bg_has_super}. */
    public static boolean hasSuper(Ext4SuperBlock sb, long group) {
        if (group == 0) {
            return true;
        }
        if (!sb.hasRoCompat(Ext4Features.RO_COMPAT_SPARSE_SUPER)) {
            return true;
        }
        if (group == 1) {
            return true;
        }
        return isPowerOf(group, 3) || isPowerOf(group, 5) || isPowerOf(group, 7);
    }

    private static boolean isPowerOf(long g, int base) {
        long p = base;
        while (p < g) {
            p *= base;
        }
        return p == g;
    }

    /** The first block of {@code group}. */
    public static long groupFirstBlock(Ext4SuperBlock sb, long group) {
        return sb.firstDataBlock() + group * sb.blocksPerGroup();
    }

    /** The number of blocks in {@code group} (the last one may be short). */
    public static long groupBlockCount(Ext4SuperBlock sb, long group) {
        long first = groupFirstBlock(sb, group);
        return Math.min(sb.blocksPerGroup(), sb.blocksCount() - first);
    }

    /** The group holding block {@code block}. */
    public static long groupOf(Ext4SuperBlock sb, long block) {
        return (block - sb.firstDataBlock()) / sb.blocksPerGroup();
    }

    /** Blocks of the group descriptor table ({@code s_gdb_count}). */
    public static long gdtBlocks(Ext4SuperBlock sb) {
        long bytes = sb.groupCount() * sb.groupDescSize();
        return (bytes + sb.blockSize() - 1) / sb.blockSize();
    }

    /** {@code ext4_num_base_meta_clusters}: superblock, descriptor table and reserved GDT blocks at the start of {@code group}. */
    public static long baseMetaBlocks(Ext4SuperBlock sb, long group) {
        if (!hasSuper(sb, group)) {
            return 0;
        }
        long n = 1 + gdtBlocks(sb) + sb.reservedGdtBlocks();
        if (group == 0 && sb.firstDataBlock() == 0 && sb.blockSize() == 1024) {
            n++;
        }
        return n;
    }

    /** The block and byte offset of group {@code group}'s descriptor in the primary table. */
    public static long descBlock(Ext4SuperBlock sb, long group) {
        long perBlock = sb.blockSize() / sb.groupDescSize();
        return sb.firstDataBlock() + 1 + group / perBlock;
    }

    public static int descOffset(Ext4SuperBlock sb, long group) {
        long perBlock = sb.blockSize() / sb.groupDescSize();
        return (int) ((group % perBlock) * sb.groupDescSize());
    }

    /** Inode table blocks per group. */
    public static long inodeTableBlocks(Ext4SuperBlock sb) {
        return (sb.inodesPerGroup() * sb.inodeSize() + sb.blockSize() - 1) / sb.blockSize();
    }

    /**
     * {@code ext4_init_block_bitmap}: the bitmap a {@code BLOCK_UNINIT} group would have, built from
     * the layout — its base metadata, every group's bitmaps and inode table that lie inside it, and
     * the padding past the end of a short last group.
     */
    public static byte[] initBlockBitmap(Ext4SuperBlock sb, Ext4GroupDesc[] gds, long group) {
        byte[] map = new byte[sb.blockSize()];
        long first = groupFirstBlock(sb, group);
        long count = groupBlockCount(sb, group);
        Ext4Bitmap.setRange(map, 0, baseMetaBlocks(sb, group));
        long itb = inodeTableBlocks(sb);
        for (Ext4GroupDesc gd : gds) {
            markIfInside(map, first, count, gd.blockBitmap(), 1);
            markIfInside(map, first, count, gd.inodeBitmap(), 1);
            markIfInside(map, first, count, gd.inodeTable(), itb);
        }
        padBlockBitmap(sb, map, count);
        return map;
    }

    private static void markIfInside(byte[] map, long first, long count, long start, long len) {
        for (long b = start; b < start + len; b++) {
            if (b >= first && b < first + count) {
                Ext4Bitmap.set(map, b - first);
            }
        }
    }

    /** {@code ext4_mark_bitmap_end}: bits past the group's last block up to the end of the block are set. */
    public static void padBlockBitmap(Ext4SuperBlock sb, byte[] map, long groupBlocks) {
        Ext4Bitmap.setRange(map, groupBlocks, (long) sb.blockSize() * 8);
    }

    /** Bits past {@code s_inodes_per_group} up to the end of the block are set. */
    public static void padInodeBitmap(Ext4SuperBlock sb, byte[] map) {
        Ext4Bitmap.setRange(map, sb.inodesPerGroup(), (long) sb.blockSize() * 8);
    }
}
