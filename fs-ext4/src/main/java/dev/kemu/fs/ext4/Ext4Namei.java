package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Features;
import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.InodeOperations;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Directory inode operations ({@code fs/ext4/namei.c:ext4_dir_inode_operations}:
 * {@code ext4_lookup()}, {@code ext4_create()}, {@code ext4_mkdir()}, {@code ext4_unlink()},
 * {@code ext4_rmdir()}).
 *
 * <p>The VFS holds the directory's inode lock (and, for rmdir, the victim's) and has done the
 * existence and type checks. Link counts follow the kernel: a new directory has two links and
 * adds one to its parent; {@code rmdir} clears the victim's links and {@code i_size} and takes
 * one from the parent; {@code unlink} takes one from the file (the VFS drops its own copy of
 * {@code i_nlink} afterwards) and puts a file left without links on the orphan list (the
 * eviction, at once or at the last close, takes it off). A removed
 * directory that nobody has open is freed at once, since the VFS only evicts on last close.
 *
 * <p>Errors: EROFS on a read-only mount, ENAMETOOLONG past 255 bytes of UTF-8, ENOSPC without a
 * free inode or block, EMLINK past {@code EXT4_LINK_MAX} subdirectories without
 * {@code dir_nlink}, ENOTEMPTY, EUCLEAN for corrupt metadata, EIO for a failing image.
 */
final class Ext4Namei {
    private Ext4Namei() {
    }

    /** {@code EXT4_LINK_MAX}. */
    static final int LINK_MAX = 65000;

    static final InodeOperations DIR_IOPS = new InodeOperations() {
        @Override
        public long getFlags(Inode inode) {
            return Ext4File.getFlags(inode);
        }

        @Override
        public int lookup(Inode dir, Dentry dentry) {
            return guard(dir, "ext4_lookup", () -> Ext4Namei.lookup(dir, dentry));
        }

        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            return journalled(dir, "ext4_create", () -> Ext4Namei.create(dir, dentry, (mode & ~StatMode.S_IFMT) | StatMode.S_IFREG));
        }

        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
            return journalled(dir, "ext4_mknod", () -> Ext4Namei.mknod(dir, dentry, mode, rdev));
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            return journalled(dir, "ext4_mkdir", () -> Ext4Namei.mkdir(dir, dentry, (mode & ~StatMode.S_IFMT) | StatMode.S_IFDIR));
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            return journalled(dir, "ext4_unlink", () -> Ext4Namei.unlink(dir, dentry));
        }

        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            return journalled(dir, "ext4_rmdir", () -> Ext4Namei.rmdir(dir, dentry));
        }

        @Override
        public int link(Dentry oldDentry, Inode dir, Dentry newDentry) {
            return journalled(dir, "ext4_link", () -> Ext4Symlink.link(oldDentry, dir, newDentry));
        }

        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            return journalled(dir, "ext4_symlink", () -> Ext4Symlink.symlink(dir, dentry, target));
        }

        @Override
        public int rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
            return journalled(oldDir, "ext4_rename", () -> Ext4Rename.rename2(oldDir, oldDentry, newDir, newDentry, flags));
        }

        @Override
        public int setattr(Inode inode, dev.kemu.vfs.spi.Iattr attr) {
            return journalled(inode, "ext4_setattr", () -> Ext4Symlink.setattr(inode, attr));
        }

        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EISDIR.negInt();
        }

        @Override
        public void getattr(Inode inode, Kstat.Builder stat) {
            Ext4File.fillBlocks(inode, stat);
        }

        @Override
        public void evict(Inode inode) {
            try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
                Ext4SbInfo.of(inode).inodes.evict(inode);
            }
        }
    };

    /** An operation that returns 0 or a negated errno. */
    interface Op {
        int run();
    }

    /** {@link #guard} inside a journal handle ({@code ext4_journal_start} … {@code ext4_journal_stop}). */
    static int journalled(Inode inode, String function, Op op) {
        try (Ext4Journal.Handle h = Ext4Journal.start(inode)) {
            return guard(inode, function, op);
        }
    }

    /**
     * Maps metadata corruption (recorded through {@link Ext4Error}) and host I/O failures to errnos
     * at the boundary; {@code function} names the operation in the error record.
     */
    static int guard(Inode inode, String function, Op op) {
        try {
            return op.run();
        } catch (FsCorruptedException e) {
            return Ext4Error.fsError(Ext4SbInfo.of(inode), function, e);
        } catch (UncheckedIOException e) {
            return Errno.EIO.negInt();
        }
    }

    private static byte[] nameOf(Dentry dentry) {
        return dentry.name().getBytes(StandardCharsets.UTF_8);
    }

    static int lookup(Inode dir, Dentry dentry) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        byte[] name = nameOf(dentry);
        if (name.length > Ext4DirEntry2.NAME_MAX) {
            return Errno.ENAMETOOLONG.negInt();
        }
        if (Ext4Inodes.info(dir).isEvicted()) {
            return 0;
        }
        Ext4DirEntry2 de = Ext4Dir.find(dir, name);
        if (de != null) {
            dentry.instantiate(sbi.inodes.iget(de.inode()));
        }
        return 0;
    }

    private static int checkNew(Ext4SbInfo sbi, byte[] name) {
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        if (name.length > Ext4DirEntry2.NAME_MAX) {
            return Errno.ENAMETOOLONG.negInt();
        }
        return 0;
    }

    static int create(Inode dir, Dentry dentry, int mode) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        byte[] name = nameOf(dentry);
        int err = checkNew(sbi, name);
        if (err < 0) {
            return err;
        }
        Inode inode = sbi.inodes.newInode(dir, mode);
        if (inode == null) {
            return Errno.ENOSPC.negInt();
        }
        err = Ext4Dir.add(dir, name, inode.ino(), Ext4DirEntry2.FT_REG_FILE);
        if (err < 0) {
            sbi.inodes.abandonNew(inode);
            return err;
        }
        touchDir(sbi, dir);
        dentry.instantiate(inode);
        return 0;
    }

    /** {@code ext4_mknod}: a special inode and its entry, typed by {@code ext4_set_de_type}. */
    static int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        byte[] name = nameOf(dentry);
        int err = checkNew(sbi, name);
        if (err < 0) {
            return err;
        }
        Inode inode = sbi.inodes.newInode(dir, mode, rdev);
        if (inode == null) {
            return Errno.ENOSPC.negInt();
        }
        err = Ext4Dir.add(dir, name, inode.ino(), Ext4DirEntry2.fileTypeOf(mode));
        if (err < 0) {
            sbi.inodes.abandonNew(inode);
            return err;
        }
        touchDir(sbi, dir);
        dentry.instantiate(inode);
        return 0;
    }

    static int mkdir(Inode dir, Dentry dentry, int mode) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        Ext4InodeInfo dinfo = Ext4Inodes.info(dir);
        byte[] name = nameOf(dentry);
        int err = checkNew(sbi, name);
        if (err < 0) {
            return err;
        }
        boolean dirNlink = sbi.es().hasRoCompat(Ext4Features.RO_COMPAT_DIR_NLINK);
        if (dinfo.links() >= LINK_MAX && !dirNlink) {
            return Errno.EMLINK.negInt();
        }
        Inode inode;
        try (Reservation res = sbi.groups.claim(1)) {
            if (res == null) {
                return Errno.ENOSPC.negInt();
            }
            inode = sbi.inodes.newInode(dir, mode);
            if (inode == null) {
                return Errno.ENOSPC.negInt();
            }
            Ext4InodeInfo info = Ext4Inodes.info(inode);
            long pblk = sbi.mballoc.newBlock(sbi.groupStartOfInode(inode.ino()), res);
            info.dataSem.writeLock().lock();
            try {
                ExtentTree tree = new ExtentTree(sbi, info).using(res);
                tree.insert(new Ext4Extent(0, 1, false, pblk));
                tree.commit();
                info.addBlocks(sbi.sectorsPerBlock());
            } finally {
                info.dataSem.writeLock().unlock();
            }
            Ext4Dir.initBlock(sbi, info, pblk, dir.ino());
            inode.setSize(sbi.blockSize);
            sbi.inodes.writeInode(info);
        }
        err = Ext4Dir.add(dir, name, inode.ino(), Ext4DirEntry2.FT_DIR);
        if (err < 0) {
            Ext4InodeInfo info = Ext4Inodes.info(inode);
            info.dataSem.writeLock().lock();
            try {
                ExtentTree tree = new ExtentTree(sbi, info);
                tree.removeFrom(0);
                tree.commit();
            } finally {
                info.dataSem.writeLock().unlock();
            }
            sbi.inodes.abandonNew(inode);
            return err;
        }
        int links = dinfo.links() + 1;
        if (links >= LINK_MAX || dinfo.links() == 1) {
            links = 1; // dir_nlink: too many subdirectories to count
        }
        dinfo.setLinks(links);
        dir.incNlink();
        touchDir(sbi, dir);
        dentry.instantiate(inode);
        return 0;
    }

    static int unlink(Inode dir, Dentry dentry) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        Inode victim = dentry.inode();
        Ext4InodeInfo vinfo = Ext4Inodes.info(victim);
        if (Ext4Dir.remove(dir, nameOf(dentry)) == null) {
            return Errno.ENOENT.negInt();
        }
        touchDir(sbi, dir);
        int links = Math.max(vinfo.links() - 1, 0);
        vinfo.setLinks(links);
        vinfo.touch(Ext4SbInfo.now(), false);
        if (links == 0) {
            // ext4_unlink: on the orphan list in the same handle, so that a crash before the
            // eviction's handle leaves an orphan for recovery to free, not a lost inode.
            sbi.orphans.add(vinfo);
        }
        sbi.inodes.writeInode(vinfo);
        return 0;
    }

    static int rmdir(Inode dir, Dentry dentry) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        Inode victim = dentry.inode();
        Ext4InodeInfo vinfo = Ext4Inodes.info(victim);
        Ext4InodeInfo dinfo = Ext4Inodes.info(dir);
        if (!Ext4Dir.isEmpty(victim)) {
            return Errno.ENOTEMPTY.negInt();
        }
        if (Ext4Dir.remove(dir, nameOf(dentry)) == null) {
            return Errno.ENOENT.negInt();
        }
        if (dinfo.links() > 2) {
            dinfo.setLinks(dinfo.links() - 1);
        }
        dir.dropNlink();
        touchDir(sbi, dir);
        vinfo.setLinks(0);
        victim.setNlink(0);
        victim.setSize(0);
        vinfo.touch(Ext4SbInfo.now(), false);
        if (victim.isOpen()) {
            sbi.orphans.add(vinfo);
        } else {
            sbi.inodes.evict(victim);
        }
        return 0;
    }

    static void touchDir(Ext4SbInfo sbi, Inode dir) {
        Ext4InodeInfo info = Ext4Inodes.info(dir);
        info.touch(Ext4SbInfo.now(), true);
        sbi.inodes.writeInode(info);
    }
}
