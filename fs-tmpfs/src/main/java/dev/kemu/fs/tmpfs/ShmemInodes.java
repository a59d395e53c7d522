package dev.kemu.fs.tmpfs;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.SuperBlock;

/**
 * Inode creation ({@code mm/shmem.c:__shmem_get_inode()}): a regular file gets the shmem file
 * and address-space operations and an empty {@link ShmemInodeInfo}; a directory gets
 * {@code i_nlink} 2 and {@code i_size = 2 * BOGO_DIRENT_SIZE} ("some things misbehave if size == 0
 * on a directory").
 */
final class ShmemInodes {
    /** {@code BOGO_DIRENT_SIZE}: what one entry adds to a directory's {@code i_size}. */
    static final int BOGO_DIRENT_SIZE = 20;

    private ShmemInodes() {
    }

    static Inode newFile(SuperBlock sb, int mode) {
        Inode inode = sb.newInode(mode, ShmemFile.IOPS, ShmemFile.FOPS, ShmemAops.INSTANCE);
        inode.setFsPrivate(new ShmemInodeInfo());
        return inode;
    }

    /** {@code shmem_symlink}: the body in {@code i_private} ({@code inode->i_link} for short ones). */
    static Inode newSymlink(SuperBlock sb, String body, int len) {
        Inode inode = sb.newInode(dev.kemu.vfs.StatMode.S_IFLNK | 0777, ShmemDir.SYMLINK_IOPS, new dev.kemu.vfs.spi.FileOperations() {
        }, ShmemAops.INSTANCE);
        inode.setFsPrivate(body);
        inode.setSize(len);
        return inode;
    }

    /** {@code shmem_whiteout}: a character device 0:0 left under a renamed name. */
    static Inode newWhiteout(SuperBlock sb) {
        return sb.newInode(dev.kemu.vfs.StatMode.S_IFCHR, ShmemDir.SPECIAL_IOPS, new dev.kemu.vfs.spi.FileOperations() {
        }, ShmemAops.INSTANCE);
    }

    /** {@code shmem_special_inode_operations}: nothing a FIFO or device node needs from tmpfs. */
    static final dev.kemu.vfs.spi.InodeOperations SPECIAL_IOPS = new dev.kemu.vfs.spi.InodeOperations() {
    };

    /** The {@code default:} branch of {@code __shmem_get_inode}: {@code init_special_inode}. */
    static Inode newSpecial(SuperBlock sb, int mode, long rdev) {
        Inode inode = sb.newInode(mode, SPECIAL_IOPS, ShmemFile.FOPS, ShmemAops.INSTANCE);
        inode.initSpecial(rdev);
        return inode;
    }

    static Inode newDir(SuperBlock sb, int mode) {
        // The VFS's inode already starts directories at nlink 2 (inc_nlink after new_inode).
        Inode dir = sb.newInode(mode, ShmemDir.IOPS, ShmemDir.FOPS, ShmemAops.INSTANCE);
        dir.setFsPrivate(new ShmemDirents());
        dir.setSize(2L * BOGO_DIRENT_SIZE);
        return dir;
    }
}
