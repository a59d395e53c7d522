package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.Statfs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * ext4's statfs ({@code fs/ext4/super.c:ext4_statfs()}, {@code ext4_calculate_overhead()},
 * {@code ext4_calculate_resv_clusters()}).
 *
 * <ul>
 * <li>{@code f_blocks}: the blocks of the filesystem minus its overhead: the blocks before
 * {@code s_first_data_block}, each group's superblock copy, descriptor table and reserved GDT
 * blocks, both bitmaps and the inode table (or {@code s_overhead_clusters} when mkfs recorded it);
 * <li>{@code f_bfree}: the free blocks counter minus the blocks promised to operations in flight;
 * <li>{@code f_bavail}: {@code f_bfree} minus the root-reserved blocks ({@code s_r_blocks_count})
 * and the filesystem's own reserve ({@code s_resv_clusters}: 2% of the blocks, at most 4096, with
 * extents), never negative;
 * <li>{@code f_files}, {@code f_ffree}: the inode count and the free inodes;
 * <li>{@code f_namelen} 255, {@code f_fsid} from the UUID (the two little-endian halves XORed).
 * </ul>
 * Deliberate divergence: a journal's blocks are not counted in the overhead (images the model
 * writes have no journal).
 */
final class Ext4Statfs {
    private Ext4Statfs() {
    }

    static Statfs statfs(Ext4SbInfo sbi) {
        Ext4SuperBlock es = sbi.es();
        long overhead = es.overheadClusters() != 0 ? es.overheadClusters() : overhead(es);
        long resv = es.hasIncompat(Ext4Features.INCOMPAT_EXTENTS) ? Math.min(es.blocksCount() / 50, 4096) : 0;
        long bfree = Math.max(0, sbi.groups.freeBlocks() - sbi.groups.reserved());
        long bavail = bfree < es.rBlocksCount() + resv ? 0 : bfree - (es.rBlocksCount() + resv);
        ByteBuffer u = ByteBuffer.wrap(es.uuid()).order(ByteOrder.LITTLE_ENDIAN);
        long fsid = u.getLong(0) ^ u.getLong(8);
        return new Statfs(Statfs.EXT4_SUPER_MAGIC, es.blockSize(), es.blocksCount() - overhead, bfree, bavail,
                es.inodesCount(), sbi.groups.freeInodes(), fsid, 255, es.blockSize(), 0);
    }

    /** {@code ext4_calculate_overhead} without a journal. */
    static long overhead(Ext4SuperBlock es) {
        long n = es.firstDataBlock();
        long groups = es.groupCount();
        for (long g = 0; g < groups; g++) {
            n += Ext4Geometry.baseMetaBlocks(es, g) + 2 + Ext4Geometry.inodeTableBlocks(es);
        }
        return n;
    }
}
