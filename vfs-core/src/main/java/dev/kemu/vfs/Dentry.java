package dev.kemu.vfs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A name in the directory tree ({@code include/linux/dcache.h:struct dentry}); a negative dentry
 * has no inode. The VFS caches looked-up names here; the filesystem is consulted on a miss.
 * Changes to a directory's children happen under that directory inode's lock.
 */
public final class Dentry {
    private volatile String name;
    private volatile Dentry parent;
    private final Map<String, Dentry> children = new ConcurrentHashMap<>();
    private volatile Inode inode;
    private volatile boolean mountpoint;

    private Dentry(String name, Dentry parent) {
        this.name = name;
        this.parent = parent == null ? this : parent;
    }

    /**
     * {@code d_move}: this dentry now stands for {@code newName} in {@code newParent}; whatever
     * was cached under that name is unhashed. The caller holds both directories' locks.
     */
    void move(Dentry newParent, String newName) {
        Dentry p = parent;
        p.children.remove(name, this);
        newParent.children.put(newName, this);
        this.parent = newParent;
        this.name = newName;
    }

    /** {@code d_exchange}: two positive dentries swap names and parents. Both parents' locks are held. */
    static void exchange(Dentry a, Dentry b) {
        Dentry pa = a.parent;
        String na = a.name;
        Dentry pb = b.parent;
        String nb = b.name;
        pa.children.put(na, b);
        pb.children.put(nb, a);
        a.parent = pb;
        a.name = nb;
        b.parent = pa;
        b.name = na;
    }

    /** {@code d_unlinked}: the name was removed (unhashed) and this is not a root. */
    boolean isUnlinked() {
        return !isRoot() && parent.children.get(name) != this;
    }

    /** True when {@code this} is {@code other} or one of its ancestors in the same filesystem ({@code is_subdir}). */
    boolean isAncestorOf(Dentry other) {
        for (Dentry d = other; ; d = d.parent) {
            if (d == this) {
                return true;
            }
            if (d.isRoot()) {
                return false;
            }
        }
    }

    /** A root dentry ({@code d_make_root}). */
    public static Dentry makeRoot(Inode root) {
        Dentry d = new Dentry("/", null);
        d.inode = root;
        return d;
    }

    public String name() {
        return name;
    }

    /** The parent; a root is its own parent. */
    public Dentry parent() {
        return parent;
    }

    public boolean isRoot() {
        return parent == this;
    }

    /** The inode, or null for a negative dentry. */
    public Inode inode() {
        return inode;
    }

    public boolean isNegative() {
        return inode == null;
    }

    /** {@code d_instantiate}: the filesystem attaches the inode it created or found. */
    public void instantiate(Inode inode) {
        this.inode = inode;
    }

    /** {@code d_delete}: the name is gone; the dentry turns negative. */
    void delete() {
        this.inode = null;
    }

    /** The cached child called {@code name}, or null ({@code d_lookup}). */
    Dentry cachedChild(String name) {
        return children.get(name);
    }

    /** {@code d_alloc}: a fresh negative child, cached. */
    Dentry allocChild(String name) {
        return children.computeIfAbsent(name, n -> new Dentry(n, this));
    }

    void forget(String child) {
        children.remove(child);
    }

    /** The cached positive children; filesystems with real directories answer through lookup instead. */
    public Iterable<Dentry> cachedChildren() {
        return children.values();
    }

    boolean isMountpoint() {
        return mountpoint;
    }

    void setMountpoint(boolean m) {
        mountpoint = m;
    }

    /** The path from the filesystem's root, for messages. */
    public String path() {
        if (isRoot()) {
            return "/";
        }
        String p = parent.path();
        return (p.endsWith("/") ? p : p + "/") + name;
    }

    @Override
    public String toString() {
        return path();
    }
}
