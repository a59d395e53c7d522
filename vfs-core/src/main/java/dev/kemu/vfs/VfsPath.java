package dev.kemu.vfs;

/** A position in the mounted tree ({@code include/linux/path.h:struct path}): a mount and a dentry in it. */
public record VfsPath(Mount mnt, Dentry dentry) {
    public Inode inode() {
        return dentry.inode();
    }
}
