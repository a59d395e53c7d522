/**
 * ext4's on-disk structures ({@code fs/ext4/ext4.h}, {@code fs/ext4/ext4_extents.h},
 * {@code fs/ext4/xattr.h}, and the kernel's {@code Documentation/filesystems/ext4/} layout
 * description), decoded from and encoded to little-endian bytes, with the {@code metadata_csum}
 * checksum rules ({@link dev.kemu.fs.ext4.disklayout.Ext4Checksums}) and the block group geometry
 * ({@link dev.kemu.fs.ext4.disklayout.Ext4Geometry}).
 *
 * <p>Records are named after the C structs and validate their fields in the compact constructor;
 * those that stand for a larger on-disk area than they model (the superblock, the inode) carry
 * the original bytes so that encoding preserves what they do not understand. Arrays are copied
 * in and out.
 *
 * <p>Locking: none. Records are immutable; the static methods work on the caller's arrays, which
 * the caller guards.
 */
package dev.kemu.fs.ext4.disklayout;
