package dev.kemu.fs.ext4;

import static dev.kemu.fs.ext4.Mkfs.DESC_SIZE;
import static dev.kemu.fs.ext4.Mkfs.FIRST_INO;
import static dev.kemu.fs.ext4.Mkfs.INODE_SIZE;
import static dev.kemu.fs.ext4.Mkfs.LOG_GROUPS_PER_FLEX;
import static dev.kemu.fs.ext4.Mkfs.LOST_AND_FOUND_INO;
import static dev.kemu.fs.ext4.Mkfs.ROOT_INO;

import dev.kemu.fs.ext4.disklayout.Ext4Bitmap;
import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.nio.charset.StandardCharsets;

/**
 * One {@link Mkfs} run ({@code misc/mke2fs.c} and {@code lib/ext2fs/alloc_tables.c:ext2fs_allocate_group_table()}
 * in e2fsprogs): places the bitmaps and inode tables flex group by flex group, allocates the root
 * and {@code lost+found} blocks first-fit, then writes the inodes, directories, bitmaps,
 * descriptors and every superblock copy with their checksums. Used by one thread.
 */
final class MkfsLayout {
    private final BlockDevice dev;
    private final int blockSize;
    /** {@code lost+found}'s blocks: 16 KiB, at most 12 blocks ({@code create_lost_and_found}). */
    private final int lpfBlocks;
    private final long groups;
    private final long itb;
    private final int seed;
    private final long now;
    private final boolean zeroed;
    private final byte[][] blockBitmaps;
    private final byte[][] inodeBitmaps;
    private final Ext4GroupDesc[] gds;
    private Ext4SuperBlock sb;

    MkfsLayout(BlockDevice dev, Ext4SuperBlock sb, Mkfs.Options opts, long now) {
        this.dev = dev;
        this.sb = sb;
        this.blockSize = sb.blockSize();
        this.lpfBlocks = Math.min(12, 16384 / blockSize);
        this.groups = sb.groupCount();
        this.itb = Ext4Geometry.inodeTableBlocks(sb);
        this.seed = sb.csumSeed();
        this.now = now;
        this.zeroed = opts.deviceZeroed();
        this.blockBitmaps = new byte[(int) groups][blockSize];
        this.inodeBitmaps = new byte[(int) groups][blockSize];
        this.gds = new Ext4GroupDesc[(int) groups];
    }

    void write() {
        placeMetadata();
        long rootBlock = allocData(0, 1);
        long lpfBlock = allocData(0, lpfBlocks);
        for (long ino = 1; ino <= FIRST_INO; ino++) {
            Ext4Bitmap.set(inodeBitmaps[0], ino - 1);
        }
        if (!zeroed) {
            byte[] zero = new byte[blockSize];
            for (Ext4GroupDesc gd : gds) {
                for (long b = 0; b < itb; b++) {
                    dev.writeBlock(gd.inodeTable() + b, blockSize, zero, 0);
                }
            }
        }
        writeReservedInodes();
        writeDir(ROOT_INO, 040755, 3, rootBlock, 1, ROOT_INO);
        writeDir(LOST_AND_FOUND_INO, 040700, 2, lpfBlock, lpfBlocks, ROOT_INO);
        writeRootBlock(rootBlock);
        writeGroups();
    }

    /** flex_bg placement: the bitmaps and tables of each flex group packed after the base metadata of its first group. */
    private void placeMetadata() {
        long flex = 1L << LOG_GROUPS_PER_FLEX;
        long[] bb = new long[(int) groups];
        long[] ib = new long[(int) groups];
        long[] it = new long[(int) groups];
        for (long f = 0; f < groups; f += flex) {
            long n = Math.min(flex, groups - f);
            long start = Ext4Geometry.groupFirstBlock(sb, f) + Ext4Geometry.baseMetaBlocks(sb, f);
            long need = 2 * n + n * itb;
            if (start + need > Ext4Geometry.groupFirstBlock(sb, f) + Ext4Geometry.groupBlockCount(sb, f)) {
                throw new IllegalArgumentException("group " + f + " cannot hold the metadata of its flex group");
            }
            for (long i = 0; i < n; i++) {
                bb[(int) (f + i)] = start + i;
                ib[(int) (f + i)] = start + n + i;
                it[(int) (f + i)] = start + 2 * n + i * itb;
            }
        }
        for (int g = 0; g < groups; g++) {
            byte[] map = blockBitmaps[g];
            Ext4Bitmap.setRange(map, 0, Ext4Geometry.baseMetaBlocks(sb, g));
            Ext4Geometry.padBlockBitmap(sb, map, Ext4Geometry.groupBlockCount(sb, g));
            Ext4Geometry.padInodeBitmap(sb, inodeBitmaps[g]);
            gds[g] = new Ext4GroupDesc(bb[g], ib[g], it[g], 0, 0, 0, Ext4GroupDesc.ITABLE_ZEROED, 0, 0, 0, 0, 0);
        }
        for (int g = 0; g < groups; g++) {
            markUsed(bb[g], 1);
            markUsed(ib[g], 1);
            markUsed(it[g], itb);
        }
    }

    private void markUsed(long start, long len) {
        for (long b = start; b < start + len; b++) {
            long g = Ext4Geometry.groupOf(sb, b);
            Ext4Bitmap.set(blockBitmaps[(int) g], b - Ext4Geometry.groupFirstBlock(sb, g));
        }
    }

    /** First fit of {@code len} contiguous free blocks in {@code group}. */
    private long allocData(long group, int len) {
        byte[] map = blockBitmaps[(int) group];
        long count = Ext4Geometry.groupBlockCount(sb, group);
        for (long i = 0; i + len <= count; i++) {
            boolean free = true;
            for (int j = 0; j < len && free; j++) {
                free = !Ext4Bitmap.test(map, i + j);
            }
            if (free) {
                long start = Ext4Geometry.groupFirstBlock(sb, group) + i;
                markUsed(start, len);
                return start;
            }
        }
        throw new IllegalArgumentException("no room for the root directory");
    }

    private void writeInode(long ino, Ext4Inode inode) {
        long g = (ino - 1) / sb.inodesPerGroup();
        long idx = (ino - 1) % sb.inodesPerGroup();
        dev.write(gds[(int) g].inodeTable() * blockSize + idx * INODE_SIZE, inode.encode(ino, seed), 0,
                INODE_SIZE);
    }

    private void writeReservedInodes() {
        for (long ino = 1; ino < FIRST_INO; ino++) {
            if (ino == ROOT_INO) {
                continue;
            }
            Ext4Inode empty = Ext4Inode.empty(INODE_SIZE);
            long t = ino == 1 ? now : 0;
            writeInode(ino, new Ext4Inode(0, 0, 0, 0, t, t, t, 0, 0, 0, 0, 0, new byte[60], 0, 0,
                    Ext4Inode.EXTRA_ISIZE, 0, 0, 0, t, 0, empty.raw()));
        }
    }

    private void writeDir(long ino, int mode, int links, long block, int nblocks, long parent) {
        byte[] iblock = new byte[Ext4Inode.I_BLOCK_SIZE];
        new Ext4ExtentHeader(Ext4ExtentHeader.MAGIC, 1, Ext4ExtentHeader.ROOT_MAX, 0, 0).encode(iblock, 0);
        new Ext4Extent(0, nblocks, false, block).encode(iblock, Ext4ExtentHeader.SIZE);
        Ext4Inode inode = new Ext4Inode(mode, 0, 0, (long) nblocks * blockSize, now, now, now, 0, links,
                (long) nblocks * (blockSize / 512), Ext4Inode.EXTENTS_FL, 0, iblock, 0, 0, Ext4Inode.EXTRA_ISIZE,
                0, 0, 0, now, 0, new byte[INODE_SIZE]);
        writeInode(ino, inode);
        int iseed = Ext4Checksums.inodeSeed(seed, ino, 0);
        for (int i = 0; i < nblocks; i++) {
            byte[] data = i == 0 ? DirBlock.initDirBlock(blockSize, ino, parent, true)
                    : DirBlock.emptyLeaf(blockSize, true);
            Ext4Checksums.setDirLeaf(iseed, data);
            dev.writeBlock(block + i, blockSize, data, 0);
        }
        gds[0] = gds[0].withCounts(0, 0, gds[0].usedDirsCount() + 1, gds[0].flags(), 0);
    }

    private void writeRootBlock(long rootBlock) {
        byte[] data = dev.readBlock(rootBlock, blockSize);
        DirBlock blk = new DirBlock(data, true);
        if (!blk.add(LOST_AND_FOUND_INO, Ext4DirEntry2.FT_DIR, "lost+found".getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalStateException("root block full");
        }
        Ext4Checksums.setDirLeaf(Ext4Checksums.inodeSeed(seed, ROOT_INO, 0), data);
        dev.writeBlock(rootBlock, blockSize, data, 0);
    }

    /** Counts, checksums and writes the bitmaps, descriptors and every superblock copy. */
    private void writeGroups() {
        long freeBlocks = 0;
        long freeInodes = 0;
        for (int g = 0; g < groups; g++) {
            long bcount = Ext4Geometry.groupBlockCount(sb, g);
            long fb = bcount - Ext4Bitmap.count(blockBitmaps[g], bcount);
            long usedInodes = Ext4Bitmap.count(inodeBitmaps[g], sb.inodesPerGroup());
            long fi = sb.inodesPerGroup() - usedInodes;
            freeBlocks += fb;
            freeInodes += fi;
            Ext4GroupDesc gd = gds[g];
            gd = gd.withCounts(fb, fi, gd.usedDirsCount(), gd.flags(), fi)
                    .withBitmapCsums(Ext4Checksums.bitmap(seed, blockBitmaps[g], (int) (sb.clustersPerGroup() / 8)),
                            Ext4Checksums.bitmap(seed, inodeBitmaps[g], (int) (sb.inodesPerGroup() / 8)));
            gds[g] = gd;
            dev.writeBlock(gd.blockBitmap(), blockSize, blockBitmaps[g], 0);
            dev.writeBlock(gd.inodeBitmap(), blockSize, inodeBitmaps[g], 0);
        }
        sb = sb.withFreeCounts(freeBlocks, freeInodes);
        long gdtBlocks = Ext4Geometry.gdtBlocks(sb);
        byte[] gdt = new byte[(int) (gdtBlocks * blockSize)];
        for (int g = 0; g < groups; g++) {
            System.arraycopy(gds[g].encode(DESC_SIZE, g, seed), 0, gdt, g * DESC_SIZE, DESC_SIZE);
        }
        for (long g = 0; g < groups; g++) {
            if (!Ext4Geometry.hasSuper(sb, g)) {
                continue;
            }
            long first = Ext4Geometry.groupFirstBlock(sb, g);
            byte[] block0 = new byte[blockSize];
            byte[] sbBytes = sb.encodeBackup(g);
            // The primary superblock is at byte 1024: in block 0 at 1024 (2 and 4 KiB blocks), or
            // at the start of block 1 (1 KiB blocks, s_first_data_block 1); copies start their group.
            int at = g == 0 ? (int) (Ext4SuperBlock.OFFSET - first * blockSize) : 0;
            System.arraycopy(sbBytes, 0, block0, at, Ext4SuperBlock.SIZE);
            dev.writeBlock(first, blockSize, block0, 0);
            for (long b = 0; b < gdtBlocks; b++) {
                dev.writeBlock(first + 1 + b, blockSize, gdt, (int) (b * blockSize));
            }
        }
        dev.flush();
    }
}
