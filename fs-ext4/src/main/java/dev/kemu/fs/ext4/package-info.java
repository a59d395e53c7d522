/**
 * An ext4 filesystem for the kemu VFS ({@code fs/ext4/}), on the real on-disk format: images
 * made here pass {@code e2fsck -fn}, and images made by {@code mkfs.ext4 -b 4096} mount here.
 *
 * <p>Public types: {@link dev.kemu.fs.ext4.Ext4FileSystemType} (the {@code ext4} filesystem type
 * and its mount options), {@link dev.kemu.fs.ext4.Mkfs} (formatting),
 * {@link dev.kemu.fs.ext4.Ext4Fsck} (a consistency checker), and the devices
 * {@link dev.kemu.fs.ext4.BlockDevice}, {@link dev.kemu.fs.ext4.MemoryBlockDevice},
 * {@link dev.kemu.fs.ext4.FileBlockDevice}. Everything else is package-private machinery; the
 * byte formats live in {@code dev.kemu.fs.ext4.disklayout}.
 *
 * <h2>Where state lives</h2>
 * The device holds everything durable. Inodes, extent tree blocks and directory blocks are written
 * through to it as they change (the kernel's buffer cache plus an immediate commit). File data
 * stays in dirty page-cache pages until writeback ({@code fsync}, {@code syncfs}, unmount). The
 * block and inode bitmaps, group descriptors and superblock counters are kept in memory
 * ({@link dev.kemu.fs.ext4.BlockGroups}) and written at writeback, as a journal commit would.
 *
 * <h2>Locks, in the order they are taken</h2>
 * <pre>
 * Inode.lock()                  i_rwsem, held by the VFS around writes, truncation and directory
 * │                             changes; a parent directory before its child (rmdir; unlink, then
 * │                             evict of the victim). Different inodes are written by different
 * │                             threads at once, so nothing below may rely on it globally.
 * ├─ page monitor               AddressSpace.readCachePage / write_begin's read-in of a page
 * │  └─ Ext4InodeInfo.dataSem   i_data_sem: read for block lookups (read_folio, writeback,
 * │     │                       SEEK_DATA), write for extent tree changes; one inode at a time
 * │     ├─ Ext4Orphan lock      s_orphan_lock: the orphan list
 * │     ├─ BlockGroups.lock     bitmaps, descriptors, free counters, reservations (the kernel's
 * │     │                       group spinlocks and per-cpu counters in one)
 * │     └─ Ext4InodeInfo        monitor over the on-disk inode fields; a leaf but for the device
 * │        └─ device            per-block monitors of the RAM disk; the image's FileChannel
 * Ext4SbInfo.superLock          s_sb_lock, taken only by writeSuper with no other filesystem lock
 *                               held; takes the orphan lock and the groups lock inside it
 * </pre>
 * The orphan lock and the groups lock are never held together. The superblock record is
 * immutable and published through a volatile field, so reading it never blocks. Inode cache
 * lookups ({@code ConcurrentHashMap.computeIfAbsent}) read the device inside the map's bin lock
 * and take no other lock there.
 *
 * <h2>Errors</h2>
 * Operations return negated errnos. Corrupt metadata found deep inside raises the package-private
 * {@code FsCorruptedException}, which the operation that reached it turns into {@code -EUCLEAN}
 * ({@code EFSCORRUPTED}); a failing image file becomes {@code -EIO}. Exceptions escape only for
 * bugs and, as {@link dev.kemu.vfs.spi.MountException}, for images that cannot be mounted.
 */
package dev.kemu.fs.ext4;
