package dev.kemu.fs.procfs;

import dev.kemu.vfs.SuperBlock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine-wide values this procfs shows: the kernel release ({@code init_uts_ns}) and the
 * {@code fs.pipe-max-size} sysctl ({@code fs/pipe.c:pipe_max_size}, 1 MiB by default).
 *
 * <p>Deliberate divergence: Linux has one {@code pipe_max_size} per machine, which F_SETPIPE_SZ
 * obeys for unprivileged tasks; here it belongs to the mount and nothing else reads it (tasks in
 * the model are root, which the limit does not bind).
 */
final class ProcSbInfo {
    /** {@code fs/pipe.c}: {@code unsigned int pipe_max_size = 1048576}. */
    static final int DEFAULT_PIPE_MAX_SIZE = 1048576;

    private final String release;
    private final AtomicInteger pipeMaxSize = new AtomicInteger(DEFAULT_PIPE_MAX_SIZE);

    ProcSbInfo(String release) {
        this.release = release;
    }

    static ProcSbInfo of(SuperBlock sb) {
        return (ProcSbInfo) sb.fsInfo();
    }

    String release() {
        return release;
    }

    /** {@code pipe_max_size} as an unsigned value. */
    long pipeMaxSize() {
        return Integer.toUnsignedLong(pipeMaxSize.get());
    }

    void setPipeMaxSize(int size) {
        pipeMaxSize.set(size);
    }
}
