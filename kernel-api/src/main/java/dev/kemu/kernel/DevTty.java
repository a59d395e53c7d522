package dev.kemu.kernel;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code /dev/tty}, 5:0 ({@code drivers/tty/tty_io.c:tty_open()}): the opener's controlling terminal. Terminals are
 * outside the model and no emulated task has one, so the open fails as {@code tty_open_current_tty()} fails for a
 * process without a controlling terminal: ENXIO. (A shell run without a terminal meets this at start.)
 */
final class DevTty implements FileOperations {
    /** {@code makedev(5, 0)}. */
    static final long RDEV = 0x500;

    @Override
    public int open(Inode inode, File file) {
        return (int) Errno.ENXIO.neg();
    }
}
