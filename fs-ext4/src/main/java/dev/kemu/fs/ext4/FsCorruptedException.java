package dev.kemu.fs.ext4;

import dev.kemu.vfs.Errno;

/**
 * Metadata read from the device is inconsistent: {@code EFSCORRUPTED} ({@code EUCLEAN}) for a bad
 * structure (an extent header, a directory entry that leaves its block), {@code EFSBADCRC}
 * ({@code EBADMSG}) for a checksum that does not match ({@code fs/ext4/ext4.h}). Thrown deep inside
 * the metadata code and turned into the errno by the operation that reached it, through
 * {@link Ext4Error#fsError}, which records the error as {@code ext4_error} does; it never crosses
 * the syscall boundary.
 */
final class FsCorruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Errno errno;
    /** Already recorded through {@link Ext4Error} where it was found. */
    private final boolean reported;
    /** The inode and block involved, 0 when unknown (for the superblock's error record). */
    private final long ino;
    private final long block;

    FsCorruptedException(String message) {
        this(Errno.EUCLEAN, message, 0, 0, false);
    }

    private FsCorruptedException(Errno errno, String message, long ino, long block, boolean reported) {
        super(message);
        this.errno = errno;
        this.reported = reported;
        this.ino = ino;
        this.block = block;
    }

    /** {@code EFSCORRUPTED} about inode {@code ino} (0: none) and block {@code block} (0: none). */
    static FsCorruptedException corrupted(long ino, long block, String message) {
        return new FsCorruptedException(Errno.EUCLEAN, message, ino, block, false);
    }

    /** {@code EFSBADCRC}: a checksum that does not match. */
    static FsCorruptedException badCrc(long ino, long block, String message) {
        return new FsCorruptedException(Errno.EBADMSG, message, ino, block, false);
    }

    /** {@code EFSBADCRC} that its finder has recorded already (a bitmap, under the groups lock). */
    static FsCorruptedException badCrcReported(long block, String message) {
        return new FsCorruptedException(Errno.EBADMSG, message, 0, block, true);
    }

    boolean reported() {
        return reported;
    }

    /** The errno ({@code EUCLEAN} or {@code EBADMSG}). */
    Errno errnoValue() {
        return errno;
    }

    long ino() {
        return ino;
    }

    long block() {
        return block;
    }

    /**
     * The errno an operation returns for corruption it found without an exception at hand.
     * Prefer {@link Ext4Error#fsError}, which also records the error.
     */
    static int errno() {
        return Errno.EUCLEAN.negInt();
    }
}
