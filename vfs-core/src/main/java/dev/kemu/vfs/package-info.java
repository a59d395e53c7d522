/**
 * The Linux VFS model: tasks, descriptor tables, open files, inodes, dentries, mounts, the page
 * cache, and the VFS system calls ({@link dev.kemu.vfs.VfsSyscalls}).
 *
 * <h2>Results</h2>
 * Kernel functions return a {@code long} that is a result or a negated {@link dev.kemu.vfs.Errno},
 * exactly like the kernel's {@code ssize_t}. Exceptions are bugs.
 *
 * <h2>Lock order</h2>
 * <pre>
 * pipe->mutex (dev.kemu.pipe, two pipes by id)      taken first by splice paths
 * SuperBlock.renameMutex() (s_vfs_rename_mutex)     rename between two directories only
 *   Inode.lock()  (i_rwsem)                          directory changes, writes, truncation;
 *                                                    rename: the ancestor directory first, else
 *                                                    the lower inode number (lock_rename)
 *     child Inode.lock() (rmdir's victim,           parent before child, as I_MUTEX_PARENT/CHILD
 *       rename's target, link's source)
 *     MmStruct.lock() (mmap_lock)                    mapping changes; faulting in a user page
 *       Page monitor (readCachePage only)            read_folio of one page
 * Inode monitor (i_lock)                             FIFO's i_pipe and the pipe's file count;
 *                                                    inside pipe->mutex or alone
 * File.posLock() (f_pos_lock)                        taken before any of the above by read/write/lseek
 * FdTable monitor (files->file_lock)                 never held while calling out
 * File monitor                                       F_SETFL only
 * UnixSock.lock (unix_state_lock)                    a socket's name, peer, receive queue and
 *                                                    send-buffer count, one lock for both ends of
 *                                                    a socketpair; taken inside pipe->mutex by
 *                                                    splices to and from sockets; a leaf, except
 *                                                    that bind takes a directory's Inode.lock()
 *                                                    under it to remove a name made for a bound
 *                                                    socket; a blocked send or receive sleeps on
 *                                                    its sk_sleep condition
 * PollTable lock (poll_wqueues)                      a leaf: pollwake takes it inside whatever
 *                                                    lock wakes a wait queue the poller registered
 * Vfs monitor                                        creating sockfs, a leaf
 * TaskList.lock() (tasklist_lock)                    parents, children, exit states, thread
 *                                                    groups; a leaf: exit and execve close
 *                                                    descriptors and drop address spaces outside
 *                                                    it; a wait4 or vfork parent sleeps on its
 *                                                    conditions
 * SighandStruct monitor (siglock)                    dispositions; a leaf, also taken under
 *                                                    TaskList.lock()
 * </pre>
 *
 * <h2>Memory ordering</h2>
 * <ul>
 * <li>{@code i_size} is a volatile read without the lock ({@code i_size_read}) and written under
 * {@code Inode.lock()}; a reader that sees a new size sees the page contents written before it,
 * because the writer stores the bytes before publishing the size.</li>
 * <li>Page contents are plain {@code byte[]} stores made under the owner's lock (the inode's for
 * the page cache, the pipe's for pipe pages, the task's thread for user pages) and read under
 * the lock that published the page reference; a reader of a page-cache page through a pipe
 * buffer may race a concurrent writer exactly as the kernel's reader does (torn bytes, never
 * torn references).</li>
 * <li>The page cache map is a {@code ConcurrentSkipListMap}: a page is published by
 * {@code putIfAbsent} and never replaced while cached.</li>
 * <li>A task's pending signals are a volatile word; raising one interrupts the thread running
 * the task's syscall, so a {@code Condition.await} under any lock returns and the caller sees
 * {@code signalPending()}. The pending word is set before the interrupt, so an interrupt that
 * finds no signal pending is a leftover of a signal already delivered (the raiser read the
 * thread just before {@code exit()}); {@code sleepOn} treats it as a spurious wake-up.</li>
 * </ul>
 */
package dev.kemu.vfs;
