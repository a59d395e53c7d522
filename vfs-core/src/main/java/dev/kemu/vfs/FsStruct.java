package dev.kemu.vfs;

/**
 * {@code include/linux/fs_struct.h:struct fs_struct}: the working directory and umask, shared by
 * the tasks cloned with {@code CLONE_FS} ({@code copy_fs}), copied otherwise. The root directory
 * is the machine's; {@code chroot} is not modelled.
 */
final class FsStruct {
    private volatile VfsPath cwd;
    private volatile int umask = 022;

    FsStruct(VfsPath cwd) {
        this.cwd = cwd;
    }

    VfsPath cwd() {
        return cwd;
    }

    void setCwd(VfsPath cwd) {
        this.cwd = cwd;
    }

    int umask() {
        return umask;
    }

    void setUmask(int umask) {
        this.umask = umask & 0777;
    }

    /** {@code xchg(&current->fs->umask, mask & S_IRWXUGO)}: the old mask. */
    synchronized int swapUmask(int mask) {
        int old = umask;
        umask = mask & 0777;
        return old;
    }

    /** {@code copy_fs_struct}: a copy for a child cloned without CLONE_FS. */
    FsStruct copy() {
        FsStruct c = new FsStruct(cwd);
        c.umask = umask;
        return c;
    }
}
