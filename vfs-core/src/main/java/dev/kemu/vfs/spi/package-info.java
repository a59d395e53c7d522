/**
 * What a filesystem implements to plug into the VFS: {@link dev.kemu.vfs.spi.FileSystemType}
 * (found with {@link java.util.ServiceLoader}), and the operation tables of the kernel
 * ({@code super_operations}, {@code inode_operations}, {@code file_operations},
 * {@code address_space_operations}).
 *
 * <p>The VFS calls inode operations with the directory's or the inode's {@code Inode.lock()}
 * held, as the kernel holds {@code i_rwsem}; address-space operations are called from
 * {@code generic_perform_write} with the inode lock held and from reads without it. A filesystem
 * with shared allocator state (bitmaps) needs a lock of its own for it, taken inside the inode
 * lock.
 */
package dev.kemu.vfs.spi;
