package dev.kemu.vfs.ramfs;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.spi.AddressSpaceOperations;

/**
 * ramfs address-space operations ({@code fs/libfs.c:simple_write_begin()},
 * {@code simple_write_end()}, {@code simple_read_folio()}): a page that was never written is a
 * hole and reads as zeros.
 */
final class RamfsAops implements AddressSpaceOperations {
    static final RamfsAops INSTANCE = new RamfsAops();

    @Override
    public int readFolio(File file, Page page) {
        // A fresh page is already zero-filled.
        return 0;
    }

    @Override
    public int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
        pagep[0] = mapping.grabCachePage(pos >>> Page.SHIFT);
        return 0;
    }

    @Override
    public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
        page.setUptodate();
        page.setDirty();
        long end = pos + copied;
        if (end > mapping.host().size()) {
            mapping.host().setSize(end);
        }
        return copied;
    }
}
