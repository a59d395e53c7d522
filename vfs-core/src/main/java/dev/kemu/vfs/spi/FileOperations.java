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

    /**
     * {@code iterate_shared}: emits the directory's entries from {@code ctx.pos()}; 0 or a
     * negated errno. The default is none: {@code getdents64} answers ENOTDIR.
     */
    default int iterateShared(File file, DirContext ctx) {
        return Errno.ENOTDIR.negInt();
    }

    /** True when {@link #iterateShared} is implemented. */
    default boolean canIterate() {
        return false;
    }

    /** {@code fsync}. */
    /**
     * {@code fsync}: writes the file's data and metadata back. The default is absent:
     * {@code fs/sync.c:vfs_fsync_range()} answers EINVAL for a file without the method (a pipe, a
     * character device, a procfs file); in-memory filesystems answer {@link #noopFsync()}.
     */
    default int fsync(File file) {
        return Errno.EINVAL.negInt();
    }

    /** {@code fs/libfs.c:noop_fsync()}, for the fsync of in-memory filesystems. */
    static int noopFsync() {
        return 0;
    }

    /**
     * {@code fallocate}: {@code mode} has passed {@code fs/open.c:vfs_fallocate()}'s checks; the
     * range is within {@code s_maxbytes}. The default is absent (EOPNOTSUPP), as on ramfs.
     */
    default long fallocate(File file, int mode, long offset, long len) {
        return Errno.EOPNOTSUPP.neg();
    }

    /**
     * {@code unlocked_ioctl}, for the commands {@code fs/ioctl.c:do_vfs_ioctl()} leaves to the file.
     * {@code arg} is the argument as a number, {@code argp} the memory it points to (null when it
     * does not point anywhere valid). The default is absent: ENOTTY.
     */
    default long ioctl(File file, int cmd, long arg, dev.kemu.vfs.UserBuffer argp) {
        return Errno.ENOTTY.neg();
    }

    /**
     * {@code poll}: the events the file is ready for, after registering its wait queues with
     * {@code pt} ({@code poll_wait}). The default is no method: {@code vfs_poll} answers
     * {@link dev.kemu.vfs.PollTable#DEFAULT_POLLMASK} (regular files, directories, most devices).
     */
    default int poll(File file, dev.kemu.vfs.PollTable pt) {
        return dev.kemu.vfs.PollTable.DEFAULT_POLLMASK;
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
        DISCARD,
        /**
         * {@code fs/splice.c:splice_to_socket()} (6.5+; {@code generic_splice_sendpage} before):
         * the pipe's buffers go to the socket's {@code sendmsg} ({@code write_iter} here).
         */
        SOCKET
    }
}
