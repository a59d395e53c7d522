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
 * <p>A 4 KiB page holds {@code PAGE_SIZE >> blkbits} blocks (one of 4 KiB, two of 2 KiB, four of
 * 1 KiB), each mapped on its own, as the kernel maps a folio's buffer heads: the blocks of one
 * page may lie anywhere on the device, and any of them may be a hole or unwritten.
 * {@link #readFolio} reads each mapped block into its part of the page and zeroes the others
 * ({@code block_read_full_folio}, {@code ext4_mpage_readpages}). {@link #writeBegin} reads a page
 * that is not up to date, then allocates the blocks the write covers that are holes (ENOSPC, with
 * nothing changed, when none is free) and turns unwritten ones into written ones
 * ({@code ext4_block_write_begin}): a new block's on-disk contents are stale, but the page already
 * holds the zeros the hole or unwritten block read as. {@link #writeEnd} dirties the page and
 * extends {@code i_size}. Both only mark the inode dirty; it reaches the inode table at writeback
 * ({@link Ext4Writeback}). {@link #writePage} writes each mapped block of a dirty page that starts
 * before {@code i_size}, with the bytes past {@code i_size} as zeros
 * ({@code block_write_full_folio}). Block mapping is {@link Ext4MapBlocks}'.
 *
 * <p>Errors: {@code read_folio} gives EUCLEAN for a corrupt extent tree and EIO for a failing
 * image; {@code write_begin} gives EROFS on a read-only mount, ENOSPC when no block is free (the
 * file is unchanged), EFBIG past the last logical block, EOPNOTSUPP for block-mapped and inline
 * files, and the same EUCLEAN and EIO.
 *
 * <p>Deliberate divergences: delayed allocation is not modelled; blocks are allocated at
 * {@code write_begin}, as with {@code -o nodelalloc}. Pages carry no per-block dirty state (no
 * buffer heads): a dirty page's hole is given a block at writeback, as {@code ext4_page_mkwrite}
 * would have for a store through a shared mapping, only when the page holds bytes other than
 * zeros there (or when the page is one block), so a hole next to a block written by
 * {@code write} stays a hole.
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
                    long first = firstBlock(sbi, page);
                    for (int i = 0; i < sbi.blocksPerPage; i++) {
                        int off = i << sbi.blkbits;
                        long pblk = Ext4MapBlocks.mapForRead(sbi, info, first + i);
                        if (pblk > 0) {
                            sbi.dev.readBlock(pblk, sbi.blockSize, data, off);
                        } else {
                            Arrays.fill(data, off, off + sbi.blockSize, (byte) 0);
                        }
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
        // ext4_write_begin starts the handle that ext4_write_end stops: the allocation and the
        // size that covers it land in one transaction.
        Ext4Journal.Handle handle = Ext4Journal.start(mapping.host());
        int r = writeBeginHandle(file, mapping, pos, len, pagep);
        if (r < 0) {
            handle.close();
        }
        return r;
    }

    private int writeBeginHandle(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
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
        long lblk = pos >>> sbi.blkbits;
        if (lblk > Ext4MapBlocks.MAX_LBLK) {
            return Errno.EFBIG.negInt();
        }
        // The write stays within one page (generic_perform_write); these are its blocks.
        long lastLblk = Math.min(Ext4MapBlocks.MAX_LBLK, (pos + Math.max(len, 1) - 1) >>> sbi.blkbits);
        Page page = mapping.grabCachePage(pos >>> Page.SHIFT);
        try {
            if (page.isUptodate()) {
                int r = mapRange(sbi, info, lblk, lastLblk);
                if (r < 0) {
                    return r;
                }
            } else {
                // The page monitor (the folio lock) is held across the read and the allocation,
                // so that no reader can read a new block's stale contents into the page in
                // between. The page is read before the allocation: the blocks about to be
                // allocated are still holes or unwritten then, and read as the zeros the write
                // leaves uncovered (folio_zero_new_buffers).
                synchronized (page) {
                    if (!page.isUptodate()) {
                        int err = readFolio(file, page);
                        if (err < 0) {
                            return err;
                        }
                    }
                    int r = mapRange(sbi, info, lblk, lastLblk);
                    if (r < 0) {
                        return r;
                    }
                    page.setUptodate();
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

    /** The first logical block {@code page} covers. */
    private static long firstBlock(Ext4SbInfo sbi, Page page) {
        return page.index() << (Page.SHIFT - sbi.blkbits);
    }

    /** {@code ext4_map_blocks} with creation for each block of {@code [first, last]}; 0 or the first error. */
    private static int mapRange(Ext4SbInfo sbi, Ext4InodeInfo info, long first, long last) {
        for (long b = first; b <= last; b++) {
            int r = Ext4MapBlocks.mapForWrite(sbi, info, b);
            if (r < 0) {
                return r;
            }
        }
        return 0;
    }

    @Override
    public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
        Jbd2Journal journal = Ext4Journal.of(Ext4SbInfo.of(mapping.host()));
        try {
            return writeEndHandle(mapping, pos, len, copied, page);
        } finally {
            if (journal != null) {
                journal.handleStop();
            }
        }
    }

    private int writeEndHandle(AddressSpace mapping, long pos, int len, int copied, Page page) {
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
        long start = page.index() << Page.SHIFT;
        long first = firstBlock(sbi, page);
        info.dataSem.readLock().lock();
        try {
            if (inode.mapping().findGetPage(page.index()) != page) {
                page.clearDirty(); // truncated away
                return 0;
            }
            for (int i = 0; i < sbi.blocksPerPage && start + ((long) i << sbi.blkbits) < inode.size(); i++) {
                if (Ext4MapBlocks.mapForRead(sbi, info, first + i) != 0 || !storedInHole(sbi, page.data(), i)) {
                    continue;
                }
                // Stored through a shared mapping into a hole: ext4_page_mkwrite reserved the block and
                // delayed allocation gives it one now, at writeback (mpage_map_and_submit_extent).
                info.dataSem.readLock().unlock();
                int r;
                try (Ext4Journal.Handle h = Ext4Journal.start(sbi)) {
                    r = Ext4MapBlocks.mapForWrite(sbi, info, first + i);
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
            }
            page.clearDirty();
            byte[] copy = page.data().clone();
            long size = inode.size();
            if (size < start + Page.SIZE) {
                Arrays.fill(copy, (int) Math.max(0, Math.min(Page.SIZE, size - start)), Page.SIZE, (byte) 0);
            }
            for (int i = 0; i < sbi.blocksPerPage && start + ((long) i << sbi.blkbits) < size; i++) {
                long pblk = Ext4MapBlocks.mapForRead(sbi, info, first + i);
                if (pblk != 0) {
                    Ext4Journal.writeData(sbi, pblk, copy, i << sbi.blkbits);
                } else if (storedInHole(sbi, copy, i)) {
                    page.setDirty(); // stored after the allocation above: the next writeback gives it a block
                }
            }
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

    /**
     * Whether block {@code i} of a dirty page, a hole or unwritten, needs a block: always when the
     * page is one block, else when the page holds something other than zeros there.
     */
    private static boolean storedInHole(Ext4SbInfo sbi, byte[] data, int i) {
        if (sbi.blocksPerPage == 1) {
            return true;
        }
        for (int k = i << sbi.blkbits, end = k + sbi.blockSize; k < end; k++) {
            if (data[k] != 0) {
                return true;
            }
        }
        return false;
    }
}
