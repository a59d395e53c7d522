package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import java.io.UncheckedIOException;

/**
 * Size changes of a regular file ({@code fs/ext4/inode.c:ext4_setattr()} with {@code ATTR_SIZE},
 * {@code ext4_truncate()}, {@code ext4_block_truncate_page()}).
 *
 * <p>Shrinking zeroes the tail of the new last block (in the page cache, and the page is then
 * dirtied when that block is written so that the zeros reach the disk: bytes past EOF must read as zeros if the file grows
 * again), drops the page cache past the new size and frees every block past it. Growing only sets
 * {@code i_size}: the new range is a hole. The VFS holds the inode lock; the block removal runs
 * under {@code i_data_sem}, so writeback never writes a page whose block was just freed.
 */
final class Ext4Truncate {
    private Ext4Truncate() {
    }

    /**
     * @return 0, -EROFS on a read-only mount, -EOPNOTSUPP for a block-mapped or inline file,
     *     -EUCLEAN for a corrupt extent tree, -EIO for a failing image
     */
    static int setSize(Inode inode, long size) {
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL) || info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            return Errno.EOPNOTSUPP.negInt();
        }
        try {
            long old = inode.size();
            if (size < old) {
                int partial = (int) (size & (sbi.blockSize - 1));
                if (partial != 0) {
                    // ext4_block_truncate_page: bring the last block into the cache first.
                    int err = inode.mapping().readCachePage(null, size >>> Page.SHIFT, new Page[1]);
                    if (err < 0) {
                        return err;
                    }
                }
                info.dataSem.writeLock().lock();
                try {
                    GenericFile.truncateSetSize(inode, size);
                    if (partial != 0) {
                        Page tail = inode.mapping().findGetPage(size >>> Page.SHIFT);
                        Ext4Extent e = new ExtentTree(sbi, info).lookup(size >>> sbi.blkbits);
                        if (tail != null && e != null && !e.unwritten()) {
                            tail.setDirty();
                        }
                    }
                    removeBlocksLocked(sbi, info, size);
                } finally {
                    info.dataSem.writeLock().unlock();
                }
            } else {
                GenericFile.truncateSetSize(inode, size);
            }
            info.touch(Ext4SbInfo.now(), true);
            sbi.inodes.writeInode(info);
            return 0;
        } catch (FsCorruptedException e) {
            return Ext4Error.fsError(sbi, "ext4_setattr", e);
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
    }

    /** Frees the blocks past {@code i_size} (orphan cleanup of an interrupted truncation). */
    static void truncateBlocks(Inode inode) {
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL) || info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            return;
        }
        info.dataSem.writeLock().lock();
        try {
            removeBlocksLocked(sbi, info, inode.size());
        } finally {
            info.dataSem.writeLock().unlock();
        }
        sbi.inodes.writeInode(info);
    }

    private static void removeBlocksLocked(Ext4SbInfo sbi, Ext4InodeInfo info, long size) {
        ExtentTree tree = new ExtentTree(sbi, info);
        tree.removeFrom((size + sbi.blockSize - 1) >>> sbi.blkbits);
        tree.commit();
    }
}
