package dev.kemu.fs.ext4;

import dev.kemu.vfs.Errno;

/**
 * Metadata read from the device is inconsistent ({@code EFSCORRUPTED} in {@code fs/ext4/ext4.h},
 * which is {@code EUCLEAN}): a bad extent header, a checksum that does not match, a directory
 * entry that leaves its block. Thrown deep inside the metadata code and turned into
 * {@code -EUCLEAN} by the operation that reached it (the {@code *Operations} methods), so it never
 * crosses the syscall boundary.
 */
final class FsCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FsCorruptedException(String message) {
        super(message);
    }

    /** The errno an operation returns for this. */
    static int errno() {
        return Errno.EUCLEAN.negInt();
    }
}
