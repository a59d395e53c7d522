package dev.kemu.fs.tmpfs;

import static dev.kemu.fs.tmpfs.ShmemInodes.BOGO_DIRENT_SIZE;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.spi.DirContext;
import java.nio.charset.StandardCharsets;

/**
 * tmpfs directories ({@code mm/shmem.c:shmem_dir_inode_operations}: {@code shmem_create()},
 * {@code shmem_mkdir()}, {@code shmem_mknod()}, {@code shmem_unlink()}, {@code shmem_rmdir()},
 * {@code fs/libfs.c:simple_lookup()}; file side {@code fs/libfs.c:simple_offset_dir_operations},
 * 6.6 onwards, {@code simple_dir_operations} before).
 *
 * <p>Each entry adds {@code BOGO_DIRENT_SIZE} to the directory's {@code i_size} and each
 * subdirectory one link. The VFS holds the directory's lock for every method here and drops the
 * victim's link count on unlink itself; rmdir's victim count is ours to drop, as
 * {@code shmem_rmdir} drops it twice (its own "." and the parent's entry).
 */
final class ShmemDir {
    private ShmemDir() {
    }

    /** The entries, in {@code i_private}; changed under the directory's inode lock. */
    static ShmemDirents entries(Inode dir) {
        return (ShmemDirents) dir.fsPrivate();
    }

    /** {@code shmem_mknod}: links a new inode into {@code dir}, growing it by one bogus dirent. */
    private static void linkNew(Inode dir, Dentry dentry, Inode inode) {
        entries(dir).add(dentry.name(), inode);
        dir.setSize(dir.size() + BOGO_DIRENT_SIZE);
        dentry.instantiate(inode);
    }

    /** {@code shmem_unlink}'s directory half. */
    private static void unlinkEntry(Inode dir, Dentry dentry) {
        entries(dir).remove(dentry.name());
        dir.setSize(dir.size() - BOGO_DIRENT_SIZE);
    }

    static final InodeOperations IOPS = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            // simple_lookup: a missing name is a negative dentry, not an error.
            Inode found = entries(dir).get(dentry.name());
            if (found != null) {
                dentry.instantiate(found);
            }
            return 0;
        }

        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            linkNew(dir, dentry, ShmemInodes.newFile(dir.sb(), mode));
            return 0;
        }

        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
            linkNew(dir, dentry, ShmemInodes.newSpecial(dir.sb(), mode, rdev));
            return 0;
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            linkNew(dir, dentry, ShmemInodes.newDir(dir.sb(), mode));
            dir.incNlink();
            return 0;
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            unlinkEntry(dir, dentry);
            return 0;
        }

        /** {@code shmem_rmdir}: ENOTEMPTY unless {@code simple_empty}. */
        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            Inode victim = dentry.inode();
            if (!entries(victim).isEmpty()) {
                return Errno.ENOTEMPTY.negInt();
            }
            victim.dropNlink();
            dir.dropNlink();
            unlinkEntry(dir, dentry);
            victim.dropNlink();
            return 0;
        }

        /** {@code shmem_link}. */
        @Override
        public int link(Dentry oldDentry, Inode dir, Dentry newDentry) {
            Inode inode = oldDentry.inode();
            inode.incNlink();
            entries(dir).add(newDentry.name(), inode);
            dir.setSize(dir.size() + BOGO_DIRENT_SIZE);
            newDentry.instantiate(inode);
            return 0;
        }

        /** {@code shmem_symlink}: ENAMETOOLONG when the body and its NUL pass a page. */
        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            int len = target.getBytes(StandardCharsets.UTF_8).length;
            if (len + 1 > dev.kemu.vfs.Page.SIZE) {
                return Errno.ENAMETOOLONG.negInt();
            }
            linkNew(dir, dentry, ShmemInodes.newSymlink(dir.sb(), target, len));
            return 0;
        }

        /**
         * {@code shmem_rename2}: NOREPLACE, EXCHANGE and WHITEOUT; a replaced directory must be
         * empty; the moved name takes a new offset ({@code simple_offset_rename}).
         */
        @Override
        public int rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
            Inode inode = oldDentry.inode();
            Inode target = newDentry.inode();
            boolean isDir = inode.isDir();
            if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) != 0) {
                return Errno.EINVAL.negInt();
            }
            if ((flags & RENAME_EXCHANGE) != 0) {
                if (oldDir != newDir && isDir != target.isDir()) {
                    if (isDir) {
                        oldDir.dropNlink();
                        newDir.incNlink();
                    } else {
                        newDir.dropNlink();
                        oldDir.incNlink();
                    }
                }
                entries(oldDir).exchange(oldDentry.name(), target);
                entries(newDir).exchange(newDentry.name(), inode);
                return 0;
            }
            if (target != null && target.isDir() && !entries(target).isEmpty()) {
                return Errno.ENOTEMPTY.negInt();
            }
            entries(oldDir).remove(oldDentry.name());
            if ((flags & RENAME_WHITEOUT) != 0) {
                entries(oldDir).add(oldDentry.name(), ShmemInodes.newWhiteout(oldDir.sb()));
                oldDir.setSize(oldDir.size() + BOGO_DIRENT_SIZE);
            }
            if (target != null) {
                unlinkEntry(newDir, newDentry);
                target.dropNlink();
                if (isDir) {
                    target.dropNlink();
                    oldDir.dropNlink();
                }
            } else if (isDir) {
                oldDir.dropNlink();
                newDir.incNlink();
            }
            entries(newDir).add(newDentry.name(), inode);
            oldDir.setSize(oldDir.size() - BOGO_DIRENT_SIZE);
            newDir.setSize(newDir.size() + BOGO_DIRENT_SIZE);
            return 0;
        }

        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EISDIR.negInt();
        }
    };

    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;
    static final int RENAME_WHITEOUT = 4;

    /** {@code shmem_symlink_inode_operations}: the body, kept in {@code i_private}. */
    static final InodeOperations SYMLINK_IOPS = new InodeOperations() {
        @Override
        public String getLink(Inode inode) {
            return (String) inode.fsPrivate();
        }
    };

    /** {@code shmem_special_inode_operations}. */
    static final InodeOperations SPECIAL_IOPS = new InodeOperations() {
    };

    /**
     * {@code offset_readdir}: "." and "..", then the names from {@code ctx.pos()} in
     * {@code d_children} order, each at its offset; past the last, {@code DIR_OFFSET_EOD}.
     */
    static int offsetReaddir(File file, DirContext ctx) {
        Inode dir = file.inode();
        if (!ctx.emitDots(dir.ino(), file.path().dentry().parent().inode().ino())) {
            return 0;
        }
        if (ctx.pos() == ShmemDirents.OFFSET_EOD) {
            return 0;
        }
        for (ShmemDirents.Entry e : entries(dir).from(ctx.pos())) {
            ctx.setPos(e.offset());
            if (!ctx.emit(e.name(), e.inode().ino(), DirContext.dtype(e.inode().mode()))) {
                return 0;
            }
        }
        ctx.setPos(ShmemDirents.OFFSET_EOD);
        return 0;
    }

    /** {@code simple_offset_dir_operations}: {@code offset_dir_llseek}, {@code generic_read_dir}. */
    static final FileOperations FOPS = new FileOperations() {
        /** {@code do_dentry_open}: a directory has no {@code FMODE_CAN_ODIRECT}. */
        @Override
        public int open(Inode inode, File file) {
            return (file.flags() & Fcntl.O_DIRECT) != 0 ? Errno.EINVAL.negInt() : 0;
        }

        /**
         * {@code offset_dir_llseek}: SEEK_SET and SEEK_CUR to any non-negative offset; SEEK_END,
         * SEEK_DATA and SEEK_HOLE are EINVAL.
         */
        @Override
        public long llseek(File file, long offset, int whence) {
            switch (whence) {
                case Fcntl.SEEK_CUR:
                    offset += file.pos();
                    break;
                case Fcntl.SEEK_SET:
                    break;
                default:
                    return Errno.EINVAL.neg();
            }
            if (offset < 0) {
                return Errno.EINVAL.neg();
            }
            file.setPos(offset);
            return offset;
        }

        /** {@code generic_read_dir}. */
        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return Errno.EISDIR.neg();
        }

        @Override
        public int iterateShared(File file, DirContext ctx) {
            return offsetReaddir(file, ctx);
        }

        @Override
        public boolean canIterate() {
            return true;
        }

        @Override
        public boolean canWrite() {
            return false;
        }

        /** {@code noop_fsync}. */
        @Override
        public int fsync(File file) {
            return FileOperations.noopFsync();
        }
    };
}
