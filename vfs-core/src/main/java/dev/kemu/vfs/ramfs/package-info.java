/**
 * ramfs ({@code fs/ramfs}): the reference filesystem of the core's own tests and of device
 * nodes. Directory maps are concurrent maps changed under the directory inode's lock; file data
 * lives only in the page cache.
 */
package dev.kemu.vfs.ramfs;
