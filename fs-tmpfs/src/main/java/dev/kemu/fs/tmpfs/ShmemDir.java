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
import java.util.Map;

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
    @SuppressWarnings("unchecked")
    static Map<String, Inode> entries(Inode dir) {
        return (Map<String, Inode>) dir.fsPrivate();
    }

    /** {@code shmem_mknod}: links a new inode into {@code dir}, growing it by one bogus dirent. */
    private static void link(Inode dir, Dentry dentry, Inode inode) {
        entries(dir).put(dentry.name(), inode);
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
            link(dir, dentry, ShmemInodes.newFile(dir.sb(), mode));
            return 0;
        }

        @Override
        public int mknod(Inode dir, Dentry dentry, int mode, long rdev) {
            link(dir, dentry, ShmemInodes.newSpecial(dir.sb(), mode, rdev));
            return 0;
        }

        @Override
        public int mkdir(Inode dir, Dentry dentry, int mode) {
            link(dir, dentry, ShmemInodes.newDir(dir.sb(), mode));
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

        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EISDIR.negInt();
        }
    };

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
        public boolean canWrite() {
            return false;
        }
    };
}
