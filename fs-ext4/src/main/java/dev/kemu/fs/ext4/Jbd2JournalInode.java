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
 * extent tree is walked into a table from journal block to device block.
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
        if (!inode.hasFlag(Ext4Inode.EXTENTS_FL)) {
            throw new MountException(name + ": the journal inode is not extent-mapped, which the model does not read");
        }
        long blocks = inode.size() / bs;
        if (blocks < 1024 || blocks > Integer.MAX_VALUE) {
            throw new MountException(name + ": journal inode of " + inode.size() + " bytes is no journal");
        }
        long[] map = new long[(int) blocks];
        walk(dev, bs, inode.iBlock(), 0, map, name, 0);
        for (int i = 0; i < map.length; i++) {
            if (map[i] <= 0 || map[i] >= es.blocksCount()) {
                throw new MountException(name + ": journal block " + i + " is not mapped inside the filesystem");
            }
        }
        return map;
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
