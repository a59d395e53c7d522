package dev.kemu.fs.procfs;

import dev.kemu.vfs.PipeSysctl;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.UtsNamespace;

/**
 * The machine-wide values this procfs shows: the kernel release ({@code init_uts_ns}) and the
 * machine's pipe limits ({@code fs/pipe.c:pipe_max_size}, {@code pipe_user_pages_soft},
 * {@code pipe_user_pages_hard}), which belong to the {@link dev.kemu.vfs.Vfs}: a write to
 * {@code /proc/sys/fs/pipe-max-size} is what F_SETPIPE_SZ and new pipes of the same machine obey;
 * the machine's UTS namespace ({@code /proc/sys/kernel/hostname}, {@code domainname}); and whether
 * the version's sysctl files have splice methods ({@code VfsBehaviour.procSysSplice}).
 */
final class ProcSbInfo {
    /** {@code fs/pipe.c}: {@code unsigned int pipe_max_size = 1048576}. */
    static final int DEFAULT_PIPE_MAX_SIZE = PipeSysctl.DEFAULT_PIPE_MAX_SIZE;

    private final String release;
    private final PipeSysctl pipes;
    private final UtsNamespace uts;
    private final boolean sysctlSplice;

    ProcSbInfo(String release, PipeSysctl pipes, UtsNamespace uts, boolean sysctlSplice) {
        this.release = release;
        this.pipes = pipes;
        this.uts = uts;
        this.sysctlSplice = sysctlSplice;
    }

    static ProcSbInfo of(SuperBlock sb) {
        return (ProcSbInfo) sb.fsInfo();
    }

    String release() {
        return release;
    }

    /** The machine's pipe limits. */
    PipeSysctl pipes() {
        return pipes;
    }

    /** {@code pipe_max_size} as an unsigned value. */
    long pipeMaxSize() {
        return pipes.pipeMaxSize();
    }

    void setPipeMaxSize(int size) {
        pipes.setPipeMaxSize(Integer.toUnsignedLong(size));
    }

    /** The machine's host and domain names. */
    UtsNamespace uts() {
        return uts;
    }

    /** {@code proc_sys_file_operations} has {@code .splice_read} and {@code .splice_write} (5.10 and later). */
    boolean sysctlSplice() {
        return sysctlSplice;
    }
}
