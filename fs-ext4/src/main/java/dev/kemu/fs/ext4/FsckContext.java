package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Geometry;
import dev.kemu.fs.ext4.disklayout.Ext4GroupDesc;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checker's passes share ({@code e2fsck/e2fsck.h:struct e2fsck_struct}): the device, the
 * superblock and descriptors, the blocks claimed so far, the inodes found in use, the link
 * references counted, and the problems. Pass 0 (superblock and descriptors) lives here too.
 * Used by one thread.
 */
final class FsckContext {
    static final int MAX_PROBLEMS = 200;

    final BlockDevice dev;
    Ext4SuperBlock es;
    Ext4GroupDesc[] gds;
    int seed;
    boolean csum;
    int blockSize;
    /** Blocks holding fixed metadata (superblock copies, descriptor tables, bitmaps, inode tables). */
    BitSet meta;
    /** Blocks claimed by inodes (data, tree, indirect and attribute blocks). */
    BitSet claimed;
    /** The inode that claimed each block, for duplicate messages. */
    final Map<Long, Long> owner = new HashMap<>();
    /** Inodes in use, by number: their decoded on-disk form. */
    final Map<Long, Ext4Inode> inUse = new HashMap<>();
    /** Inodes on the orphan chain. */
    final Set<Long> orphans = new HashSet<>();
    /** The block map of each directory, from pass 1. */
    final Map<Long, long[]> dirBlocks = new HashMap<>();
    /** Names referring to each inode, "." and ".." included. */
    final Map<Long, Integer> refs = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private int dropped;

    FsckContext(BlockDevice dev) {
        this.dev = dev;
    }

    void problem(String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else {
            dropped++;
        }
    }

    List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        if (dropped > 0) {
            out.add("... and " + dropped + " more problems");
        }
        return out;
    }

    /** Pass 0, superblock part; false when nothing else can be checked. */
    boolean readSuper() {
        if (dev.sizeInBytes() < Ext4SuperBlock.OFFSET + Ext4SuperBlock.SIZE) {
            problem("device too small for a superblock");
            return false;
        }
        es = Ext4Fsck.superBlock(dev);
        if (es.magic() != Ext4SuperBlock.MAGIC) {
            problem(String.format("bad superblock magic %#x", es.magic()));
            return false;
        }
        if (!es.checksumValid()) {
            problem("superblock checksum does not match");
        }
        if (es.logBlockSize() < 0 || es.logBlockSize() > 2) {
            problem("block size 1024 << " + es.logBlockSize() + " is not checked by this checker");
            return false;
        }
        if (es.blocksCount() > dev.sizeInBlocks(es.blockSize())) {
            problem("superblock says " + es.blocksCount() + " blocks, the device has "
                    + dev.sizeInBlocks(es.blockSize()));
            return false;
        }
        blockSize = es.blockSize();
        csum = es.hasMetadataCsum();
        seed = es.csumSeed();
        meta = new BitSet((int) es.blocksCount());
        claimed = new BitSet((int) es.blocksCount());
        return true;
    }

    /** Pass 0, group part: descriptor checksums and placement, fixed metadata, bitmap checksums. */
    void checkGroups() {
        long groups = es.groupCount();
        int descSize = es.groupDescSize();
        long gdtBlocks = Ext4Geometry.gdtBlocks(es);
        byte[] table = new byte[(int) (gdtBlocks * blockSize)];
        for (long b = 0; b < gdtBlocks; b++) {
            dev.readBlock(es.firstDataBlock() + 1 + b, blockSize, table, (int) (b * blockSize));
        }
        gds = new Ext4GroupDesc[(int) groups];
        long itb = Ext4Geometry.inodeTableBlocks(es);
        for (int g = 0; g < groups; g++) {
            gds[g] = Ext4GroupDesc.decode(table, g * descSize, descSize);
            if (csum && !Ext4GroupDesc.checksumValid(table, g * descSize, descSize, g, seed)) {
                problem("group descriptor " + g + " checksum does not match");
            }
            long first = Ext4Geometry.groupFirstBlock(es, g);
            long base = Ext4Geometry.baseMetaBlocks(es, g);
            meta.set((int) first, (int) (first + base));
        }
        for (int g = 0; g < groups; g++) {
            Ext4GroupDesc gd = gds[g];
            markMeta(g, "block bitmap", gd.blockBitmap(), 1);
            markMeta(g, "inode bitmap", gd.inodeBitmap(), 1);
            markMeta(g, "inode table", gd.inodeTable(), itb);
            if (csum) {
                if (!gd.hasFlag(Ext4GroupDesc.BLOCK_UNINIT) && inRange(gd.blockBitmap())) {
                    int c = Ext4Checksums.bitmap(seed, dev.readBlock(gd.blockBitmap(), blockSize),
                            (int) (es.clustersPerGroup() / 8));
                    if (!bitmapCsumMatches(c, gd.blockBitmapCsum(), descSize >= 0x3A + 2)) {
                        problem("block bitmap checksum of group " + g + " does not match");
                    }
                }
                if (!gd.hasFlag(Ext4GroupDesc.INODE_UNINIT) && inRange(gd.inodeBitmap())) {
                    int c = Ext4Checksums.bitmap(seed, dev.readBlock(gd.inodeBitmap(), blockSize),
                            (int) (es.inodesPerGroup() / 8));
                    if (!bitmapCsumMatches(c, gd.inodeBitmapCsum(), descSize >= 0x3C + 2)) {
                        problem("inode bitmap checksum of group " + g + " does not match");
                    }
                }
            }
        }
    }

    private static boolean bitmapCsumMatches(int computed, int stored, boolean hasHi) {
        return hasHi ? computed == stored : (computed & 0xFFFF) == (stored & 0xFFFF);
    }

    private void markMeta(int g, String what, long start, long len) {
        if (start < es.firstDataBlock() || start + len > es.blocksCount()) {
            problem(what + " of group " + g + " at " + start + " lies outside the filesystem");
            return;
        }
        for (long b = start; b < start + len; b++) {
            if (meta.get((int) b)) {
                problem(what + " of group " + g + " overlaps other metadata at block " + b);
                return;
            }
        }
        meta.set((int) start, (int) (start + len));
    }

    boolean inRange(long block) {
        return block >= es.firstDataBlock() && block < es.blocksCount();
    }

    /** Claims {@code [start, start + len)} for inode {@code ino}; reports overlaps and bad ranges. */
    void claim(long ino, long start, long len, String what) {
        if (len <= 0 || start < es.firstDataBlock() || start + len > es.blocksCount()) {
            problem("inode " + ino + ": " + what + " " + start + "+" + len + " lies outside the filesystem");
            return;
        }
        for (long b = start; b < start + len; b++) {
            if (meta.get((int) b)) {
                problem("inode " + ino + ": " + what + " block " + b + " is filesystem metadata");
            } else if (claimed.get((int) b)) {
                problem("block " + b + " is claimed by inodes " + owner.get(b) + " and " + ino);
            } else {
                claimed.set((int) b);
                owner.put(b, ino);
            }
        }
    }

    /** The raw bytes of inode {@code ino}. */
    byte[] readInodeRaw(long ino) {
        long g = (ino - 1) / es.inodesPerGroup();
        long idx = (ino - 1) % es.inodesPerGroup();
        byte[] raw = new byte[es.inodeSize()];
        dev.read(gds[(int) g].inodeTable() * blockSize + idx * es.inodeSize(), raw, 0, raw.length);
        return raw;
    }

    void addRef(long ino) {
        refs.merge(ino, 1, Integer::sum);
    }
}
