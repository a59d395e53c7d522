package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4DirHash;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.fs.ext4.disklayout.Ext4DirEntryTail;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import java.util.ArrayList;
import java.util.List;

/**
 * The contents of a directory ({@code fs/ext4/namei.c:ext4_find_entry()}, {@code ext4_add_entry()},
 * {@code ext4_append()}, {@code ext4_delete_entry()}, {@code ext4_empty_dir()};
 * {@code fs/ext4/dir.c} for listing). Directory blocks are mapped through the extent tree like file
 * data but are read and written directly on the device, as the kernel reads them through the
 * buffer cache rather than the directory's page cache.
 *
 * <p>Hashed (htree, {@code dir_index}) directories are read by a linear scan of all their blocks:
 * the interior blocks look like blocks of unused entries. Before the first change to such a
 * directory its index is dropped: the interior blocks become empty leaf blocks and
 * {@code EXT4_INDEX_FL} is cleared, leaving a valid linear directory (the kernel does the same
 * when it finds an htree it cannot use). Deliberate divergence: the model never builds an htree.
 *
 * <p>The VFS holds the directory's inode lock around every call; block mapping changes take
 * {@code i_data_sem}.
 */
final class Ext4Dir {
    private Ext4Dir() {
    }

    /** The directory's blocks in logical order (inline directories have none). */
    private static long blockCount(Inode dir) {
        int blockSize = Ext4SbInfo.of(dir).blockSize;
        return (dir.size() + blockSize - 1) / blockSize;
    }

    private static long mapBlock(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        info.dataSem.readLock().lock();
        try {
            return Ext4MapBlocks.mapForRead(sbi, info, lblk);
        } finally {
            info.dataSem.readLock().unlock();
        }
    }

    /** Block {@code lblk} of directory {@code info}, at {@code pblk}, checksum verified ({@link Ext4ReadDirblock}). */
    private static DirBlock read(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk, long pblk) {
        byte[] data = sbi.bread(pblk);
        Ext4ReadDirblock.verify(sbi, info, lblk, pblk, data);
        boolean tail = sbi.csum && Ext4DirEntryTail.isPresent(data);
        return new DirBlock(data, tail);
    }

    private static void write(Ext4SbInfo sbi, Ext4InodeInfo info, long pblk, DirBlock blk) {
        byte[] data = blk.data();
        if (sbi.csum) {
            if (!Ext4DirEntryTail.isPresent(data)) {
                throw new IllegalStateException("directory block " + pblk + " of inode " + info.ino + " has no tail");
            }
            Ext4Checksums.setDirLeaf(info.csumSeed(), data);
        }
        sbi.bwrite(pblk, data, 0);
    }

    /** {@code ext4_find_entry}: the live entry named {@code name}, or null. */
    static Ext4DirEntry2 find(Inode dir, byte[] name) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        if (info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            for (Ext4DirEntry2 de : InlineData.dirEntries(info)) {
                if (de.inode() != 0 && de.nameEquals(name)) {
                    return de;
                }
            }
            return null;
        }
        for (long lblk = 0; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            Ext4DirEntry2 de = read(sbi, info, lblk, pblk).find(name);
            if (de != null) {
                return de;
            }
        }
        return null;
    }

    /** Every live entry, "." and ".." included (inline directories list their parent as ".."). */
    static List<Ext4DirEntry2> list(Inode dir) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        List<Ext4DirEntry2> out = new ArrayList<>();
        if (info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            out.add(Ext4DirEntry2.of(dir.ino(), 12, Ext4DirEntry2.FT_DIR, "."));
            out.add(Ext4DirEntry2.of(InlineData.parent(info), 12, Ext4DirEntry2.FT_DIR, ".."));
            InlineData.dirEntries(info).stream().filter(d -> d.inode() != 0).forEach(out::add);
            return out;
        }
        for (long lblk = 0; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk != 0) {
                read(sbi, info, lblk, pblk).entries().stream().filter(d -> d.inode() != 0).forEach(out::add);
            }
        }
        return out;
    }

    /** {@code ext4_empty_dir}: nothing but "." and "..". */
    static boolean isEmpty(Inode dir) {
        for (Ext4DirEntry2 de : list(dir)) {
            String n = de.nameString();
            if (!n.equals(".") && !n.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code ext4_add_entry}: adds {@code name} → {@code ino} in the first block with room, or in
     * a new block appended to the directory ({@code ext4_append}).
     *
     * @return 0, or -ENOSPC when a new block is needed and none is free
     */
    static int add(Inode dir, byte[] name, long ino, int fileType) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        if (info.hasFlag(Ext4Inode.INDEX_FL)) {
            dropIndex(sbi, dir, info);
        }
        long blocks = blockCount(dir);
        for (long lblk = 0; lblk < blocks; lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            DirBlock blk = read(sbi, info, lblk, pblk);
            if (blk.add(ino, fileType, name)) {
                write(sbi, info, pblk, blk);
                return 0;
            }
        }
        long pblk;
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            try (Reservation res = sbi.groups.claim(tree.maxNewTreeBlocks() + 1)) {
                if (res == null) {
                    return Errno.ENOSPC.negInt();
                }
                tree.using(res);
                Ext4Extent prev = blocks > 0 ? tree.lookup(blocks - 1) : null;
                long goal = prev != null ? prev.pblk(blocks - 1) + 1 : sbi.mballoc.goalForInode(info.ino);
                pblk = sbi.mballoc.newBlock(goal, res);
                info.addBlocks(sbi.sectorsPerBlock());
                tree.insert(new Ext4Extent(blocks, 1, false, pblk));
            }
            tree.commit();
            dir.setSize((blocks + 1) * sbi.blockSize);
        } finally {
            info.dataSem.writeLock().unlock();
        }
        DirBlock blk = new DirBlock(DirBlock.emptyLeaf(sbi.blockSize, sbi.csum), sbi.csum);
        blk.add(ino, fileType, name);
        write(sbi, info, pblk, blk);
        sbi.inodes.writeInode(info);
        return 0;
    }

    /**
     * {@code ext4_delete_entry}: removes {@code name}.
     *
     * @return the removed entry, or null if there was none
     */
    static Ext4DirEntry2 remove(Inode dir, byte[] name) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        if (info.hasFlag(Ext4Inode.INDEX_FL)) {
            dropIndex(sbi, dir, info);
        }
        for (long lblk = 0; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            DirBlock blk = read(sbi, info, lblk, pblk);
            Ext4DirEntry2 de = blk.remove(name);
            if (de != null) {
                write(sbi, info, pblk, blk);
                return de;
            }
        }
        return null;
    }

    /** Writes the first block of a new directory: "." and "..". */
    static void initBlock(Ext4SbInfo sbi, Ext4InodeInfo info, long pblk, long parent) {
        byte[] data = DirBlock.initDirBlock(sbi.blockSize, info.ino, parent, sbi.csum);
        write(sbi, info, pblk, new DirBlock(data, sbi.csum));
    }

    /**
     * Turns a hashed directory into a linear one: the root block keeps "." and "..", interior index
     * blocks become empty leaves, {@code EXT4_INDEX_FL} goes.
     */
    private static void dropIndex(Ext4SbInfo sbi, Inode dir, Ext4InodeInfo info) {
        for (long lblk = 0; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            byte[] data = sbi.bread(pblk);
            Ext4ReadDirblock.verify(sbi, info, lblk, pblk, data);
            if (lblk == 0) {
                long parent = Ext4DirEntry2.inodeAt(data, Ext4DirEntry2.recLenFor(1));
                initBlock(sbi, info, pblk, parent);
            } else if (Ext4DirEntry2.inodeAt(data, 0) == 0 && Ext4DirEntry2.recLenAt(data, 0) == data.length) {
                write(sbi, info, pblk, new DirBlock(DirBlock.emptyLeaf(data.length, sbi.csum), sbi.csum));
            }
        }
        info.setFlags(info.flags() & ~Ext4Inode.INDEX_FL);
        sbi.inodes.writeInode(info);
    }

    /**
     * {@code ext4_setent}: the live entry {@code name} now names {@code ino} ({@code fileType}).
     *
     * @return false if there is no such entry
     */
    static boolean setEntry(Inode dir, byte[] name, long ino, int fileType) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        if (info.hasFlag(Ext4Inode.INDEX_FL)) {
            dropIndex(sbi, dir, info);
        }
        for (long lblk = 0; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            DirBlock blk = read(sbi, info, lblk, pblk);
            if (blk.setEntry(name, ino, fileType)) {
                write(sbi, info, pblk, blk);
                return true;
            }
        }
        return false;
    }

    /**
     * {@code ext4_rename_dir_finish}: the moved directory's ".." now names {@code parent}.
     *
     * @return false for a directory whose first block is not there (inline or corrupt)
     */
    static boolean setDotdot(Inode dir, long parent) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        if (info.hasFlag(Ext4Inode.INLINE_DATA_FL) || blockCount(dir) == 0) {
            return false;
        }
        long pblk = mapBlock(sbi, info, 0);
        if (pblk == 0) {
            return false;
        }
        DirBlock blk = read(sbi, info, 0, pblk);
        if (!blk.setEntry("..".getBytes(java.nio.charset.StandardCharsets.US_ASCII), parent, Ext4DirEntry2.FT_DIR)) {
            return false;
        }
        write(sbi, info, pblk, blk);
        return true;
    }

    /**
     * {@code ext4_readdir} of a linear directory ({@code htree_dirblock_to_tree} aside): the live
     * entries from byte position {@code pos} on, each with its position (block * block size +
     * offset in the block).
     */
    static List<DirBlock.Positioned> listFrom(Inode dir, long pos) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        List<DirBlock.Positioned> out = new ArrayList<>();
        if (info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            int i = 0;
            for (Ext4DirEntry2 de : list(dir)) {
                if (i >= pos) {
                    out.add(new DirBlock.Positioned(i, de));
                }
                i++;
            }
            return out;
        }
        for (long lblk = pos / sbi.blockSize; lblk < blockCount(dir); lblk++) {
            long pblk = mapBlock(sbi, info, lblk);
            if (pblk == 0) {
                continue;
            }
            long base = lblk * sbi.blockSize;
            for (DirBlock.Positioned p : read(sbi, info, lblk, pblk).positioned()) {
                if (base + p.offset() >= pos) {
                    out.add(new DirBlock.Positioned((int) (base + p.offset()), p.entry()));
                }
            }
        }
        return out;
    }

    /**
     * {@code is_dx_dir}: with {@code dir_index}, a directory with an index, of exactly one block,
     * or inline is listed in hash order ({@code ext4_dx_readdir}); others block by block.
     */
    static boolean isDxDir(Inode dir) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        return sbi.es().hasCompat(dev.kemu.fs.ext4.disklayout.Ext4Features.COMPAT_DIR_INDEX)
                && (info.hasFlag(Ext4Inode.INDEX_FL) || dir.size() == sbi.blockSize
                        || info.hasFlag(Ext4Inode.INLINE_DATA_FL));
    }

    /** An entry with its name hash. */
    record Hashed(Ext4DirHash.Hash hash, Ext4DirEntry2 entry) {
    }

    /**
     * The live entries in the order {@code ext4_htree_fill_tree} sorts them: by major then minor
     * hash, entries with equal hashes in block order. In an indexed directory "." and ".." count
     * as hashes 0 and 2 ({@code ext4_htree_fill_tree}); elsewhere they are hashed like any name
     * ({@code htree_dirblock_to_tree}).
     */
    static List<Hashed> hashOrder(Inode dir) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        int version = sbi.es().defHashVersion();
        if (version <= Ext4DirHash.TEA && (sbi.es().flags() & Ext4SuperBlock.FLAGS_UNSIGNED_HASH) != 0) {
            version += 3;
        }
        byte[] seed = sbi.es().hashSeed();
        boolean indexed = info.hasFlag(Ext4Inode.INDEX_FL);
        List<Hashed> out = new ArrayList<>();
        for (Ext4DirEntry2 de : list(dir)) {
            String n = de.nameString();
            Ext4DirHash.Hash h;
            if (indexed && n.equals(".")) {
                h = new Ext4DirHash.Hash(0, 0);
            } else if (indexed && n.equals("..")) {
                h = new Ext4DirHash.Hash(2, 0);
            } else {
                h = Ext4DirHash.hash(de.name(), version, seed);
            }
            out.add(new Hashed(h, de));
        }
        out.sort(java.util.Comparator.comparing(Hashed::hash));
        return out;
    }
}
