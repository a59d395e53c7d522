/**
 * An ext4 filesystem for the kemu VFS ({@code fs/ext4/}), on the real on-disk format: images
 * made here pass {@code e2fsck -fn}, and images made by {@code mkfs.ext4} with 1, 2 or 4 KiB
 * blocks mount here. The block size is the superblock's ({@code Ext4SbInfo.blockSize}); a device
 * is bytes, and a 4 KiB page-cache page holds one to four blocks, each mapped on its own.
 *
 * <p>Public types: {@link dev.kemu.fs.ext4.Ext4FileSystemType} (the {@code ext4} filesystem type
 * and its mount options), {@link dev.kemu.fs.ext4.Mkfs} (formatting),
 * {@link dev.kemu.fs.ext4.Ext4Fsck} (a consistency checker), and the devices
 * {@link dev.kemu.fs.ext4.BlockDevice}, {@link dev.kemu.fs.ext4.MemoryBlockDevice},
 * {@link dev.kemu.fs.ext4.FileBlockDevice}. Everything else is package-private machinery; the
 * byte formats live in {@code dev.kemu.fs.ext4.disklayout}.
 *
 * <h2>Where state lives</h2>
 * The device holds everything durable once it has been written back ({@code fsync}, {@code syncfs},
 * unmount, {@link dev.kemu.fs.ext4.Ext4Fsck#check(dev.kemu.vfs.SuperBlock)}); in between, the
 * newest state of some metadata is in memory, as it is in the kernel's buffer cache and running
 * journal transaction:
 * <ul>
 * <li>file data stays in dirty page-cache pages;
 * <li>each inode's extent tree is kept decoded ({@code ExtentCache}: the root and the tree blocks
 * read so far); changed tree blocks are dirty there, and encoded, checksummed and written at
 * writeback; a freed tree block is dropped from the cache, never written;
 * <li>the write path ({@code write_begin}, {@code write_end}) only marks the inode dirty
 * ({@code ext4_mark_inode_dirty}); namespace operations, truncation and eviction still write their
 * inodes at once, and directory blocks are written through;
 * <li>the block and inode bitmaps, group descriptors and superblock counters are kept in memory
 * ({@code BlockGroups}).
 * </ul>
 * Writeback writes the dirty pages, then every cached inode's dirty tree blocks and dirty fields,
 * the dirty groups and the superblock, as a journal commit would; {@code fsync} commits all of
 * that metadata, not only its own inode's, as the kernel commits the whole transaction. Only the
 * inode cache ({@code Ext4Inodes}), which never drops an inode that is still in use, has to be
 * walked to find it all.
 *
 * <h2>The journal</h2>
 * An image made by {@code mkfs.ext4} has a journal (inode 8); a writable mount of it writes
 * metadata through jbd2 ({@code Jbd2Journal}, in jbd2's on-disk format: {@code Jbd2Format},
 * {@code Jbd2SuperBlock}). Images the model formats itself ({@link dev.kemu.fs.ext4.Mkfs}) and RAM
 * disks have none and keep the ordered write-back above. With a journal:
 * <ul>
 * <li>the filesystem's device is a {@code Jbd2Device}: metadata writes (inodes, directory and
 * symlink blocks, tree blocks, bitmaps, descriptors, the superblock) go into the running
 * transaction ({@code Jbd2Transaction}) and reads see it before the home block; file data goes
 * home at once ({@code Ext4Journal.writeData}), dropping a stale journalled copy of its block
 * and revoking one still in the log;
 * <li>a commit ({@code fsync}, {@code syncfs}, unmount, a transaction over a quarter of the log or
 * older than 5 s at the next operation) writes every dirty page home, puts the in-memory
 * metadata into the transaction ({@code Ext4Writeback.beforeCommit}), writes revoke, descriptor
 * and data blocks to the log, flushes, writes the commit block, flushes, and writes the blocks
 * home; the log's tail moves only when it needs room, after a flush;
 * <li>{@code needs_recovery} is set in the superblock (written straight, before the first
 * transaction) for as long as the filesystem is mounted, and cleared at unmount after the journal
 * was emptied; a mount that finds it replays the log ({@code Jbd2Recovery}), a read-only one is
 * refused.
 * </ul>
 *
 * <h2>Locks, in the order they are taken</h2>
 * <pre>
 * Inode.lock()                  i_rwsem, held by the VFS around writes, truncation and directory
 * │                             changes; a parent directory before its child (rmdir; unlink, then
 * │                             evict of the victim). Different inodes are written by different
 * │                             threads at once, so nothing below may rely on it globally.
 * ├─ Jbd2Journal.handles        the journal handle: read lock from ext4_journal_start to _stop
 * │                             around each metadata-changing operation (nested starts free);
 * │                             write lock for a commit, which then takes everything below
 * │                             (dataSem, inode monitors, groups lock, superLock) to write the
 * │                             in-memory metadata. Never started while holding a lock below.
 * ├─ page monitor               the folio lock: AddressSpace.readCachePage's read-in, and
 * │  │                          write_begin of a page that is not up to date, held across the
 * │  │                          block allocation so that no reader sees the new block's old bytes
 * │  └─ Ext4InodeInfo.dataSem   i_data_sem: read for block lookups (read_folio, writeback,
 * │     │                       SEEK_DATA), write for extent tree changes and for writing the
 * │     │                       tree's dirty blocks back; one inode at a time. It guards the
 * │     │                       inode's ExtentCache (see below for its lock-free reads)
 * │     ├─ ExtentCache monitor  only to publish the lazily decoded root; a leaf
 * │     ├─ Ext4Orphan lock      s_orphan_lock: the orphan list
 * │     ├─ BlockGroups.lock     bitmaps, descriptors, free counters, reservations (the kernel's
 * │     │                       group spinlocks and per-cpu counters in one)
 * │     └─ Ext4InodeInfo        monitor over the on-disk inode fields and their dirty flag; a leaf
 * │        └─ device            but for the device: per-block monitors of the RAM disk, the
 * │                             image's FileChannel; a leaf under any lock above (writeback
 * │                             writes tree blocks to it under dataSem). With a journal, the
 * │                             Jbd2Journal monitor (the transactions' block tables) comes
 * │                             first, then the image
 * Ext4SbInfo.superLock          s_sb_lock, taken by writeSuper with no other filesystem lock held,
 * │                             and by Ext4Error's error record, possibly under an inode lock, a
 * │                             page monitor or dataSem (never under the groups or orphan lock);
 * │                             takes the orphan lock and the groups lock inside it
 * └─ Ext4Error lock             the pending error record and the error log; a leaf
 * </pre>
 * The orphan lock and the groups lock are never held together. The superblock record is
 * immutable and published through a volatile field, so reading it never blocks. Inode cache
 * lookups ({@code ConcurrentHashMap.computeIfAbsent}) read the device inside the map's bin lock
 * and take no other lock there. Writeback holds nothing while it walks the inodes: for each it
 * takes {@code dataSem}'s write lock to write the dirty tree blocks, releases it, then takes the
 * inode monitor to write the inode (skipping an evicted one, which eviction marks under the same
 * monitor before the inode number can be reused).
 *
 * <h2>Memory ordering of the extent cache</h2>
 * Tree nodes change only under {@code dataSem}'s write lock, whose release happens-before any
 * later acquisition of either mode, so readers see whole changes. Readers (read lock) may load
 * clean nodes concurrently; they publish them through a {@code ConcurrentHashMap}, whose
 * {@code put} happens-before the {@code get} that returns the node, and nodes published that way
 * are not changed until a writer holds the write lock. The decoded root is published through a
 * volatile field. Writeback tests a volatile "may have dirty blocks" hint without the lock and
 * takes the write lock only when it is set; a change made after the test belongs to a later
 * writeback, as a change made after a kernel commit starts belongs to the next transaction.
 *
 * <h2>Errors</h2>
 * Operations return negated errnos. Metadata is verified as it is read, as ext4 verifies it: the
 * superblock and group descriptors at mount ({@code Ext4Super}, {@code Ext4CheckDescriptors}),
 * bitmaps ({@code BlockGroups}), inodes ({@code Ext4Inodes}), extent tree blocks
 * ({@code ExtentNode}) and directory blocks ({@code Ext4ReadDirblock}). Corruption found deep
 * inside raises the package-private {@code FsCorruptedException}, which the operation that reached
 * it hands to {@code Ext4Error}: the error is logged and recorded in the superblock, the
 * filesystem turns read-only under {@code errors=remount-ro}, and the operation returns
 * {@code -EBADMSG} ({@code EFSBADCRC}, a checksum that does not match) or {@code -EUCLEAN}
 * ({@code EFSCORRUPTED}); a failing image file becomes {@code -EIO}. A mount that fails writes
 * nothing. Exceptions escape only for bugs and, as {@link dev.kemu.vfs.spi.MountException}, for
 * images that cannot be mounted, among them an image another process has in use
 * ({@link dev.kemu.fs.ext4.FileBlockDevice} locks it while open).
 */
package dev.kemu.fs.ext4;
