package dev.kemu.fs.ext4;

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
 * and turns an unwritten block into a written one; a page that is not up to date is read in when
 * its block was already written, and zeroed when the block is new (a hole or an unwritten block
 * reads as zeros, and the new block's on-disk contents are stale). {@link #writeEnd} dirties the
 * page and extends {@code i_size}. Both only mark the inode dirty; it reaches the inode table at
 * writeback ({@link Ext4Writeback}). {@link #writePage} writes a dirty page to its block, with the
 * bytes past {@code i_size} as zeros ({@code block_write_full_page}). Holes and unwritten extents
 * read as zeros. Block mapping is {@link Ext4MapBlocks}'.
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
                    long pblk = Ext4MapBlocks.mapForRead(sbi, info, page.index());
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
            Arrays.fill(data, (byte) 0); // a page that is not up to date never holds half a read
            return Ext4Error.fsError(sbi, "ext4_read_folio", e);
        } catch (UncheckedIOException e) {
            Arrays.fill(data, (byte) 0);
            return Errno.EIO.negInt();
        }
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
        int flags = info.flags();
        if ((flags & Ext4Inode.EXTENTS_FL) == 0 || (flags & Ext4Inode.INLINE_DATA_FL) != 0) {
            return Errno.EOPNOTSUPP.negInt();
        }
        long lblk = pos >>> Page.SHIFT;
        if (lblk > Ext4MapBlocks.MAX_LBLK) {
            return Errno.EFBIG.negInt();
        }
        Page page = mapping.grabCachePage(lblk);
        try {
            if (page.isUptodate()) {
                int r = Ext4MapBlocks.mapForWrite(sbi, info, lblk);
                if (r < 0) {
                    return r;
                }
            } else {
                // The page monitor (the folio lock) is held across the allocation, so that no
                // reader can read the new block's stale contents into the page in between.
                synchronized (page) {
                    int r = Ext4MapBlocks.mapForWrite(sbi, info, lblk);
                    if (r < 0) {
                        return r;
                    }
                    if (!page.isUptodate()) {
                        if (r == Ext4MapBlocks.NEW) {
                            // ext4_block_write_begin + folio_zero_new_buffers: a new block is not
                            // read; what the write leaves uncovered reads as zeros, as the hole or
                            // unwritten block did. The covered part is the copy's; a page that is
                            // not up to date holds zeros there (fresh, or zeroed by a failed read).
                            int from = (int) (pos & (Page.SIZE - 1));
                            Arrays.fill(page.data(), 0, from, (byte) 0);
                            Arrays.fill(page.data(), Math.min(Page.SIZE, from + len), Page.SIZE, (byte) 0);
                        } else {
                            int err = readFolio(file, page);
                            if (err < 0) {
                                return err;
                            }
                        }
                        page.setUptodate();
                    }
                }
            }
        } catch (FsCorruptedException e) {
            return Ext4Error.fsError(sbi, "ext4_write_begin", e);
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
        pagep[0] = page;
        return 0;
    }

    @Override
    public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
        Inode inode = mapping.host();
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        long end = pos + copied;
        info.touch(Ext4SbInfo.now(), true);
        // i_size first, then the page dirty (generic_write_end updates i_size under the folio lock, which
        // writeback also takes): writeback that sees the page dirty must also see the size that covers
        // it, or it would zero the new bytes as lying past EOF and clean the page.
        if (end > inode.size()) {
            inode.setSize(end);
            info.markDirty();
        }
        if (copied > 0) {
            page.setDirty();
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
            long pblk = Ext4MapBlocks.mapForRead(sbi, info, page.index());
            if (pblk == 0) {
                // Stored through a shared mapping into a hole: ext4_page_mkwrite reserved the block and
                // delayed allocation gives it one now, at writeback (mpage_map_and_submit_extent).
                info.dataSem.readLock().unlock();
                int r;
                try {
                    r = Ext4MapBlocks.mapForWrite(sbi, info, page.index());
                } finally {
                    info.dataSem.readLock().lock();
                }
                if (r < 0) {
                    return r;
                }
                if (inode.mapping().findGetPage(page.index()) != page) {
                    page.clearDirty();
                    return 0;
                }
                pblk = Ext4MapBlocks.mapForRead(sbi, info, page.index());
                if (pblk == 0) {
                    throw new IllegalStateException("dirty page without a block after allocation: " + page);
                }
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
            return Ext4Error.fsError(sbi, "ext4_writepages", e);
        } catch (UncheckedIOException e) {
            page.setDirty();
            return Errno.EIO.negInt();
        } finally {
            info.dataSem.readLock().unlock();
        }
    }
}
