package dev.kemu.vfs;

import static dev.kemu.vfs.Fcntl.*;

import dev.kemu.vfs.spi.FileOperations;

/**
 * open, openat, creat and close ({@code fs/open.c:do_sys_openat2()}, {@code build_open_flags()},
 * {@code do_dentry_open()}; {@code fs/namei.c:path_openat()}, {@code open_last_lookups()},
 * {@code do_open()}; {@code fs/file.c:close_fd()}).
 */
final class OpenCalls {
    private OpenCalls() {
    }

    /** The file operations of an O_PATH file: nothing works on it. */
    static final FileOperations EMPTY_FOPS = new FileOperations() {
        @Override
        public boolean canRead() {
            return false;
        }

        @Override
        public boolean canWrite() {
            return false;
        }
    };

    /** {@code OPEN_FMODE}: the access mode bits become FMODE_READ/FMODE_WRITE. */
    static int openFmode(int flags) {
        int acc = (flags + 1) & O_ACCMODE;
        return acc;
    }

    /** {@code ACC_MODE}: the permissions an open asks for, MAY_READ 4, MAY_WRITE 2. */
    static int accMode(int flags) {
        return new int[] {4, 2, 6, 6}[flags & O_ACCMODE] | ((flags & O_TRUNC) != 0 ? 2 : 0);
    }

    static long openat(Task task, int dfd, String path, int flags, int mode, VfsBehaviour behaviour) {
        // openat: force_o_largefile; build_open_how: unknown flags are dropped (openat2 is strict),
        // and O_PATH keeps only the flags that mean something for it (not even O_LARGEFILE).
        flags = (flags | O_LARGEFILE) & VALID_OPEN_FLAGS;
        if ((flags & O_PATH) != 0) {
            flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
        }
        // build_open_flags
        if (behaviour.rejectsCreatDirectory() && (flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT)) {
            return Errno.EINVAL.neg();
        }
        boolean tmpfile = (flags & (O_TMPFILE & ~O_DIRECTORY)) != 0;
        if (tmpfile && ((flags & O_DIRECTORY) == 0 || (new int[] {4, 2, 6, 6}[flags & O_ACCMODE] & 2) == 0)) {
            return Errno.EINVAL.neg();
        }
        if ((flags & O_CREAT) != 0 || tmpfile) {
            mode = (mode & StatMode.S_IALLUGO) | StatMode.S_IFREG;
        } else {
            mode = 0;
        }
        long err = Namei.checkName(path, false);
        if (err < 0) {
            return err;
        }
        // get_unused_fd_flags comes before the walk: a full table is EMFILE whatever the path.
        int fd = task.files().install(null, 0, false);
        if (fd < 0) {
            return fd;
        }
        task.files().remove(fd);
        Result r = pathOpenat(task, dfd, path, flags, mode, behaviour);
        if (r.err < 0) {
            return r.err;
        }
        int installed = task.files().install(r.file, 0, (flags & O_CLOEXEC) != 0);
        if (installed < 0) {
            r.file.put();
        }
        return installed;
    }

    private record Result(long err, File file) {
    }

    private static Result fail(long err) {
        return new Result(err, null);
    }

    private static Result pathOpenat(Task task, int dfd, String path, int flags, int mode, VfsBehaviour behaviour) {
        if ((flags & (O_TMPFILE & ~O_DIRECTORY)) != 0) {
            // do_tmpfile: the path must name a directory; then the filesystem's tmpfile method,
            // which the model's filesystems do not have (an unnamed inode is not modelled).
            Namei.Result dir = Namei.lookup(task, dfd, path, false);
            if (dir.err() < 0) {
                return fail(dir.err());
            }
            if (!dir.path().inode().isDir()) {
                return fail(Errno.ENOTDIR.neg());
            }
            return fail(Errno.EOPNOTSUPP.neg());
        }
        // build_open_flags: O_CREAT|O_EXCL implies O_NOFOLLOW; a trailing link is otherwise followed.
        boolean follow = (flags & O_NOFOLLOW) == 0 && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
        Namei.Nameidata nd = new Namei.Nameidata(task);
        Namei.Parent p = Namei.parentAt(nd, dfd, path);
        if (p.err() < 0) {
            return fail(p.err());
        }
        boolean created = false;
        VfsPath target;
        while (true) {
            Last last = openLast(task, p, flags, mode);
            if (last.err() < 0) {
                return fail(last.err());
            }
            target = last.path();
            created = last.created();
            if (created || !target.inode().isSymlink() || !(follow || p.trailingSlash())) {
                break;
            }
            // open_last_lookups → step_into → pick_link: walk the body and retry its last component.
            if (++nd.totalLinks > Namei.MAXSYMLINKS) {
                return fail(Errno.ELOOP.neg());
            }
            String body = target.inode().iop().getLink(target.inode());
            if (body == null || body.isEmpty()) {
                return fail(body == null ? Errno.EIO.neg() : Errno.ENOENT.neg());
            }
            boolean slash = p.trailingSlash();
            p = Namei.walkParent(nd, p.dir(), body);
            if (p.err() < 0) {
                return fail(p.err());
            }
            if (slash && !p.trailingSlash()) {
                p = new Namei.Parent(0, p.dir(), p.last(), true);
            }
        }
        Inode inode = target.inode();
        // do_open
        if ((flags & O_CREAT) != 0) {
            if ((flags & O_EXCL) != 0 && !created) {
                return fail(Errno.EEXIST.neg());
            }
            if (inode.isDir()) {
                return fail(Errno.EISDIR.neg());
            }
        }
        if ((flags & O_DIRECTORY) != 0 && !inode.isDir() && (!created || behaviour.createdMeetsDirectoryTest())) {
            return fail(Errno.ENOTDIR.neg());
        }
        // may_open: a symbolic link reached without following is ELOOP (O_NOFOLLOW); O_PATH opens the link.
        if ((flags & O_PATH) == 0 && inode.isSymlink()) {
            return fail(Errno.ELOOP.neg());
        }
        int fmode = openFmode(flags);
        // may_open: a directory cannot be opened for writing (O_WRONLY, O_RDWR, mode 3, or O_TRUNC).
        if ((flags & O_PATH) == 0 && !created && inode.isDir() && (accMode(flags) & 2) != 0) {
            return fail(Errno.EISDIR.neg());
        }
        // may_open -> inode_permission(MAY_OPEN | acc_mode); a file this call created asks for nothing (acc_mode 0).
        if ((flags & O_PATH) == 0 && !created && inode.iop() != null) {
            int perr = inode.iop().permission(inode, accMode(flags));
            if (perr < 0) {
                return fail(perr);
            }
        }
        File file = dentryOpen(task.vfs(), target, inode, flags, fmode);
        if (file == null) {
            return fail(Errno.ENXIO.neg());
        }
        if ((flags & O_PATH) == 0) {
            int oerr = file.fop().open(inode, file);
            if (oerr < 0) {
                file.put();
                return fail(oerr);
            }
            // do_dentry_open: O_DIRECT needs FMODE_CAN_ODIRECT, which only regular files with direct I/O get.
            if ((flags & O_DIRECT) != 0 && !(inode.isReg() && inode.mapping().aops() != null
                    && inode.mapping().aops().hasDirectIO())) {
                file.put();
                return fail(Errno.EINVAL.neg());
            }
        }
        if ((flags & O_TRUNC) != 0 && !created && inode.isReg() && (flags & O_PATH) == 0) {
            long terr = Truncate.doTruncate(inode, 0);
            if (terr < 0) {
                file.put();
                return fail(terr);
            }
        }
        return new Result(0, file);
    }

    /** The last component of an open: found or created, or an errno. */
    private record Last(long err, VfsPath path, boolean created) {
        static Last error(long err) {
            return new Last(err, null, false);
        }
    }

    /** {@code open_last_lookups} without following: the last component, created when O_CREAT asks. */
    private static Last openLast(Task task, Namei.Parent p, int flags, int mode) {
        if ((flags & O_CREAT) == 0) {
            Namei.Result r = Namei.lookupLast(task.vfs(), p);
            if (r.err() < 0) {
                return Last.error(r.err());
            }
            if (r.path().dentry().isNegative()) {
                return Last.error(Errno.ENOENT.neg());
            }
            if (p.trailingSlash() && !r.path().inode().isDir() && !r.path().inode().isSymlink()) {
                return Last.error(Errno.ENOTDIR.neg());
            }
            return new Last(0, r.path(), false);
        }
        if (!p.isNormal()) {
            // handle_dots: ".", ".." and "/" resolve to a directory; do_open then says EEXIST or EISDIR.
            Namei.Result r = Namei.lookupLast(task.vfs(), p);
            return r.err() < 0 ? Last.error(r.err()) : new Last(0, r.path(), false);
        }
        if (p.trailingSlash()) {
            return Last.error(Errno.EISDIR.neg());
        }
        Inode dir = p.dir().inode();
        dir.lock().lock();
        try {
            Namei.Result r = Namei.lookupChild(task.vfs(), p.dir(), p.last());
            if (r.err() < 0) {
                return Last.error(r.err());
            }
            if (!r.path().dentry().isNegative()) {
                return new Last(0, Namei.followMount(task.vfs(), r.path()), false);
            }
            if (Namespace.isDead(dir)) {
                return Last.error(Errno.ENOENT.neg());
            }
            int cerr = dir.iop().create(dir, r.path().dentry(), mode & ~task.umask());
            if (cerr < 0) {
                return Last.error(cerr);
            }
            r.path().inode().nameIfUnnamed(p.last());
            return new Last(0, r.path(), true);
        } finally {
            dir.lock().unlock();
        }
    }

    /**
     * The operations a file opened on {@code inode} starts with: {@code i_fop}, or for a special
     * inode what {@code init_special_inode} and {@code chrdev_open} give it: the FIFO operations,
     * the driver registered for the device number, or null for no device (ENXIO: block devices,
     * sockets, character devices without a driver).
     */
    static FileOperations specialFop(Vfs vfs, Inode inode) {
        switch (inode.mode() & StatMode.S_IFMT) {
            case StatMode.S_IFIFO:
                return vfs.fifoOperations();
            case StatMode.S_IFCHR:
                return vfs.chrdev(inode.rdev());
            case StatMode.S_IFBLK:
            case StatMode.S_IFSOCK:
                return null;
            default:
                return inode.fop();
        }
    }

    /** {@code do_dentry_open}: builds the {@link File}; null when a special inode has no driver (ENXIO). */
    static File dentryOpen(Vfs vfs, VfsPath path, Inode inode, int flags, int fmode) {
        int fileFlags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
        File f;
        if ((flags & O_PATH) != 0) {
            f = new File(path, inode, EMPTY_FOPS, File.FMODE_PATH, fileFlags);
        } else {
            int mode = fmode | File.FMODE_LSEEK | File.FMODE_PREAD | File.FMODE_PWRITE;
            if (inode.isReg() || inode.isDir()) {
                mode |= File.FMODE_ATOMIC_POS;
            }
            FileOperations fop = inode.isSpecial() ? specialFop(vfs, inode) : inode.fop();
            if (fop == null) {
                return null;
            }
            f = new File(path, inode, fop, mode, fileFlags);
        }
        f.opened();
        return f;
    }

    /** {@code close_fd}: EBADF when nothing is open there. */
    static long close(Task task, int fd) {
        File f = task.files().remove(fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        f.put();
        return 0;
    }
}
