package dev.kemu.fs.ext4;

import dev.kemu.fs.ext4.disklayout.Ext4DirEntry2;
import dev.kemu.fs.ext4.disklayout.Ext4Extent;
import dev.kemu.fs.ext4.disklayout.Ext4Inode;
import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Kstat;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.Iattr;
import dev.kemu.vfs.spi.InodeOperations;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Symbolic links and hard links ({@code fs/ext4/namei.c:ext4_symlink()}, {@code ext4_link()};
 * {@code fs/ext4/symlink.c:ext4_fast_symlink_inode_operations},
 * {@code ext4_symlink_inode_operations}).
 *
 * <p>A body shorter than {@code i_block} (59 bytes and its NUL fit in 60) is a fast symlink: the
 * body sits in {@code i_block}, the inode has no blocks and no {@code EXTENTS_FL}. A longer one
 * (up to a block less its NUL, else ENAMETOOLONG) gets one data block through an extent, as a
 * file would. {@code i_size} is the body's length.
 */
final class Ext4Symlink {
    private Ext4Symlink() {
    }

    /** {@code EXT4_N_BLOCKS * 4}. */
    static final int FAST_MAX = Ext4Inode.I_BLOCK_SIZE;

    static final InodeOperations IOPS = new InodeOperations() {
        @Override
        public String getLink(Inode inode) {
            try {
                return Ext4Symlink.getLink(inode);
            } catch (FsCorruptedException e) {
                Ext4Error.fsError(Ext4SbInfo.of(inode), "ext4_get_link", e);
                return null;
            } catch (java.io.UncheckedIOException e) {
                return null;
            }
        }

        @Override
        public int setattr(Inode inode, Iattr attr) {
            return Ext4Symlink.setattr(inode, attr);
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

    /** A fast symlink keeps its body in {@code i_block}: no extents, no blocks. */
    static boolean isFast(Ext4InodeInfo info) {
        return !info.hasFlag(Ext4Inode.EXTENTS_FL) && info.blocks() == 0;
    }

    static String getLink(Inode inode) {
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        int len = (int) inode.size();
        byte[] body;
        if (isFast(info)) {
            body = Arrays.copyOf(info.root(), Math.min(len, FAST_MAX));
        } else {
            Ext4SbInfo sbi = Ext4SbInfo.of(inode);
            long pblk;
            info.dataSem.readLock().lock();
            try {
                pblk = Ext4MapBlocks.mapForRead(sbi, info, 0);
            } finally {
                info.dataSem.readLock().unlock();
            }
            if (pblk == 0) {
                throw new FsCorruptedException("symlink inode " + info.ino + " has no block");
            }
            body = Arrays.copyOf(sbi.bread(pblk), Math.min(len, sbi.blockSize));
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * {@code ext4_symlink}: ENAMETOOLONG when the body and its NUL pass a block, EROFS, ENOSPC.
     * The VFS holds {@code dir}'s lock.
     */
    static int symlink(Inode dir, Dentry dentry, String target) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        byte[] body = target.getBytes(StandardCharsets.UTF_8);
        byte[] name = dentry.name().getBytes(StandardCharsets.UTF_8);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        if (name.length > Ext4DirEntry2.NAME_MAX) {
            return Errno.ENAMETOOLONG.negInt();
        }
        if (body.length + 1 > sbi.blockSize) {
            return Errno.ENAMETOOLONG.negInt();
        }
        Inode inode;
        if (body.length + 1 <= FAST_MAX) {
            inode = sbi.inodes.newInode(dir, StatMode.S_IFLNK | 0777);
            if (inode == null) {
                return Errno.ENOSPC.negInt();
            }
            Ext4InodeInfo info = Ext4Inodes.info(inode);
            info.setFlags(info.flags() & ~Ext4Inode.EXTENTS_FL);
            info.setRoot(Arrays.copyOf(body, Ext4Inode.I_BLOCK_SIZE));
            inode.setSize(body.length);
            sbi.inodes.writeInode(info);
        } else {
            try (Reservation res = sbi.groups.claim(1)) {
                if (res == null) {
                    return Errno.ENOSPC.negInt();
                }
                inode = sbi.inodes.newInode(dir, StatMode.S_IFLNK | 0777);
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
                sbi.bwrite(pblk, Arrays.copyOf(body, sbi.blockSize), 0);
                inode.setSize(body.length);
                sbi.inodes.writeInode(info);
            }
        }
        int err = Ext4Dir.add(dir, name, inode.ino(), Ext4DirEntry2.FT_SYMLINK);
        if (err < 0) {
            Ext4InodeInfo info = Ext4Inodes.info(inode);
            if (!isFast(info)) {
                info.dataSem.writeLock().lock();
                try {
                    ExtentTree tree = new ExtentTree(sbi, info);
                    tree.removeFrom(0);
                    tree.commit();
                } finally {
                    info.dataSem.writeLock().unlock();
                }
            }
            sbi.inodes.abandonNew(inode);
            return err;
        }
        Ext4Namei.touchDir(sbi, dir);
        dentry.instantiate(inode);
        return 0;
    }

    /**
     * {@code ext4_link}: a new entry for the inode of {@code oldDentry}; EROFS, ENAMETOOLONG,
     * EMLINK at {@code EXT4_LINK_MAX}, ENOSPC.
     */
    static int link(Dentry oldDentry, Inode dir, Dentry newDentry) {
        Ext4SbInfo sbi = Ext4SbInfo.of(dir);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        byte[] name = newDentry.name().getBytes(StandardCharsets.UTF_8);
        if (name.length > Ext4DirEntry2.NAME_MAX) {
            return Errno.ENAMETOOLONG.negInt();
        }
        Inode inode = oldDentry.inode();
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        if (info.links() >= Ext4Namei.LINK_MAX) {
            return Errno.EMLINK.negInt();
        }
        int err = Ext4Dir.add(dir, name, inode.ino(), Ext4DirEntry2.fileTypeOf(inode.mode()));
        if (err < 0) {
            return err;
        }
        info.setLinks(info.links() + 1);
        inode.incNlink();
        info.touch(Ext4SbInfo.now(), false);
        sbi.inodes.writeInode(info);
        Ext4Namei.touchDir(sbi, dir);
        newDentry.instantiate(inode);
        return 0;
    }

    /** {@code ext4_setattr} for owners, mode and times: EROFS on a read-only mount; written at once. */
    static int setattr(Inode inode, Iattr attr) {
        Ext4SbInfo sbi = Ext4SbInfo.of(inode);
        if (sbi.readOnly) {
            return Errno.EROFS.negInt();
        }
        Ext4InodeInfo info = Ext4Inodes.info(inode);
        attr.copyTo(inode);
        if (attr.changesOwner()) {
            info.setOwner(attr.has(Iattr.ATTR_UID) ? attr.uid() : -1, attr.has(Iattr.ATTR_GID) ? attr.gid() : -1);
        }
        if (attr.has(Iattr.ATTR_MODE)) {
            info.setMode(inode.mode());
        }
        info.setTimes(attr.has(Iattr.ATTR_ATIME) ? attr.atime().sec() : -1, attr.has(Iattr.ATTR_MTIME) ? attr.mtime().sec() : -1,
                attr.has(Iattr.ATTR_CTIME) ? attr.ctime().sec() : -1);
        sbi.inodes.writeInode(info);
        return 0;
    }
}
