package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Checksums;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.fs.ext4.disklayout.Ext4SuperBlock;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Inodes in memory and on disk ({@code fs/ext4/inode.c:ext4_iget()}, {@code ext4_write_inode()} /
 * {@code ext4_mark_iloc_dirty()}, {@code ext4_evict_inode()}; {@code fs/ext4/ialloc.c:ext4_new_inode()}
 * for the initial fields; {@code fs/inode.c}'s inode hash as the cache).
 *
 * <p>Every in-use inode that has been looked up stays cached (the model never shrinks the inode
 * cache) until it is evicted, so whatever an inode holds in memory and not yet on disk (dirty
 * fields, dirty extent tree blocks) is found by {@link #writeBack} at writeback. Namespace
 * operations write their inodes at once; the write path ({@code write_begin}, {@code write_end})
 * only marks them dirty. An inode write is a 256-byte update of the inode table under the inode's
 * monitor.
 */
final class Ext4Inodes {
    private final Ext4SbInfo sbi;
    private final ConcurrentMap<Long, Inode> icache = new ConcurrentHashMap<>();

    Ext4Inodes(Ext4SbInfo sbi) {
        this.sbi = sbi;
    }

    static Ext4InodeInfo info(Inode inode) {
        return (Ext4InodeInfo) inode.fsPrivate();
    }

    /** The on-disk inode {@code ino}, checksum verified. */
    Ext4Inode readDisk(long ino) {
        Ext4SuperBlock es = sbi.es();
        if (ino < 1 || ino > es.inodesCount()) {
            throw new FsCorruptedException("inode number " + ino + " out of range");
        }
        byte[] raw = new byte[es.inodeSize()];
        sbi.dev.read(sbi.inodePos(ino), raw, 0, raw.length);
        if (sbi.csum && !Ext4Checksums.inodeValid(sbi.csumSeed, ino, raw)) {
            // __ext4_iget: "iget: checksum invalid", EFSBADCRC.
            throw FsCorruptedException.badCrc(ino, 0, "iget: checksum invalid");
        }
        return Ext4Inode.decode(raw, 0, raw.length);
    }

    /**
     * {@code ext4_iget}: the cached inode {@code ino}, read in on a miss.
     *
     * @throws FsCorruptedException for a deleted or unreadable inode
     */
    Inode iget(long ino) {
        Inode cached = icache.get(ino);
        if (cached != null) {
            return cached;
        }
        return icache.computeIfAbsent(ino, n -> {
            Ext4Inode disk = readDisk(n);
            if (disk.linksCount() == 0 && disk.mode() == 0) {
                throw FsCorruptedException.corrupted(n, 0, "iget: deleted inode referenced");
            }
            Ext4InodeInfo info = new Ext4InodeInfo(n, disk, sbi.csumSeed);
            Inode inode = instantiate(info, disk.mode());
            inode.initSpecial(decodeRdev(disk.iBlock()));
            inode.setOwner((int) disk.uid(), (int) disk.gid());
            inode.setSize(disk.size());
            inode.setNlink(disk.linksCount());
            return inode;
        });
    }

    private Inode instantiate(Ext4InodeInfo info, int mode) {
        Inode inode;
        if (StatMode.isDir(mode)) {
            inode = sbi.vfsSb().newInode(info.ino, mode, Ext4Namei.DIR_IOPS, Ext4File.DIR_FOPS, Ext4Aops.INSTANCE);
        } else if (StatMode.isReg(mode)) {
            inode = sbi.vfsSb().newInode(info.ino, mode, Ext4File.FILE_IOPS, Ext4File.FILE_FOPS, Ext4Aops.INSTANCE);
        } else if (StatMode.isLnk(mode)) {
            inode = sbi.vfsSb().newInode(info.ino, mode, Ext4Symlink.IOPS, Ext4File.SPECIAL_FOPS, Ext4Aops.INSTANCE);
        } else {
            inode = sbi.vfsSb().newInode(info.ino, mode, Ext4File.SPECIAL_IOPS, Ext4File.SPECIAL_FOPS,
                    Ext4Aops.INSTANCE);
        }
        inode.setFsPrivate(info);
        info.setVfs(inode);
        return inode;
    }

    /**
     * {@code ext4_new_inode}: allocates and initializes an inode near {@code dir}: an empty
     * extent root, a fresh generation, the current time, {@code i_extra_isize} 32.
     *
     * @return the new inode, or null when no inode is free (ENOSPC)
     */
    Inode newInode(Inode dir, int mode) {
        return newInode(dir, mode, 0);
    }

    /**
     * {@code ext4_new_inode} for any type: only directories, regular files and symlinks get the
     * extent flag and root ({@code ext4_ext_tree_init}); a FIFO, socket or device node keeps
     * {@code i_block} for its device number ({@code ext4_write_inode}: {@code old_encode_dev} in
     * {@code i_block[0]} when major and minor fit in a byte, else {@code new_encode_dev} in
     * {@code i_block[1]}).
     */
    Inode newInode(Inode dir, int mode, long rdev) {
        if (!StatMode.isDir(mode) && !StatMode.isReg(mode) && !StatMode.isLnk(mode)) {
            return newSpecial(dir, mode, rdev);
        }
        boolean isDir = StatMode.isDir(mode);
        long ino = sbi.ialloc.newInode(dir.ino(), isDir);
        if (ino == 0) {
            return null;
        }
        long now = Ext4SbInfo.now();
        int inodeSize = sbi.es().inodeSize();
        byte[] root = ExtentNode.emptyRoot().encodeRoot();
        int extra = inodeSize > Ext4Inode.GOOD_OLD_SIZE ? Ext4Inode.EXTRA_ISIZE : 0;
        Ext4Inode disk = new Ext4Inode(mode, 0, 0, 0, now, now, now, 0, isDir ? 2 : 1, 0, Ext4Inode.EXTENTS_FL,
                0, root, sbi.nextGeneration(), 0, extra, 0, 0, 0, now, 0, new byte[inodeSize]);
        Ext4InodeInfo info = new Ext4InodeInfo(ino, disk, sbi.csumSeed);
        Inode inode = instantiate(info, mode);
        info.setOwner(inode.uid(), inode.gid());
        icache.put(ino, inode);
        writeInode(info);
        return inode;
    }

    private Inode newSpecial(Inode dir, int mode, long rdev) {
        long ino = sbi.ialloc.newInode(dir.ino(), false);
        if (ino == 0) {
            return null;
        }
        long now = Ext4SbInfo.now();
        int inodeSize = sbi.es().inodeSize();
        int extra = inodeSize > Ext4Inode.GOOD_OLD_SIZE ? Ext4Inode.EXTRA_ISIZE : 0;
        Ext4Inode disk = new Ext4Inode(mode, 0, 0, 0, now, now, now, 0, 1, 0, 0,
                0, encodeRdev(mode, rdev), sbi.nextGeneration(), 0, extra, 0, 0, 0, now, 0, new byte[inodeSize]);
        Ext4InodeInfo info = new Ext4InodeInfo(ino, disk, sbi.csumSeed);
        Inode inode = instantiate(info, mode);
        info.setOwner(inode.uid(), inode.gid());
        inode.initSpecial(rdev);
        icache.put(ino, inode);
        writeInode(info);
        return inode;
    }

    /** {@code i_block} of a special inode holding {@code rdev} ({@code makedev} form). */
    static byte[] encodeRdev(int mode, long rdev) {
        byte[] b = new byte[Ext4Inode.I_BLOCK_SIZE];
        if (!StatMode.isChr(mode) && !StatMode.isBlk(mode)) {
            return b;
        }
        long major = (rdev >>> 8) & 0xfff;
        long minor = (rdev & 0xff) | ((rdev >>> 12) & 0xfff00);
        int word = major < 256 && minor < 256 ? 0 : 1;
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(word * 4, (int) rdev);
        return b;
    }

    /** {@code ext4_iget}'s {@code old_decode_dev(i_block[0])} or {@code new_decode_dev(i_block[1])}, in {@code makedev} form. */
    static long decodeRdev(byte[] iBlock) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(iBlock).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int old = bb.getInt(0);
        return old != 0 ? Integer.toUnsignedLong(old) & 0xffff : Integer.toUnsignedLong(bb.getInt(4));
    }

    /** Undoes {@link #newInode} when the name could not be added. */
    void abandonNew(Inode inode) {
        Ext4InodeInfo info = info(inode);
        info.markEvicted();
        info.setLinks(0);
        info.setDtime(Ext4SbInfo.now());
        writeInode(info);
        sbi.ialloc.freeInode(info.ino, inode.isDir());
        icache.remove(info.ino);
    }

    /** {@code ext4_mark_inode_dirty} + {@code ext4_do_update_inode}: writes the inode now. */
    void writeInode(Ext4InodeInfo info) {
        if (sbi.readOnly) {
            return;
        }
        synchronized (info) {
            Inode vfs = info.vfs();
            Ext4Inode disk = info.toDisk(vfs == null ? 0 : vfs.size());
            byte[] raw = disk.encode(info.ino, sbi.csum ? sbi.csumSeed : null);
            sbi.dev.write(sbi.inodePos(info.ino), raw, 0, raw.length);
        }
    }

    /**
     * Writes back what of {@code info} waits in memory: its dirty extent tree blocks (under
     * {@code i_data_sem}), then the inode if it is dirty. An evicted inode is skipped; the check
     * is made under the inode's monitor, which eviction also takes before it frees the inode
     * number, so a stale inode can never overwrite the one that reuses its number.
     */
    void writeBack(Ext4InodeInfo info) {
        if (sbi.readOnly) {
            return;
        }
        if (info.extentCache().hasDirty()) {
            info.dataSem.writeLock().lock();
            try {
                ExtentTree.writeDirtyLocked(sbi, info);
            } finally {
                info.dataSem.writeLock().unlock();
            }
        }
        synchronized (info) {
            if (info.isDirty() && !info.isEvicted()) {
                writeInode(info);
            }
        }
    }

    /** The cached inodes (for writeback). */
    Collection<Inode> cached() {
        return new ArrayList<>(icache.values());
    }

    /**
     * {@code ext4_evict_inode} for an inode without links: frees its blocks and the inode itself,
     * taking it off the orphan list. Safe to call more than once.
     */
    void evict(Inode inode) {
        Ext4InodeInfo info = info(inode);
        if (sbi.isShutdown() || sbi.readOnly || !info.markEvicted()) {
            icache.remove(info.ino, inode);
            return;
        }
        inode.lock().lock();
        try {
            evictLocked(inode, info);
        } catch (FsCorruptedException e) {
            // ext4_evict_inode: the error is recorded, the inode stays as it is on disk.
            icache.remove(info.ino, inode);
            Ext4Error.fsError(sbi, "ext4_evict_inode", e);
        } finally {
            inode.lock().unlock();
        }
    }

    private void evictLocked(Inode inode, Ext4InodeInfo info) {
        {
            info.dataSem.writeLock().lock();
            try {
                if (info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
                    // The data is in the inode itself.
                } else if (info.hasFlag(Ext4Inode.EXTENTS_FL)) {
                    ExtentTree tree = new ExtentTree(sbi, info);
                    tree.removeFrom(0);
                    tree.commit();
                } else if (inode.isReg() || inode.isDir() || info.blocks() != 0) {
                    IndirectMap.freeAll(sbi, info);
                }
                GenericFile.truncateSetSize(inode, 0);
            } finally {
                info.dataSem.writeLock().unlock();
            }
            sbi.orphans.remove(info);
            info.setLinks(0);
            info.setDtime(Ext4SbInfo.now());
            writeInode(info);
            sbi.ialloc.freeInode(info.ino, StatMode.isDir(info.mode()));
            icache.remove(info.ino, inode);
        }
    }

    /** Orphan cleanup of one inode found on the on-disk chain at mount. */
    void releaseOrphan(long ino, Ext4Inode disk) {
        Inode inode = iget(ino);
        Ext4InodeInfo info = info(inode);
        info.setDtime(0);
        if (disk.linksCount() == 0) {
            inode.setNlink(0);
            evict(inode);
        } else {
            // An interrupted truncation: drop the blocks past i_size.
            inode.lock().lock();
            try {
                Ext4Truncate.truncateBlocks(inode);
            } finally {
                inode.lock().unlock();
            }
        }
    }

}
