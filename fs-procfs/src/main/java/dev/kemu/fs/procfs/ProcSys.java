package dev.kemu.fs.procfs;

import dev.kemu.vfs.Inode;
import dev.kemu.vfs.spi.Iattr;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.SuperBlock;
import java.util.Map;

/**
 * {@code /proc/sys} ({@code fs/proc/proc_sysctl.c:proc_sys_make_inode()}) with the tables the
 * model needs: {@code kernel.hostname} and {@code kernel.domainname} ({@link ProcSysKernel}), and
 * {@code fs.pipe-max-size} and {@code fs.pipe-user-pages-soft/-hard} ({@code fs/pipe.c:fs_pipe_sysctls},
 * {@code kernel/sysctl.c:proc_dopipe_max_size()}, {@code do_proc_dopipe_max_size_conv()}).
 *
 * <p>sysctl directories have {@code i_nlink} 1, as {@code proc_sys_make_inode} never raises it.
 */
final class ProcSys {
    private ProcSys() {
    }

    static Inode create(SuperBlock sb) {
        ProcSbInfo info = ProcSbInfo.of(sb);
        boolean splice = info.sysctlSplice();
        Inode pipeMaxSize = ProcInodes.newFile(sb, 0644, new ProcSysFile(new ProcSysFile.UintEntry() {
            @Override
            public long get() {
                return info.pipeMaxSize();
            }

            /** {@code do_proc_dopipe_max_size_conv}: {@code round_pipe_size} of the low 32 bits. */
            @Override
            public boolean set(long lval) {
                int size = roundPipeSize((int) lval);
                if (size == 0) {
                    return false;
                }
                info.setPipeMaxSize(size);
                return true;
            }
        }, splice), ProcInodes.SYS_FILE_IOPS);
        Inode soft = ProcInodes.newFile(sb, 0644, new ProcSysFile(ulong(info.pipes()::userPagesSoft, info.pipes()::setUserPagesSoft), splice), ProcInodes.SYS_FILE_IOPS);
        Inode hard = ProcInodes.newFile(sb, 0644, new ProcSysFile(ulong(info.pipes()::userPagesHard, info.pipes()::setUserPagesHard), splice), ProcInodes.SYS_FILE_IOPS);
        Inode fs = sysctlDir(sb, Map.of("pipe-max-size", pipeMaxSize, "pipe-user-pages-soft", soft,
                "pipe-user-pages-hard", hard));
        return sysctlDir(sb, Map.of("fs", fs, "kernel", ProcSysKernel.create(sb)));
    }

    /**
     * {@code proc_doulongvec_minmax} without bounds, as {@code pipe-user-pages-soft} and
     * {@code -hard} use it. Divergence: the shared parser refuses values above 2^32 - 1 (EINVAL)
     * that an unsigned long would take.
     */
    private static ProcSysFile.UintEntry ulong(java.util.function.LongSupplier get, java.util.function.LongConsumer set) {
        return new ProcSysFile.UintEntry() {
            @Override
            public long get() {
                return get.getAsLong();
            }

            @Override
            public boolean set(long lval) {
                set.accept(lval);
                return true;
            }
        };
    }

    static Inode sysctlDir(SuperBlock sb, Map<String, Inode> entries) {
        Inode dir = ProcInodes.newDir(sb, new ProcDir(entries).refusing(Iattr.ATTR_MODE | Iattr.ATTR_UID | Iattr.ATTR_GID));
        dir.setNlink(1);
        return dir;
    }

    /**
     * {@code fs/pipe.c:round_pipe_size(unsigned int)}: 0 (invalid) above 2^31, at least one page,
     * else the next power of two. The argument is an unsigned int.
     */
    static int roundPipeSize(int size) {
        long u = Integer.toUnsignedLong(size);
        if (u > (1L << 31)) {
            return 0;
        }
        if (u < Page.SIZE) {
            return Page.SIZE;
        }
        return (int) (Long.highestOneBit(u - 1) << 1);
    }
}
