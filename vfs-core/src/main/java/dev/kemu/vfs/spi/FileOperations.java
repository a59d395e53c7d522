package dev.kemu.vfs.spi;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;

/**
 * What can be done with an open file ({@code include/linux/fs.h:struct file_operations}).
 *
 * <p>Return values are byte counts, offsets or negated errnos. A filesystem supplies one
 * instance per kind of inode (regular file, directory); the VFS's generic helpers
 * ({@code GenericFile}) implement the common cases, as {@code mm/filemap.c} and
 * {@code fs/libfs.c} do.
 *
 * <p>Splice is declared, not implemented, here: the splice machinery lives above the VFS, and
 * what differs between filesystems is only which generic helper they plug in
 * ({@code filemap_splice_read} vs {@code copy_splice_read}, {@code iter_file_splice_write}) or that
 * they have none; see {@link SpliceRead} and {@link SpliceWrite}.
 */
public interface FileOperations {
    /** {@code llseek}; the default is {@code no_llseek} (ESPIPE). */
    default long llseek(File file, long offset, int whence) {
        return Errno.ESPIPE.neg();
    }

    /** {@code read_iter}; the default is absent (EINVAL, as {@code vfs_read} without a read method). */
    default long readIter(Kiocb iocb, IovIter to) {
        return Errno.EINVAL.neg();
    }

    /** {@code write_iter}; the default is absent (EINVAL). */
    default long writeIter(Kiocb iocb, IovIter from) {
        return Errno.EINVAL.neg();
    }

    /** True when {@link #readIter} is implemented (a {@code read_iter} method exists). */
    default boolean canRead() {
        return true;
    }

    /** True when {@link #writeIter} is implemented. */
    default boolean canWrite() {
        return true;
    }

    /** {@code open}: called once the file is set up; may adjust {@code f_mode}. 0 or a negated errno. */
    default int open(Inode inode, File file) {
        return 0;
    }

    /** {@code release}: the last reference to the file is gone. */
    default void release(Inode inode, File file) {
    }

    /** {@code fsync}. */
    default int fsync(File file) {
        return 0;
    }

    /** Which {@code splice_read} this file has. */
    default SpliceRead spliceRead() {
        return SpliceRead.NONE;
    }

    /** Which {@code splice_write} this file has. */
    default SpliceWrite spliceWrite() {
        return SpliceWrite.NONE;
    }

    /** Which {@code mmap} this file has; without one, mmap is ENODEV. */
    default Mmap mmap() {
        return Mmap.NONE;
    }

    /** The {@code mmap} method a file plugs in. */
    enum Mmap {
        /** No {@code mmap} (pipes, procfs files, directories): ENODEV. */
        NONE,
        /** {@code generic_file_mmap} / {@code filemap_fault}: the mapping's pages are the page-cache pages. */
        FILEMAP,
        /** {@code drivers/char/mem.c:mmap_zero()}: the mapping is anonymous memory. */
        ANONYMOUS
    }

    /** The {@code splice_read} method a file plugs in. */
    enum SpliceRead {
        /** No {@code splice_read}: EINVAL from 5.10, the {@code default_file_splice_read} fallback before. */
        NONE,
        /** {@code filemap_splice_read} / {@code generic_file_splice_read}: pipe buffers reference page-cache pages. */
        FILEMAP,
        /** {@code copy_splice_read}: data is read with {@code read_iter} into private pages. */
        COPY
    }

    /** The {@code splice_write} method a file plugs in. */
    enum SpliceWrite {
        /** No {@code splice_write}: EINVAL from 5.10, {@code default_file_splice_write} before. */
        NONE,
        /** {@code iter_file_splice_write} (upstream) / {@code generic_file_splice_write} (3.10). */
        GENERIC,
        /** {@code drivers/char/mem.c:splice_write_null()}: the pipe is drained and its data dropped. */
        DISCARD
    }
}
