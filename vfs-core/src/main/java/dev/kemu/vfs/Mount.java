package dev.kemu.vfs;

/**
 * A mount ({@code fs/mount.h:struct mount}): a superblock attached at a dentry of its parent
 * mount. The root mount is its own parent.
 */
public final class Mount {
    private final SuperBlock sb;
    private final Mount parent;
    private final Dentry mountpoint;

    Mount(SuperBlock sb, Mount parent, Dentry mountpoint) {
        this.sb = sb;
        this.parent = parent == null ? this : parent;
        this.mountpoint = mountpoint;
    }

    public SuperBlock sb() {
        return sb;
    }

    public Dentry root() {
        return sb.root();
    }

    Mount parent() {
        return parent;
    }

    Dentry mountpoint() {
        return mountpoint;
    }

    boolean isRootMount() {
        return parent == this;
    }
}
