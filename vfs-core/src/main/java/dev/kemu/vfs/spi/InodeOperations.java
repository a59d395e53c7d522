package dev.kemu.vfs.spi;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Kstat;

/**
 * Namespace and attribute operations on an inode ({@code include/linux/fs.h:struct inode_operations}).
 *
 * <p>The VFS has already done the permission, type and existence checks of
 * {@code fs/namei.c} (EEXIST, ENOTDIR, EISDIR, ENOTEMPTY is the filesystem's) and holds the
 * directory's lock. Results are 0 or a negated errno; on success {@code create}/{@code mkdir}
 * attach the new inode to {@code dentry} with {@link Dentry#instantiate}.
 */
public interface InodeOperations {
    /** {@code lookup}: fills {@code dentry} with the inode named {@code dentry.name()} in {@code dir}, or leaves it negative. */
    default int lookup(Inode dir, Dentry dentry) {
        return 0;
    }

    /**
     * {@code permission}: whether the calling task ({@link dev.kemu.vfs.Task#current()}, null outside a
     * syscall) may use the inode as {@code mask} asks ({@code MAY_READ} 4, {@code MAY_WRITE} 2,
     * {@code MAY_EXEC} 1): 0 or -EACCES. Asked by {@code may_open}. The default allows everything:
     * {@code generic_permission}'s mode-bit checks are not modelled.
     */
    default int permission(Inode inode, int mask) {
        return 0;
    }

    /** {@code create}: a regular file. */
    default int create(Inode dir, Dentry dentry, int mode) {
        return Errno.EPERM.negInt();
    }

    /** {@code mkdir}. */
    default int mkdir(Inode dir, Dentry dentry, int mode) {
        return Errno.EPERM.negInt();
    }

    /**
     * {@code mknod}: a FIFO, socket or device node ({@code mode} carries the type), attached to
     * {@code dentry}; the filesystem calls {@link Inode#initSpecial} with {@code rdev}. The VFS
     * has checked the type and CAP_MKNOD. Without the method: EPERM.
     */
    default int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
        return Errno.EPERM.negInt();
    }

    /** {@code unlink}: removes the name; the inode lives on while open. */
    default int unlink(Inode dir, Dentry dentry) {
        return Errno.EPERM.negInt();
    }

    /** {@code rmdir}: ENOTEMPTY if the directory has entries. */
    default int rmdir(Inode dir, Dentry dentry) {
        return Errno.EPERM.negInt();
    }

    /**
     * {@code link}: a new name {@code newDentry} in {@code dir} for the inode of {@code oldDentry}
     * (not a directory). The filesystem raises the link count (EMLINK past its limit) and
     * instantiates {@code newDentry}.
     */
    default int link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        return Errno.EPERM.negInt();
    }

    /** {@code symlink}: a symbolic link to {@code target}, instantiated in {@code dentry}. */
    default int symlink(Inode dir, Dentry dentry, String target) {
        return Errno.EPERM.negInt();
    }

    /**
     * {@code rename}: moves {@code oldDentry} of {@code oldDir} to {@code newDentry} of
     * {@code newDir}, replacing the target if positive, or swapping both with
     * {@code RENAME_EXCHANGE}. The VFS has done every check of {@code fs/namei.c:vfs_rename()}
     * and holds both directories' locks; the filesystem checks its flags (EINVAL), that a
     * replaced directory is empty (ENOTEMPTY), its link limit (EMLINK), and fixes link counts
     * and {@code ..}. The VFS moves the dentries afterwards.
     */
    default int rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        return Errno.EPERM.negInt();
    }

    /** {@code get_link}: the target of a symbolic link, or null when this is not one. */
    default String getLink(Inode inode) {
        return null;
    }

    /**
     * {@code setattr} for mode and times ({@code simple_setattr} without a size): the VFS has
     * checked the change; the filesystem records it. The default is {@code setattr_copy}.
     */
    default int setattr(Inode inode, Iattr attr) {
        attr.copyTo(inode);
        return 0;
    }

    /**
     * {@code setattr} with {@code ATTR_SIZE}: truncates or extends to {@code size}; the VFS has
     * checked {@code s_maxbytes}. The filesystem frees blocks and calls
     * {@code truncate_setsize}.
     */
    default int setSize(Inode inode, long size) {
        return Errno.EPERM.negInt();
    }

    /** {@code getattr}: fills what the VFS cannot know ({@code st_blocks}, {@code st_blksize}). */
    default void getattr(Inode inode, Kstat.Builder stat) {
    }

    /**
     * {@code fileattr_get} for {@code FS_IOC_GETFLAGS}: the inode's {@code FS_*_FL} flags as the
     * filesystem shows them; the default is absent (ENOTTY, the ioctl is unknown to the file).
     */
    default long getFlags(Inode inode) {
        return Errno.ENOTTY.neg();
    }

    /** Called when an inode's last link and last reference are gone ({@code evict_inode}). */
    default void evict(Inode inode) {
    }
}
