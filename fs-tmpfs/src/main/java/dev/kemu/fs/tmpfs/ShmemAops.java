package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.AddressSpaceOperations;
import java.util.Arrays;

/**
 * tmpfs address-space operations ({@code mm/shmem.c:shmem_aops}, {@code shmem_write_begin()},
 * {@code shmem_write_end()}).
 *
 * <p>{@code write_begin} is {@code shmem_get_folio(SGP_WRITE)}: the cached page if there is one,
 * else a fresh page charged to the mount (ENOSPC past the {@code size} limit, with nothing
 * changed). {@code write_end} zeroes what was not copied into a page that was not up to date,
 * marks it up to date and dirty, and extends {@code i_size}.
 *
 * <p>Divergence: {@code shmem_aops} has no {@code read_folio}; the model's VFS may still ask for
 * one when a generic path (a splice read) needs a page for a hole. {@link #readFolio} then leaves
 * the fresh, zero-filled page as it is and does not allocate it in {@link ShmemInodeInfo}, so it
 * stays a hole for SEEK_DATA and {@code st_blocks}, as {@code ZERO_PAGE} does in Linux.
 */
final class ShmemAops implements AddressSpaceOperations {
    static final ShmemAops INSTANCE = new ShmemAops();

    private ShmemAops() {
    }

    @Override
    public int readFolio(File file, Page page) {
        // A page the cache just created is already zero-filled; a page written since is up to
        // date and never comes here.
        return 0;
    }

    @Override
    public int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
        Inode inode = mapping.host();
        ShmemInodeInfo info = ShmemInodeInfo.of(inode);
        long index = pos >>> Page.SHIFT;
        if (!info.isAlloced(index)) {
            // shmem_alloc_and_add_folio -> shmem_inode_acct_blocks
            if (!ShmemSbInfo.of(inode.sb()).acctBlocks(1)) {
                return Errno.ENOSPC.negInt();
            }
            info.markAllocedLocked(index);
        }
        pagep[0] = mapping.grabCachePage(index);
        return 0;
    }

    @Override
    public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
        Inode inode = mapping.host();
        if (pos + copied > inode.size()) {
            inode.setSize(pos + copied);
        }
        if (!page.isUptodate()) {
            if (copied < Page.SIZE) {
                int from = (int) (pos & (Page.SIZE - 1));
                Arrays.fill(page.data(), 0, from, (byte) 0);
                Arrays.fill(page.data(), from + copied, Page.SIZE, (byte) 0);
            }
            page.setUptodate();
        }
        page.setDirty();
        return copied;
    }

    /** No {@code direct_IO} before 6.6 (see {@link TmpfsType}). */
    @Override
    public boolean hasDirectIO() {
        return false;
    }

    /** {@code shmem_writepage} would move the page to swap; nothing is lost by keeping it. */
    @Override
    public int writePage(Page page) {
        return 0;
    }
}
