package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentHeader;
import dev.kemu.fs.ext4.disklayout.Ext4ExtentIdx;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.spi.MountException;

/**
 * Finding the journal's blocks ({@code fs/ext4/super.c:ext4_get_journal_inode()} and
 * {@code jbd2_journal_bmap()}): the journal inode ({@code s_journal_inum}, 8 as mkfs.ext4 makes
 * it) is read straight from its inode table, before the filesystem's own state exists, and its
 * extent tree (or, on an ext3-style image, its indirect blocks) is walked into a table from
 * journal block to device block.
 */
final class Jbd2JournalInode {
    private Jbd2JournalInode() {
    }

    /** The device block of each journal block, in order. */
    static long[] blockMap(BlockDevice dev, Ext4SuperBlock es, String name) throws MountException {
        long ino = es.journalInum();
        if (ino == 0 || ino > es.inodesCount()) {
            throw new MountException(name + ": no valid journal inode (s_journal_inum " + ino + ")");
        }
        int bs = es.blockSize();
        long group = (ino - 1) / es.inodesPerGroup();
        long index = (ino - 1) % es.inodesPerGroup();
        int descSize = es.groupDescSize();
        long descPos = (es.firstDataBlock() + 1) * bs + group * descSize;
        byte[] gdRaw = new byte[descSize];
        dev.read(descPos, gdRaw, 0, descSize);
        Ext4GroupDesc gd = Ext4GroupDesc.decode(gdRaw, 0, descSize);
        if (gd.inodeTable() + Ext4Geometry.inodeTableBlocks(es) > es.blocksCount()) {
            throw new MountException(name + ": the journal inode's group descriptor points outside the filesystem");
        }
        byte[] raw = new byte[es.inodeSize()];
        dev.read(gd.inodeTable() * bs + index * es.inodeSize(), raw, 0, raw.length);
        Ext4Inode inode = Ext4Inode.decode(raw, 0, es.inodeSize());
        long blocks = inode.size() / bs;
        if (blocks < 1024 || blocks > Integer.MAX_VALUE) {
            throw new MountException(name + ": journal inode of " + inode.size() + " bytes is no journal");
        }
        long[] map = new long[(int) blocks];
        if (inode.hasFlag(Ext4Inode.EXTENTS_FL)) {
            walk(dev, bs, inode.iBlock(), 0, map, name, 0);
        } else {
            mapIndirect(dev, bs, inode.iBlock(), map);
        }
        for (int i = 0; i < map.length; i++) {
            if (map[i] <= 0 || map[i] >= es.blocksCount()) {
                throw new MountException(name + ": journal block " + i + " is not mapped inside the filesystem");
            }
        }
        return map;
    }

    /** {@code ext4_ind_map_blocks()} for a whole file: 12 direct slots, then 1, 2 and 3 levels of indirection. */
    private static void mapIndirect(BlockDevice dev, int bs, byte[] iBlock, long[] map) {
        int[] next = {0};
        for (int i = 0; i < 12 && next[0] < map.length; i++) {
            map[next[0]++] = le32(iBlock, i * 4);
        }
        for (int level = 1; level <= 3 && next[0] < map.length; level++) {
            indirect(dev, bs, le32(iBlock, (11 + level) * 4), level, map, next);
        }
    }

    private static void indirect(BlockDevice dev, int bs, long block, int level, long[] map, int[] next) {
        if (block == 0) {
            return;
        }
        byte[] b = new byte[bs];
        dev.read(block * bs, b, 0, bs);
        for (int i = 0; i < bs / 4 && next[0] < map.length; i++) {
            long child = le32(b, i * 4);
            if (level == 1) {
                map[next[0]++] = child;
            } else {
                indirect(dev, bs, child, level - 1, map, next);
            }
        }
    }

    private static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static void walk(BlockDevice dev, int bs, byte[] node, int off, long[] map, String name, int level)
            throws MountException {
        Ext4ExtentHeader h = Ext4ExtentHeader.decode(node, off);
        if (h.magic() != Ext4ExtentHeader.MAGIC || level > Ext4ExtentHeader.MAX_DEPTH) {
            throw new MountException(name + ": the journal inode's extent tree is corrupt");
        }
        for (int i = 0; i < h.entries(); i++) {
            int at = off + Ext4ExtentHeader.SIZE + i * 12;
            if (h.depth() == 0) {
                Ext4Extent e = Ext4Extent.decode(node, at);
                for (int k = 0; k < e.len(); k++) {
                    long l = e.block() + k;
                    if (l < map.length) {
                        map[(int) l] = e.start() + k;
                    }
                }
            } else {
                Ext4ExtentIdx idx = Ext4ExtentIdx.decode(node, at);
                byte[] child = new byte[bs];
                dev.read(idx.leaf() * bs, child, 0, bs);
                walk(dev, bs, child, 0, map, name, level + 1);
            }
        }
    }
}
