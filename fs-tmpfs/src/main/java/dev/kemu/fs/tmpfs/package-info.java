/**
 * tmpfs ({@code mm/shmem.c}): a filesystem whose files live in the page cache only.
 *
 * <p>The one public type is {@link dev.kemu.fs.tmpfs.TmpfsType}, found by
 * {@link java.util.ServiceLoader}; everything else is package-private and plugs into the VFS
 * SPI exactly as a filesystem module does in Linux.
 *
 * <h2>Locks</h2>
 * <pre>
 * Inode.lock()  of a directory      (i_rwsem; the VFS holds it around create, mkdir, unlink, rmdir)
 *   Inode.lock()  of a child          (i_rwsem; the VFS holds it around write_iter, truncation,
 *                                      rmdir of that child; tmpfs takes it for SEEK_DATA/SEEK_HOLE)
 *     ShmemSbInfo.usedBlocks          (an atomic counter, never held: percpu_counter_limited_add)
 * </pre>
 * <ul>
 * <li>A directory's entries ({@code ShmemDir}) change only under the directory's inode lock, and
 * so do its {@code i_size} and {@code i_nlink}; lookups also run under it (the VFS calls
 * {@code lookup} with the parent locked).
 * <li>A file's allocated pages ({@code ShmemInodeInfo}) change only under the file's inode lock,
 * that is inside {@code write_begin} (called by {@code generic_perform_write} with the lock
 * held) and {@code setattr(ATTR_SIZE)}. Readers ({@code shmem_file_read_iter}, {@code getattr})
 * take no lock, as in Linux: they see a page as data once {@code write_end} has marked it up to
 * date, and the page count through an atomic.
 * <li>{@code evict} runs when nothing can reach the inode any more (no name, no open file), so
 * it takes no lock; it is idempotent because the VFS may report the last close and the last
 * unlink from two threads at once.
 * </ul>
 * tmpfs never holds two inode locks of its own accord; the parent-before-child order is the
 * VFS's ({@code fs/namei.c:lock_rename()} order for one directory level).
 */
package dev.kemu.fs.tmpfs;
