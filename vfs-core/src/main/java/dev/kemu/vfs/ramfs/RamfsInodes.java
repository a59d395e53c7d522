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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** ramfs inodes: directories as name maps, regular files in the page cache ({@code fs/ramfs/inode.c}). */
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
        dir.setFsPrivate(new ConcurrentHashMap<String, Inode>());
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

    /** {@code simple_dir_operations}: reading a directory is EISDIR ({@code generic_read_dir}). */
    static final FileOperations DIR_FOPS = new FileOperations() {
        @Override
        public long llseek(File file, long offset, int whence) {
            return GenericFile.llseek(file, offset, whence);
        }

        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return Errno.EISDIR.negInt();
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

        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EISDIR.negInt();
        }
    };

    static boolean isDir(Inode i) {
        return StatMode.isDir(i.mode());
    }
}
