package dev.kemu.vfs.ramfs;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import dev.kemu.vfs.spi.DirContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ramfs inodes: directories as name maps in the order names were made, regular files in the
 * page cache, symbolic links holding their body ({@code fs/ramfs/inode.c}, {@code fs/libfs.c}).
 */
final class RamfsInodes {
    private RamfsInodes() {
    }

    /** A directory's entries, kept in {@code i_private}. */
    @SuppressWarnings("unchecked")
    static Map<String, Inode> entries(Inode dir) {
        return (Map<String, Inode>) dir.fsPrivate();
    }

    static Inode newDir(SuperBlock sb, int mode) {
        Inode dir = sb.newInode(mode, DIR_IOPS, DIR_FOPS, RamfsAops.INSTANCE);
        // Insertion order is d_subdirs order: dcache_readdir lists the newest name first.
        dir.setFsPrivate(Collections.synchronizedMap(new LinkedHashMap<String, Inode>()));
        return dir;
    }

    static Inode newFile(SuperBlock sb, int mode) {
        return sb.newInode(mode, FILE_IOPS, FILE_FOPS, RamfsAops.INSTANCE);
    }

    static Inode mknodSpecial(Inode dir, String name, int mode, FileOperations fop) {
        Inode node = dir.sb().newInode(mode, FILE_IOPS, fop, RamfsAops.INSTANCE);
        entries(dir).put(name, node);
        return node;
    }

    /** A symbolic link: {@code ramfs_symlink} keeps the body in the page cache; here, in {@code i_private}. */
    static Inode newSymlink(SuperBlock sb, String body) {
        Inode inode = sb.newInode(StatMode.S_IFLNK | 0777, SYMLINK_IOPS, new FileOperations() {
        }, RamfsAops.INSTANCE);
        inode.setFsPrivate(body);
        inode.setSize(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        return inode;
    }

    static final InodeOperations SYMLINK_IOPS = new InodeOperations() {
        @Override
        public String getLink(Inode inode) {
            return (String) inode.fsPrivate();
        }
    };

    /**
     * {@code dcache_readdir}: "." and "..", then the names newest first (new dentries go to the
     * head of {@code d_subdirs}); position 2 + n is the n-th name.
     */
    static int dcacheReaddir(File file, DirContext ctx) {
        Inode dir = file.inode();
        long parentIno = file.path().dentry().parent().inode().ino();
        if (!ctx.emitDots(dir.ino(), parentIno)) {
            return 0;
        }
        List<Map.Entry<String, Inode>> names;
        Map<String, Inode> entries = entries(dir);
        synchronized (entries) {
            names = new ArrayList<>(entries.entrySet());
        }
        Collections.reverse(names);
        for (long i = ctx.pos() - 2; i < names.size(); i++) {
            Map.Entry<String, Inode> e = names.get((int) i);
            if (!ctx.emit(e.getKey(), e.getValue().ino(), DirContext.dtype(e.getValue().mode()))) {
                return 0;
            }
            ctx.setPos(ctx.pos() + 1);
        }
        return 0;
    }

    /** {@code simple_dir_operations}: reading a directory is EISDIR ({@code generic_read_dir}). */
    static final FileOperations DIR_FOPS = new FileOperations() {
        @Override
        public int iterateShared(File file, DirContext ctx) {
            return dcacheReaddir(file, ctx);
        }

        @Override
        public boolean canIterate() {
            return true;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return GenericFile.llseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return Errno.EISDIR.negInt();
        }

        @Override
        public int fsync(File file) {
            return FileOperations.noopFsync();
        }
    };

    /** {@code ramfs_file_operations}. */
    static final FileOperations FILE_FOPS = new FileOperations() {
        @Override
        public Mmap mmap() {
            return Mmap.FILEMAP;
        }

        @Override
        public long llseek(File file, long offset, int whence) {
            return GenericFile.llseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return GenericFile.readIter(iocb, to);
        }

        @Override
        public long writeIter(Kiocb iocb, IovIter from) {
            return GenericFile.writeIter(iocb, from);
        }

        @Override
        public int fsync(File file) {
            return FileOperations.noopFsync();
        }

        @Override
        public SpliceRead spliceRead() {
            return SpliceRead.FILEMAP;
        }

        @Override
        public SpliceWrite spliceWrite() {
            return SpliceWrite.GENERIC;
        }
    };

    /** {@code ramfs_file_inode_operations} for special inodes: a FIFO or device has no size to set. */
    static final InodeOperations SPECIAL_IOPS = new InodeOperations() {
    };

    static final InodeOperations FILE_IOPS = new InodeOperations() {
        @Override
        public int setSize(Inode inode, long size) {
            GenericFile.truncateSetSize(inode, size);
            return 0;
        }
    };

    /** {@code ramfs_dir_inode_operations} with {@code simple_lookup}, {@code simple_unlink}, {@code simple_rmdir}. */
    static final InodeOperations DIR_IOPS = new InodeOperations() {
        @Override
        public int lookup(Inode dir, Dentry dentry) {
            Inode found = entries(dir).get(dentry.name());
            if (found != null) {
                dentry.instantiate(found);
            }
            return 0;
        }

        @Override
        public int create(Inode dir, Dentry dentry, int mode) {
            Inode inode = newFile(dir.sb(), mode);
            entries(dir).put(dentry.name(), inode);
            dentry.instantiate(inode);
            return 0;
        }

        /** {@code ramfs_mknod}: {@code ramfs_get_inode} + {@code init_special_inode}. */
        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
            Inode inode = dir.sb().newInode(mode, SPECIAL_IOPS, FILE_FOPS, RamfsAops.INSTANCE);
            inode.initSpecial(rdev);
            entries(dir).put(dentry.name(), inode);
            dentry.instantiate(inode);
            return 0;
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            Inode inode = newDir(dir.sb(), mode);
            entries(dir).put(dentry.name(), inode);
            dir.incNlink();
            dentry.instantiate(inode);
            return 0;
        }

        @Override
        public int unlink(Inode dir, Dentry dentry) {
            entries(dir).remove(dentry.name());
            return 0;
        }

        @Override
        public int rmdir(Inode dir, Dentry dentry) {
            Inode victim = dentry.inode();
            if (!entries(victim).isEmpty()) {
                return Errno.ENOTEMPTY.negInt();
            }
            entries(dir).remove(dentry.name());
            victim.setNlink(0);
            dir.dropNlink();
            return 0;
        }

        /** {@code simple_link}. */
        @Override
        public int link(Dentry oldDentry, Inode dir, Dentry newDentry) {
            Inode inode = oldDentry.inode();
            inode.incNlink();
            entries(dir).put(newDentry.name(), inode);
            newDentry.instantiate(inode);
            return 0;
        }

        /** {@code ramfs_symlink}. */
        @Override
        public int symlink(Inode dir, Dentry dentry, String target) {
            Inode inode = newSymlink(dir.sb(), target);
            entries(dir).put(dentry.name(), inode);
            dentry.instantiate(inode);
            return 0;
        }

        /** {@code simple_rename}: NOREPLACE and EXCHANGE only; a replaced directory must be empty. */
        @Override
        public int rename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
            return simpleRename(oldDir, oldDentry, newDir, newDentry, flags);
        }

        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EISDIR.negInt();
        }
    };

    static int simpleRename(Inode oldDir, Dentry oldDentry, Inode newDir, Dentry newDentry, int flags) {
        Inode inode = oldDentry.inode();
        Inode target = newDentry.inode();
        boolean isDir = inode.isDir();
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) != 0) {
            return Errno.EINVAL.negInt();
        }
        if ((flags & RENAME_EXCHANGE) != 0) {
            // simple_rename_exchange
            boolean targetIsDir = target.isDir();
            if (oldDir != newDir && isDir != targetIsDir) {
                if (isDir) {
                    oldDir.dropNlink();
                    newDir.incNlink();
                } else {
                    newDir.dropNlink();
                    oldDir.incNlink();
                }
            }
            entries(oldDir).put(oldDentry.name(), target);
            entries(newDir).put(newDentry.name(), inode);
            return 0;
        }
        if (target != null && target.isDir() && !entries(target).isEmpty()) {
            return Errno.ENOTEMPTY.negInt();
        }
        if (target != null) {
            target.dropNlink();
            if (isDir) {
                target.dropNlink();
                oldDir.dropNlink();
            }
        } else if (isDir) {
            oldDir.dropNlink();
            newDir.incNlink();
        }
        entries(oldDir).remove(oldDentry.name());
        entries(newDir).remove(newDentry.name());
        entries(newDir).put(newDentry.name(), inode);
        return 0;
    }

    static final int RENAME_NOREPLACE = 1;
    static final int RENAME_EXCHANGE = 2;

    static boolean isDir(Inode i) {
        return StatMode.isDir(i.mode());
    }
}
