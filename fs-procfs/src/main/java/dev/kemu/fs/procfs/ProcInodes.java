package dev.kemu.fs.procfs;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.spi.AddressSpaceOperations;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.Iattr;
import dev.kemu.vfs.spi.InodeOperations;

/**
 * Inode creation and the operations every proc file shares ({@code fs/proc/inode.c:proc_get_inode()},
 * {@code proc_notify_change()}; {@code fs/proc/base.c:proc_setattr()}; {@code fs/inode.c:empty_aops}).
 *
 * <p>A proc file's {@code i_size} stays 0 whatever it holds; its mapping has no methods.
 */
final class ProcInodes {
    private ProcInodes() {
    }

    /**
     * {@code empty_aops}: procfs content never enters the page cache. A generic path that asks
     * for a page anyway gets EIO.
     */
    static final AddressSpaceOperations EMPTY_AOPS = new AddressSpaceOperations() {
        @Override
        public int readFolio(File file, Page page) {
            return Errno.EIO.negInt();
        }

        @Override
        public int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
            return Errno.EIO.negInt();
        }

        @Override
        public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
            return Errno.EIO.negInt();
        }
    };

    /**
     * {@code proc_setattr} / {@code proc_notify_change} / {@code proc_sys_setattr} with
     * {@code ATTR_SIZE}: accepted ({@code setattr_copy} ignores the size), so {@code O_TRUNC} and
     * {@code ftruncate} on a writable descriptor succeed and {@code st_size} stays 0.
     */
    static final InodeOperations FILE_IOPS = new InodeOperations() {
        @Override
        public int setSize(Inode inode, long size) {
            return 0;
        }
    };

    /** A regular file of mode {@code S_IFREG | perm}, size 0. */
    static Inode newFile(SuperBlock sb, int perm, FileOperations fop) {
        return sb.newInode(StatMode.S_IFREG | perm, FILE_IOPS, fop, EMPTY_AOPS);
    }

    /** {@code proc_setattr} of /proc/PID files: the mode cannot change (EPERM); owners and times can. */
    static final InodeOperations PID_FILE_IOPS = refusing(Iattr.ATTR_MODE);

    /**
     * {@code proc_sys_setattr}: neither mode nor owners can change (EPERM); {@code proc_sys_permission}:
     * the table's mode decides who may read or write ({@code sysctl_perm}).
     */
    static final InodeOperations SYS_FILE_IOPS = sysctlPermission(refusing(Iattr.ATTR_MODE | Iattr.ATTR_UID | Iattr.ATTR_GID));

    private static final int MAY_EXEC = 1;

    private static InodeOperations sysctlPermission(InodeOperations base) {
        return new InodeOperations() {
            @Override
            public int setSize(Inode inode, long size) {
                return base.setSize(inode, size);
            }

            @Override
            public int setattr(Inode inode, dev.kemu.vfs.spi.Iattr attr) {
                return base.setattr(inode, attr);
            }

            /** {@code proc_sys_permission}: never executable; else {@link #testPerm}. */
            @Override
            public int permission(Inode inode, int mask) {
                if ((mask & MAY_EXEC) != 0 && StatMode.isReg(inode.mode())) {
                    return Errno.EACCES.negInt();
                }
                dev.kemu.vfs.Task t = dev.kemu.vfs.Task.current();
                return t == null ? 0 : testPerm(inode.mode() & 0777, mask, t.cred());
            }
        };
    }

    /**
     * {@code fs/proc/proc_sysctl.c:test_perm()}: the owner bits for an effective uid of root, the
     * group bits for a task in the root group ({@code in_egroup_p}: the egid or a supplementary
     * group), the other bits for anyone else. No capability is consulted.
     */
    static int testPerm(int mode, int mask, dev.kemu.vfs.Cred cred) {
        if (cred.euid() == 0) {
            mode >>= 6;
        } else if (cred.egid() == 0 || cred.groups().contains(0)) {
            mode >>= 3;
        }
        return (mask & ~mode & 7) == 0 ? 0 : Errno.EACCES.negInt();
    }

    private static InodeOperations refusing(int attrs) {
        return new InodeOperations() {
            @Override
            public int setSize(Inode inode, long size) {
                return 0;
            }

            @Override
            public int setattr(Inode inode, Iattr attr) {
                if ((attr.valid() & attrs) != 0) {
                    return Errno.EPERM.negInt();
                }
                attr.copyTo(inode);
                return 0;
            }
        };
    }

    /** A regular file of mode {@code S_IFREG | perm}, size 0, with the given inode operations. */
    static Inode newFile(SuperBlock sb, int perm, FileOperations fop, InodeOperations iops) {
        return sb.newInode(StatMode.S_IFREG | perm, iops, fop, EMPTY_AOPS);
    }

    /** A directory of mode {@code S_IFDIR | 0555} with the given lookup. */
    static Inode newDir(SuperBlock sb, ProcDir dir) {
        return sb.newInode(StatMode.S_IFDIR | 0555, dir, ProcDir.FOPS, EMPTY_AOPS);
    }
}
