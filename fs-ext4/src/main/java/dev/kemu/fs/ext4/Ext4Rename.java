package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.StatMode;
import java.nio.charset.StandardCharsets;

/**
 * {@code fs/ext4/namei.c:ext4_rename2()}, {@code ext4_rename()}, {@code ext4_cross_rename()},
 * {@code ext4_whiteout_for_rename()}, {@code ext4_rename_dir_finish()}.
 *
 * <p>The new name is added (or its entry pointed at the moved inode, {@code ext4_setent}), the
 * old one removed (or pointed at a whiteout), a moved directory's ".." rewritten, and link counts
 * follow the kernel: a replaced file loses a link, a replaced directory all of them, and the
 * parents of a directory that changes parent lose and gain one. The VFS holds both directories'
 * locks. A replaced inode left without links is put on the orphan list; the VFS evicts it (at
 * once, or at its last close), which takes it off.
 *
 * <p>Errors: EINVAL (unknown flags), EROFS, ENAMETOOLONG, ENOTEMPTY (a non-empty directory
 * replaced), EMLINK (the new parent is at {@code EXT4_LINK_MAX} without {@code dir_nlink}),
 * ENOSPC, EOPNOTSUPP (a moved inline directory, whose ".." the model cannot rewrite).
 */
final class Ext4Rename {
    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;
    static final int RENAME_WHITEOUT = 4;

    private Ext4Rename() {
    }

    private static byte[] nameOf(Dentry d) {
        return d.name().getBytes(StandardCharsets.UTF_8);
    }

    static int rename2(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        Ext4SbInfo sbi = Ext4SbInfo.of(oldDir);
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) {
            return Errno.EINVAL.negInt();
        }
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        if (nameOf(newDentry).length > Ext4DirEntry2.NAME_MAX) {
            return Errno.ENAMETOOLONG.negInt();
        }
        if ((flags & RENAME_EXCHANGE) != 0) {
            return crossRename(sbi, oldDir, oldDentry, newDir, newDentry);
        }
        return rename(sbi, oldDir, oldDentry, newDir, newDentry, (flags & RENAME_WHITEOUT) != 0);
    }

    /** {@code EXT4_DIR_LINK_MAX}: no room for another subdirectory. */
    private static boolean dirLinkMax(Ext4SbInfo sbi, Inode dir) {
        boolean dirNlink = sbi.es().hasRoCompat(dev.kemu.fs.ext4.disklayout.Ext4Features.RO_COMPAT_DIR_NLINK);
        return !dirNlink && Ext4Inodes.info(dir).links() >= Ext4Namei.LINK_MAX;
    }

    private static int rename(Ext4SbInfo sbi, Inode oldDir, Dentry oldD, Inode newDir, Dentry newD, boolean whiteout) {
        Inode inode = oldD.inode();
        Inode target = newD.inode();
        boolean isDir = inode.isDir();
        if (isDir) {
            if (target != null) {
                if (!Ext4Dir.isEmpty(target)) {
                    return Errno.ENOTEMPTY.negInt();
                }
            } else if (newDir != oldDir && dirLinkMax(sbi, newDir)) {
                return Errno.EMLINK.negInt();
            }
            if (newDir != oldDir && Ext4Inodes.info(inode).hasFlag(Ext4Inode.INLINE_DATA_FL)) {
                return Errno.EOPNOTSUPP.negInt();
            }
        }
        Inode wh = null;
        if (whiteout) {
            wh = sbi.inodes.newInode(oldDir, StatMode.S_IFCHR);
            if (wh == null) {
                return Errno.ENOSPC.negInt();
            }
            Ext4InodeInfo wi = Ext4Inodes.info(wh);
            // ext4_new_inode gives extents only to directories, files and symlinks; i_block holds device 0:0.
            wi.setFlags(wi.flags() & ~Ext4Inode.EXTENTS_FL);
            wi.setRoot(new byte[Ext4Inode.I_BLOCK_SIZE]);
            sbi.inodes.writeInode(wi);
        }
        int ftype = Ext4DirEntry2.fileTypeOf(inode.mode());
        if (target == null) {
            int err = Ext4Dir.add(newDir, nameOf(newD), inode.ino(), ftype);
            if (err < 0) {
                if (wh != null) {
                    sbi.inodes.abandonNew(wh);
                }
                return err;
            }
        } else if (!Ext4Dir.setEntry(newDir, nameOf(newD), inode.ino(), ftype)) {
            throw new FsCorruptedException("rename target " + newD.name() + " vanished from inode " + newDir.ino());
        }
        if (wh != null) {
            Ext4Dir.setEntry(oldDir, nameOf(oldD), wh.ino(), Ext4DirEntry2.FT_CHRDEV);
        } else if (Ext4Dir.remove(oldDir, nameOf(oldD)) == null) {
            throw new FsCorruptedException("rename source " + oldD.name() + " vanished from inode " + oldDir.ino());
        }
        long now = Ext4SbInfo.now();
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        info.touch(now, false);
        sbi.inodes.writeInode(info);
        if (target != null) {
            Ext4InodeInfo ti = Ext4Inodes.info(target);
            decCount(target);
            ti.touch(now, false);
        }
        if (isDir) {
            if (newDir != oldDir && !Ext4Dir.setDotdot(inode, newDir.ino())) {
                throw new FsCorruptedException("directory inode " + inode.ino() + " has no \"..\" to rewrite");
            }
            decCount(oldDir);
            if (target != null) {
                Ext4InodeInfo ti = Ext4Inodes.info(target);
                ti.setLinks(0);
                target.setNlink(0);
                target.setSize(0);
            } else {
                incCount(newDir);
            }
        }
        Ext4Namei.touchDir(sbi, oldDir);
        if (newDir != oldDir) {
            Ext4Namei.touchDir(sbi, newDir);
        }
        if (target != null) {
            Ext4InodeInfo ti = Ext4Inodes.info(target);
            if (ti.links() == 0) {
                sbi.orphans.add(ti); // ext4_rename: the eviction's handle takes it off
            }
            sbi.inodes.writeInode(ti);
        }
        return 0;
    }

    /** {@code ext4_cross_rename}: both names exist and swap inodes. */
    private static int crossRename(Ext4SbInfo sbi, Inode oldDir, Dentry oldD, Inode newDir, Dentry newD) {
        Inode a = oldD.inode();
        Inode b = newD.inode();
        boolean aDir = a.isDir();
        boolean bDir = b.isDir();
        if (oldDir != newDir) {
            if (aDir && !bDir && dirLinkMax(sbi, newDir) || bDir && !aDir && dirLinkMax(sbi, oldDir)) {
                return Errno.EMLINK.negInt();
            }
            if (aDir && Ext4Inodes.info(a).hasFlag(Ext4Inode.INLINE_DATA_FL)
                    || bDir && Ext4Inodes.info(b).hasFlag(Ext4Inode.INLINE_DATA_FL)) {
                return Errno.EOPNOTSUPP.negInt();
            }
        }
        Ext4Dir.setEntry(newDir, nameOf(newD), a.ino(), Ext4DirEntry2.fileTypeOf(a.mode()));
        Ext4Dir.setEntry(oldDir, nameOf(oldD), b.ino(), Ext4DirEntry2.fileTypeOf(b.mode()));
        if (oldDir != newDir) {
            if (aDir) {
                Ext4Dir.setDotdot(a, newDir.ino());
            }
            if (bDir) {
                Ext4Dir.setDotdot(b, oldDir.ino());
            }
            if (aDir != bDir) {
                if (aDir) {
                    incCount(newDir);
                    decCount(oldDir);
                } else {
                    incCount(oldDir);
                    decCount(newDir);
                }
            }
        }
        long now = Ext4SbInfo.now();
        for (Inode i : new Inode[] {a, b}) {
            Ext4InodeInfo info = Ext4Inodes.info(i);
            info.touch(now, false);
            sbi.inodes.writeInode(info);
        }
        Ext4Namei.touchDir(sbi, oldDir);
        if (newDir != oldDir) {
            Ext4Namei.touchDir(sbi, newDir);
        }
        return 0;
    }

    /** {@code ext4_inc_count}: one more link; a directory past the limit counts as 1 ({@code dir_nlink}). */
    static void incCount(Inode inode) {
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        int links = info.links();
        int n = links + 1;
        if (inode.isDir() && (n >= Ext4Namei.LINK_MAX || links == 1)) {
            n = 1;
        }
        info.setLinks(n);
        inode.incNlink();
        info.markDirty();
    }

    /** {@code ext4_dec_count}: one link fewer, except on a directory counted as 1 or at 2. */
    static void decCount(Inode inode) {
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (!inode.isDir() || info.links() > 2) {
            info.setLinks(info.links() - 1);
        }
        if (!inode.isDir() || inode.nlink() > 2) {
            inode.dropNlink();
        }
        info.markDirty();
    }
}
