package dev.kemu.vfs;

/**
 * Path lookup ({@code fs/namei.c}: {@code path_init}, {@code link_path_walk},
 * {@code walk_component}, {@code lookup_one}).
 *
 * <p>Errors come in the order the kernel finds them while walking: an empty name is ENOENT, a
 * bad directory descriptor EBADF, a descriptor that is not a directory ENOTDIR, an over-long
 * component ENAMETOOLONG, a missing intermediate directory ENOENT, an intermediate that is
 * not a directory ENOTDIR. Symbolic links are followed in the middle of a path always, at its
 * end when the caller asks ({@code LOOKUP_FOLLOW}) or a trailing slash demands it; a link with
 * an empty body is ENOENT, and more than {@link #MAXSYMLINKS} links in one lookup ELOOP
 * ({@code nd->total_link_count}). The caller is root: no EACCES.
 */
final class Namei {
    /** {@code MAXSYMLINKS}: how many links one lookup may follow. */
    static final int MAXSYMLINKS = 40;

    private Namei() {
    }

    /** {@code struct nameidata}: the state one lookup carries across the links it follows. */
    static final class Nameidata {
        final Task task;
        int totalLinks;

        Nameidata(Task task) {
            this.task = task;
        }
    }

    /** A lookup result: 0 and a path (possibly a negative dentry), or a negated errno. */
    record Result(long err, VfsPath path) {
        static Result error(Errno e) {
            return new Result(e.neg(), null);
        }
    }

    /**
     * The parent directory of a path's last component ({@code path_parentat}), and that
     * component. {@code last} is "." or ".." or "" (the path was "/") for the special cases the
     * callers treat as {@code LAST_DOT}/{@code LAST_DOTDOT}/{@code LAST_ROOT}.
     */
    record Parent(long err, VfsPath dir, String last, boolean trailingSlash) {
        static Parent error(long err) {
            return new Parent(err, null, null, false);
        }

        boolean isNormal() {
            return !last.isEmpty() && !last.equals(".") && !last.equals("..");
        }
    }

    /** {@code path_init}: where a walk of {@code path} relative to {@code dfd} starts. */
    static Result start(Task task, int dfd, String path) {
        if (path.startsWith("/")) {
            return new Result(0, task.vfs().root());
        }
        if (dfd == Fcntl.AT_FDCWD) {
            return new Result(0, task.cwd());
        }
        File f = task.files().peek(dfd);
        if (f == null) {
            return Result.error(Errno.EBADF);
        }
        if (f.path() == null || (!path.isEmpty() && !f.inode().isDir())) {
            return Result.error(Errno.ENOTDIR);
        }
        return new Result(0, f.path());
    }

    /** {@code getname} checks: ENOENT for "", ENAMETOOLONG past PATH_MAX. 0 when fine. */
    static long checkName(String path, boolean allowEmpty) {
        if (path.length() >= Fcntl.PATH_MAX) {
            return Errno.ENAMETOOLONG.neg();
        }
        if (path.isEmpty() && !allowEmpty) {
            return Errno.ENOENT.neg();
        }
        return 0;
    }

    /** Walks every component but the last ({@code filename_parentat}). */
    static Parent parentAt(Task task, int dfd, String path) {
        return parentAt(new Nameidata(task), dfd, path);
    }

    static Parent parentAt(Nameidata nd, int dfd, String path) {
        long err = checkName(path, false);
        if (err < 0) {
            return Parent.error(err);
        }
        Result s = start(nd.task, dfd, path);
        if (s.err() < 0) {
            return Parent.error(s.err());
        }
        return walkParent(nd, s.path(), path);
    }

    /** {@code link_path_walk} from {@code base} (or the root, for an absolute path). */
    static Parent walkParent(Nameidata nd, VfsPath base, String path) {
        Task task = nd.task;
        VfsPath cur = path.startsWith("/") ? task.vfs().root() : base;
        String[] parts = path.split("/+");
        int n = parts.length;
        boolean trailing = path.endsWith("/") && path.length() > 1;
        int first = parts.length > 0 && parts[0].isEmpty() ? 1 : 0;
        if (n - first <= 0) {
            return new Parent(0, cur, "", trailing);
        }
        for (int i = first; i < n - 1; i++) {
            if (!cur.inode().isDir()) {
                return Parent.error(Errno.ENOTDIR.neg());
            }
            Result r = lookupChild(task.vfs(), cur, parts[i]);
            if (r.err() < 0) {
                return Parent.error(r.err());
            }
            if (r.path().dentry().isNegative()) {
                return Parent.error(Errno.ENOENT.neg());
            }
            VfsPath next = followMount(task.vfs(), r.path());
            if (next.inode().isSymlink()) {
                Result l = followLink(nd, cur, next.inode());
                if (l.err() < 0) {
                    return Parent.error(l.err());
                }
                next = l.path();
            }
            cur = next;
        }
        if (!cur.inode().isDir()) {
            return Parent.error(Errno.ENOTDIR.neg());
        }
        if (parts[n - 1].length() > Fcntl.NAME_MAX) {
            return Parent.error(Errno.ENAMETOOLONG.neg());
        }
        return new Parent(0, cur, parts[n - 1], trailing);
    }

    /**
     * {@code filename_lookup}: the whole path, following the last component.
     *
     * @return a positive path, or ENOENT/ENOTDIR/...
     */
    static Result lookup(Task task, int dfd, String path, boolean allowEmpty) {
        return lookup(task, dfd, path, allowEmpty, true);
    }

    /** {@code filename_lookup}, following a trailing symbolic link when {@code follow}. */
    static Result lookup(Task task, int dfd, String path, boolean allowEmpty, boolean follow) {
        if (path.isEmpty() && allowEmpty) {
            long err = checkName(path, true);
            if (err < 0) {
                return new Result(err, null);
            }
            if (dfd == Fcntl.AT_FDCWD) {
                return new Result(0, task.cwd());
            }
            File f = task.files().peek(dfd);
            if (f == null) {
                return Result.error(Errno.EBADF);
            }
            return new Result(0, f.path() != null ? f.path() : new VfsPath(null, Dentry.makeRoot(f.inode())));
        }
        Nameidata nd = new Nameidata(task);
        Parent p = parentAt(nd, dfd, path);
        if (p.err() < 0) {
            return new Result(p.err(), null);
        }
        return walkLast(nd, p, follow);
    }

    /** Looks up the walked path's last component and follows it if it is a link and {@code follow}. */
    static Result walkLast(Nameidata nd, Parent p, boolean follow) {
        Result r = lookupLast(nd.task.vfs(), p);
        if (r.err() < 0) {
            return r;
        }
        if (r.path().dentry().isNegative()) {
            return Result.error(Errno.ENOENT);
        }
        if (r.path().inode().isSymlink() && (follow || p.trailingSlash())) {
            r = followLink(nd, p.dir(), r.path().inode());
            if (r.err() < 0) {
                return r;
            }
        }
        if (p.trailingSlash() && !r.path().inode().isDir()) {
            return Result.error(Errno.ENOTDIR);
        }
        return r;
    }

    /**
     * {@code pick_link} + walking the body: where the link {@code link}, found in {@code dir},
     * leads. ELOOP past {@link #MAXSYMLINKS} links in the lookup, ENOENT for an empty body.
     */
    static Result followLink(Nameidata nd, VfsPath dir, Inode link) {
        if (++nd.totalLinks > MAXSYMLINKS) {
            return Result.error(Errno.ELOOP);
        }
        String body = link.iop().getLink(link);
        if (body == null) {
            return Result.error(Errno.EIO);
        }
        if (body.isEmpty()) {
            return Result.error(Errno.ENOENT);
        }
        Parent p = walkParent(nd, dir, body);
        if (p.err() < 0) {
            return new Result(p.err(), null);
        }
        return walkLast(nd, p, true);
    }

    /** Looks up the last component of a walked path; may return a negative dentry. */
    static Result lookupLast(Vfs vfs, Parent p) {
        if (p.last().isEmpty()) {
            return new Result(0, p.dir());
        }
        Result r = lookupChild(vfs, p.dir(), p.last());
        if (r.err() < 0 || r.path().dentry().isNegative()) {
            return r;
        }
        return new Result(0, followMount(vfs, r.path()));
    }

    /** {@code walk_component} for one name: ".", "..", the dcache, then the filesystem's lookup. */
    static Result lookupChild(Vfs vfs, VfsPath dir, String name) {
        if (name.length() > Fcntl.NAME_MAX) {
            return Result.error(Errno.ENAMETOOLONG);
        }
        if (name.equals(".")) {
            return new Result(0, dir);
        }
        if (name.equals("..")) {
            return new Result(0, parentOf(dir));
        }
        Dentry d = dir.dentry();
        Dentry child = d.cachedChild(name);
        if (child != null && !child.isNegative()) {
            child.inode().nameIfUnnamed(name);
            return new Result(0, new VfsPath(dir.mnt(), child));
        }
        Inode inode = dir.inode();
        inode.lock().lock();
        try {
            child = d.allocChild(name);
            if (child.isNegative()) {
                int err = inode.iop().lookup(inode, child);
                if (err < 0) {
                    return new Result(err, null);
                }
            }
            if (!child.isNegative()) {
                child.inode().nameIfUnnamed(name);
            }
            return new Result(0, new VfsPath(dir.mnt(), child));
        } finally {
            inode.lock().unlock();
        }
    }

    /** ".." : up one directory, crossing back over a mount point. */
    static VfsPath parentOf(VfsPath p) {
        Mount m = p.mnt();
        Dentry d = p.dentry();
        while (d == m.root() && !m.isRootMount()) {
            d = m.mountpoint();
            m = m.parent();
        }
        return new VfsPath(m, d.parent());
    }

    /** {@code follow_mount}: a mount point stands for the root of what is mounted there. */
    static VfsPath followMount(Vfs vfs, VfsPath p) {
        Mount m = vfs.mountAt(p.dentry());
        while (m != null) {
            p = new VfsPath(m, m.root());
            m = vfs.mountAt(p.dentry());
        }
        return p;
    }
}
