package dev.kemu.vfs.spi;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Page;

/**
 * How a filesystem moves pages between its storage and the page cache
 * ({@code include/linux/fs.h:struct address_space_operations}).
 *
 * <p>Errors are negated errnos, as in the kernel. {@code writeBegin} and {@code writeEnd} are the
 * hooks through which {@code generic_perform_write} and 3.10's {@code pipe_to_file} reach the
 * destination page: {@code writeBegin} returns the very page-cache page the bytes will land in.
 */
public interface AddressSpaceOperations {
    /** {@code read_folio}/{@code readpage}: fills {@code page} from storage (zeros for a hole). */
    int readFolio(File file, Page page);

    /**
     * {@code write_begin}: prepares the page that will receive {@code len} bytes at {@code pos}
     * (allocating blocks as needed) and stores it in {@code pagep[0]}.
     *
     * @return 0, or -ENOSPC, -EFBIG, ... with nothing changed
     */
    int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep);

    /**
     * {@code write_end}: {@code copied} bytes were stored in {@code page} at {@code pos}; marks the
     * page dirty and extends {@code i_size} if the write went past it.
     *
     * @return bytes accepted (normally {@code copied})
     */
    int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page);

    /** True when the filesystem has a {@code direct_IO} method (O_DIRECT opens and F_SETFL succeed). */
    default boolean hasDirectIO() {
        return false;
    }

    /** {@code writepage}: writes a dirty page back to storage; 0 or a negated errno. */
    default int writePage(Page page) {
        page.clearDirty();
        return 0;
    }
}
