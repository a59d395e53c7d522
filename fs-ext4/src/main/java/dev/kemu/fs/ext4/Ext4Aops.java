package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.AddressSpaceOperations;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * ext4's address-space operations with {@code nodelalloc} ({@code fs/ext4/inode.c:ext4_aops}:
 * {@code ext4_read_folio()} through {@code ext4_mpage_readpages()}, {@code ext4_write_begin()},
 * {@code ext4_write_end()}, {@code ext4_writepage()}, {@code ext4_direct_IO} present).
 *
 * <p>Blocks are 4 KiB, so page {@code n} is logical block {@code n}. {@link #writeBegin}
 * allocates the page's block when it is a hole (ENOSPC, with nothing changed, when none is free)
 * and turns an unwritten block into a written one; the page is read in first unless it is up to
 * date. {@link #writeEnd} dirties the page and extends {@code i_size}. {@link #writePage} writes a
 * dirty page to its block, with the bytes past {@code i_size} as zeros
 * ({@code block_write_full_page}). Holes and unwritten extents read as zeros.
 *
 * <p>Errors: {@code read_folio} gives EUCLEAN for a corrupt extent tree and EIO for a failing
 * image; {@code write_begin} gives EROFS on a read-only mount, ENOSPC when no block is free (the
 * file is unchanged), EFBIG past the last logical block, EOPNOTSUPP for block-mapped and inline
 * files, and the same EUCLEAN and EIO.
 *
 * <p>Deliberate divergence: delayed allocation is not modelled; blocks are allocated at
 * {@code write_begin}, as with {@code -o nodelalloc}.
 */
final class Ext4Aops implements AddressSpaceOperations {
    static final Ext4Aops INSTANCE = new Ext4Aops();
    /** The last logical block an extent can map ({@code EXT_MAX_BLOCKS - 1}). */
    static final long MAX_LBLK = 0xFFFFFFFEL;

    private Ext4Aops() {
    }

    @Override
    public int readFolio(File file, Page page) {
        Inode inode = page.mapping().host();
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (sbi.isShutdown()) {
            return Errno.EIO.negInt();
        }
        byte[] data = page.data();
        try {
            if (info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
                InlineData.readPage(info, page);
            } else {
                info.dataSem.readLock().lock();
                try {
                    long pblk = mapForRead(sbi, info, page.index());
                    if (pblk > 0) {
                        sbi.dev.readBlock(pblk, data, 0);
                    } else {
                        Arrays.fill(data, (byte) 0);
                    }
                } finally {
                    info.dataSem.readLock().unlock();
                }
            }
            long start = page.index() << Page.SHIFT;
            long size = inode.size();
            if (size < start + Page.SIZE) {
                // ext4_mpage_readpages: what lies past EOF reads as zeros.
                Arrays.fill(data, (int) Math.max(0, Math.min(Page.SIZE, size - start)), Page.SIZE, (byte) 0);
            }
            return 0;
        } catch (FsCorruptedException e) {
            return FsCorruptedException.errno();
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
    }

    /** {@code ext4_map_blocks} without creation: the block to read, or 0 for a hole or unwritten block. */
    static long mapForRead(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        if (lblk > MAX_LBLK) {
            return 0;
        }
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL)) {
            return IndirectMap.map(sbi, info, lblk);
        }
        Ext4Extent e = new ExtentTree(sbi, info).lookup(lblk);
        return e == null || e.unwritten() ? 0 : e.pblk(lblk);
    }

    @Override
    public int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
        Inode inode = mapping.host();
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        if (sbi.isShutdown()) {
            return Errno.EIO.negInt();
        }
        if (!info.hasFlag(Ext4Inode.EXTENTS_FL) || info.hasFlag(Ext4Inode.INLINE_DATA_FL)) {
            return Errno.EOPNOTSUPP.negInt();
        }
        long lblk = pos >>> Page.SHIFT;
        if (lblk > MAX_LBLK) {
            return Errno.EFBIG.negInt();
        }
        Page page = mapping.grabCachePage(lblk);
        if (!page.isUptodate()) {
            synchronized (page) {
                if (!page.isUptodate()) {
                    int err = readFolio(file, page);
                    if (err < 0) {
                        return err;
                    }
                    page.setUptodate();
                }
            }
        }
        try {
            int err = mapForWrite(sbi, info, lblk);
            if (err < 0) {
                return err;
            }
        } catch (FsCorruptedException e) {
            return FsCorruptedException.errno();
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        pagep[0] = page;
        return 0;
    }

    /**
     * {@code ext4_map_blocks} with {@code EXT4_GET_BLOCKS_CREATE}: gives {@code lblk} a written
     * block, allocating it next to the previous block of the file when possible.
     */
    static int mapForWrite(Ext4SbInfo sbi, Ext4InodeInfo info, long lblk) {
        info.dataSem.writeLock().lock();
        try {
            ExtentTree tree = new ExtentTree(sbi, info);
            Ext4Extent e = tree.lookup(lblk);
            if (e != null && !e.unwritten()) {
                return 0;
            }
            int need = e == null ? tree.maxNewTreeBlocks() + 1 : 2 * (tree.maxNewTreeBlocks() + 1);
            try (Reservation res = sbi.groups.claim(need)) {
                if (res == null) {
                    return Errno.ENOSPC.negInt();
                }
                tree.using(res);
                if (e == null) {
                    Ext4Extent prev = lblk > 0 ? tree.lookup(lblk - 1) : null;
                    long goal = prev != null ? prev.pblk(lblk - 1) + 1 : sbi.mballoc.goalForInode(info.ino);
                    long pblk = sbi.mballoc.newBlock(goal, res);
                    info.addBlocks(BlockDevice.BLOCK_SIZE / 512);
                    tree.insert(new Ext4Extent(lblk, 1, false, pblk));
                } else {
                    tree.convertToWritten(lblk);
                }
            }
            tree.commit();
        } finally {
            info.dataSem.writeLock().unlock();
        }
        sbi.inodes.writeInode(info);
        return 0;
    }

    @Override
    public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
        Inode inode = mapping.host();
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (copied > 0) {
            page.setDirty();
        }
        long end = pos + copied;
        info.touch(Ext4SbInfo.now(), true);
        if (end > inode.size()) {
            inode.setSize(end);
            Ext4SbInfo.of(inode).inodes.writeInode(info);
        }
        if (copied < len && pos + len > inode.size()) {
            // ext4_write_end → ext4_truncate_failed_write: a short copy must not leave a block
            // allocated past EOF.
            mapping.truncateFrom(inode.size());
            Ext4Truncate.truncateBlocks(inode);
        }
        return copied;
    }

    @Override
    public boolean hasDirectIO() {
        return true;
    }

    @Override
    public int writePage(Page page) {
        Inode inode = page.mapping().host();
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (sbi.isShutdown() || sbi.readOnly || info.isEvicted()) {
            page.clearDirty();
            return 0;
        }
        info.dataSem.readLock().lock();
        try {
            if (inode.mapping().findGetPage(page.index()) != page) {
                page.clearDirty(); // truncated away
                return 0;
            }
            long pblk = mapForRead(sbi, info, page.index());
            if (pblk == 0) {
                throw new IllegalStateException("dirty page without a block: " + page);
            }
            page.clearDirty();
            byte[] copy = page.data().clone();
            long start = page.index() << Page.SHIFT;
            long size = inode.size();
            if (size < start + Page.SIZE) {
                Arrays.fill(copy, (int) Math.max(0, Math.min(Page.SIZE, size - start)), Page.SIZE, (byte) 0);
            }
            sbi.dev.writeBlock(pblk, copy, 0);
            return 0;
        } catch (FsCorruptedException e) {
            page.setDirty();
            return FsCorruptedException.errno();
        } catch (UncheckedIOException e) {
            page.setDirty();
            return Errno.EIO.negInt();
        } finally {
            info.dataSem.readLock().unlock();
        }
    }
}
