package dev.kemu.fs.procfs;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.GenericFile;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.spi.DirContext;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A proc directory: a fixed table of entries, and for the root a fallback for numeric names
 * ({@code fs/proc/generic.c:proc_lookup_de()}, {@code fs/proc/root.c:proc_root_lookup()},
 * {@code fs/proc/base.c:proc_pident_lookup()}, {@code fs/proc/proc_sysctl.c:proc_sys_lookup()}).
 *
 * <p>A name that is not there is ENOENT from lookup itself (Linux returns
 * {@code ERR_PTR(-ENOENT)}, not a negative dentry), so creating anything here fails with ENOENT
 * before the VFS would ask for {@code create} or {@code mkdir}. Directory inode operations have
 * no {@code unlink} or {@code rmdir}: removing an existing entry is EPERM.
 *
 * <p>The file side ({@link #FOPS}) is {@code proc_root_operations} / {@code proc_dir_operations}
 * / {@code proc_tgid_base_operations}: {@code generic_file_llseek} bounded by
 * {@code s_maxbytes} and {@code i_size} 0, and EISDIR for reads.
 */
final class ProcDir implements InodeOperations {
    private final Map<String, Inode> entries;
    private final Set<String> symlinks;
    private final BiFunction<Inode, String, Inode> fallback;
    private volatile int refused;

    /**
     * @param entries the fixed names
     * @param symlinks names that are symbolic links in Linux (modelled as directories)
     * @param fallback asked for names not in the table; returns null for none
     */
    ProcDir(Map<String, Inode> entries, Set<String> symlinks, BiFunction<Inode, String, Inode> fallback) {
        this.entries = Map.copyOf(entries);
        this.symlinks = Set.copyOf(symlinks);
        this.fallback = fallback;
    }

    /** A directory with just a fixed table. */
    ProcDir(Map<String, Inode> entries) {
        this(entries, Set.of(), (dir, name) -> null);
    }

    /**
     * Makes {@code setattr} answer EPERM for any of {@code attrs} ({@code Iattr.ATTR_*}):
     * {@code proc_sys_setattr} refuses mode and owners, {@code proc_setattr} of /proc/PID refuses
     * the mode and, for the directory, the owners too (as 6.18 answers).
     */
    ProcDir refusing(int attrs) {
        this.refused = attrs;
        return this;
    }

    /** {@code proc_notify_change} (the root), {@code proc_setattr}, {@code proc_sys_setattr}. */
    @Override
    public int setattr(Inode inode, dev.kemu.vfs.spi.Iattr attr) {
        if ((attr.valid() & refused) != 0) {
            return Errno.EPERM.negInt();
        }
        attr.copyTo(inode);
        return 0;
    }

    @Override
    public int lookup(Inode dir, Dentry dentry) {
        Inode found = entries.get(dentry.name());
        if (found == null) {
            found = fallback.apply(dir, dentry.name());
        }
        if (found == null) {
            return Errno.ENOENT.negInt();
        }
        dentry.instantiate(found);
        return 0;
    }

    /**
     * No {@code rmdir} method: EPERM ({@code vfs_rmdir}). A name that is a symbolic link in Linux
     * ({@code self}) is not a directory there, so {@code rmdir} fails earlier with ENOTDIR.
     */
    @Override
    public int rmdir(Inode dir, Dentry dentry) {
        return symlinks.contains(dentry.name()) ? Errno.ENOTDIR.negInt() : Errno.EPERM.negInt();
    }

    @Override
    public int setSize(Inode inode, long size) {
        return Errno.EISDIR.negInt();
    }

    /**
     * {@code proc_readdir_de}: "." and "..", the table's names in the order of the
     * {@code proc_dir_entry} tree ({@code proc_match}: shorter names first, then bytewise), then
     * the names that are symbolic links in Linux ({@code proc_pid_readdir} emits {@code self}
     * after the table). Position 2 + n is the n-th name. Deliberate divergence: the process
     * directories {@code proc_pid_readdir} lists after {@code self} are not listed, and
     * {@code /proc/<pid>} lists in this order rather than {@code tgid_base_stuff}'s.
     */
    int readdir(File file, DirContext ctx) {
        Inode dir = file.inode();
        if (!ctx.emitDots(dir.ino(), file.path().dentry().parent().inode().ino())) {
            return 0;
        }
        List<String> names = new ArrayList<>(entries.keySet());
        names.sort(Comparator.comparing((String n) -> symlinks.contains(n)).thenComparingInt(String::length)
                .thenComparing(Comparator.naturalOrder()));
        for (long i = ctx.pos() - 2; i < names.size(); i++) {
            String n = names.get((int) i);
            int type = symlinks.contains(n) ? DT_LNK : DirContext.dtype(entries.get(n).mode());
            if (!ctx.emit(n, entries.get(n).ino(), type)) {
                return 0;
            }
            ctx.setPos(ctx.pos() + 1);
        }
        return 0;
    }

    /** {@code DT_LNK}. */
    private static final int DT_LNK = 10;

    static final FileOperations FOPS = new FileOperations() {
        /** {@code do_dentry_open}: no {@code FMODE_CAN_ODIRECT} in procfs. */
        @Override
        public int open(Inode inode, File file) {
            return (file.flags() & Fcntl.O_DIRECT) != 0 ? Errno.EINVAL.negInt() : 0;
        }

        /** {@code generic_file_llseek}: SEEK_END is 0, SEEK_DATA/SEEK_HOLE ENXIO, past {@code s_maxbytes} EINVAL. */
        @Override
        public long llseek(File file, long offset, int whence) {
            return GenericFile.llseek(file, offset, whence);
        }

        /** {@code generic_read_dir}. */
        @Override
        public long readIter(Kiocb iocb, IovIter to) {
            return Errno.EISDIR.neg();
        }

        @Override
        public int iterateShared(File file, DirContext ctx) {
            return file.inode().iop() instanceof ProcDir d ? d.readdir(file, ctx) : Errno.ENOTDIR.negInt();
        }

        @Override
        public boolean canIterate() {
            return true;
        }

        @Override
        public boolean canWrite() {
            return false;
        }
    };
}
