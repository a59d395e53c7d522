package dev.kemu.fs.procfs;

import dev.kemu.vfs.Dentry;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.MountException;
import dev.kemu.vfs.spi.SuperOperations;
import java.util.Map;

/**
 * procfs ({@code fs/proc/root.c:proc_fill_super()}, {@code fs/proc/inode.c},
 * {@code fs/proc/base.c}, {@code fs/proc/proc_sysctl.c}): a tree of pseudo files whose
 * {@code st_size} is 0 and whose text is made when they are read.
 *
 * <p>What user space sees, and the model keeps (checked on a 6.18 host as root):
 * <ul>
 * <li>{@code st_blksize} 1024 and {@code s_maxbytes} {@code MAX_NON_LFS} ({@code 2^31-1}), the
 * {@code alloc_super} default procfs never raises, so directory {@code lseek} past it is EINVAL;
 * <li>{@code /proc/self/status}: {@code S_IFREG|0444}, size 0, read through {@code seq_file};
 * {@code open(O_WRONLY)} succeeds for root and {@code write} is EINVAL (no write method);
 * SEEK_END, SEEK_DATA and SEEK_HOLE are EINVAL ({@code seq_lseek}); no {@code splice_read}, so
 * splice and sendfile from it are EINVAL from 5.10;
 * <li>{@code /proc/version}: {@code S_IFREG|0444}; {@code write} is EIO ({@code proc_reg_write}
 * with no {@code proc_write}); splice reads through {@code copy_splice_read};
 * <li>{@code /proc/sys/fs/pipe-max-size}: {@code S_IFREG|0644}, "1048576\n"; sysctl reads and
 * writes ({@code proc_dopipe_max_size}), {@code default_llseek};
 * <li>{@code /proc/sys/kernel/domainname} and {@code hostname}: {@code S_IFREG|0644}, "(none)\n";
 * string sysctls of the machine's UTS namespace ({@code proc_do_uts_string});
 * <li>directories {@code S_IFDIR|0555}, size 0; reading one is EISDIR; names that do not exist
 * fail lookup with ENOENT, so {@code mkdir} and {@code open(O_CREAT)} of a new name are ENOENT;
 * {@code unlink} and {@code rmdir} of an existing entry are EPERM;
 * <li>{@code open(O_DIRECT)} of anything here is EINVAL (no {@code FMODE_CAN_ODIRECT}).
 * </ul>
 *
 * <p>Mount option {@code version}: the release {@code /proc/version} names (default "6.18").
 *
 * <p>Deliberate divergences: {@code /proc/self} is a directory, not a symbolic link (the VFS
 * models no symlinks); its files show the task that opened them ({@link dev.kemu.vfs.Task#current()}
 * at open), which is what the link would have resolved to. {@code /proc/<pid>} exists for the
 * calling task only, as the VFS keeps no task list. Link counts of {@code /proc} and
 * {@code /proc/self} do not count the entries the model leaves out.
 */
public final class ProcFsType implements FileSystemType {
    /** {@code MAX_NON_LFS}: procfs keeps the {@code alloc_super} default {@code s_maxbytes}. */
    static final long MAX_NON_LFS = Integer.MAX_VALUE;
    /** {@code proc_fill_super}: {@code s_blocksize = 1024}. */
    static final int PROC_BLOCK_SIZE = 1024;
    /** The release {@code /proc/version} names when no {@code version} option is given. */
    public static final String DEFAULT_RELEASE = "6.18";

    private static final SuperOperations PROC_SOPS = new SuperOperations() {
        // proc_sops: nothing to write back.

        /** {@code proc_sops}: {@code simple_statfs} with {@code PROC_SUPER_MAGIC}. */
        @Override
        public dev.kemu.vfs.Statfs statfs(SuperBlock sb) {
            return dev.kemu.vfs.Statfs.simple(dev.kemu.vfs.Statfs.PROC_SUPER_MAGIC, sb);
        }
    };

    @Override
    public String name() {
        return "proc";
    }

    @Override
    public String description() {
        return "procfs: size-0 pseudo files made when read (fs/proc)";
    }

    /**
     * {@code proc_get_tree} + {@code proc_fill_super}.
     *
     * @throws MountException for an option other than {@code version}, or an empty release
     */
    @Override
    public SuperBlock mount(Vfs vfs, String source, Map<String, String> options) throws MountException {
        String release = DEFAULT_RELEASE;
        for (Map.Entry<String, String> e : (options == null ? Map.<String, String>of() : options).entrySet()) {
            if (!e.getKey().equals("version")) {
                throw new MountException("proc: Unknown parameter '" + e.getKey() + "'");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new MountException("proc: Bad value for 'version'");
            }
            release = e.getValue();
        }
        SuperBlock sb = new SuperBlock("proc", PROC_BLOCK_SIZE, MAX_NON_LFS, PROC_SOPS);
        sb.setFsInfo(new ProcSbInfo(release, vfs.pipeSysctl(), vfs.utsNamespace(), vfs.behaviour().procSysSplice()));
        sb.setRoot(Dentry.makeRoot(ProcRoot.create(sb)));
        return sb;
    }
}
