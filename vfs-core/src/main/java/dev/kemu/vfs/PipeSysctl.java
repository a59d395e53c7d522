package dev.kemu.vfs;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipe limits of one machine ({@code fs/pipe.c}: {@code pipe_max_size},
 * {@code pipe_user_pages_soft}, {@code pipe_user_pages_hard}, shown as
 * {@code /proc/sys/fs/pipe-max-size}, {@code pipe-user-pages-soft}, {@code pipe-user-pages-hard}).
 *
 * <p>One instance per {@link Vfs}: the pipe layer reads {@code pipe_max_size} in
 * {@code alloc_pipe_info()} and {@code pipe_set_size()}, procfs reads and writes it.
 *
 * <p>Deliberate divergence: per-user pipe accounting ({@code user->pipe_bufs},
 * {@code too_many_pipe_buffers_soft/hard}) is not modelled; the soft and hard values are kept
 * so the sysctl files read and write as Linux's do, and nothing else consults them.
 */
public final class PipeSysctl {
    /** {@code unsigned int pipe_max_size = 1048576}. */
    public static final int DEFAULT_PIPE_MAX_SIZE = 1048576;
    /** {@code PIPE_DEF_BUFFERS * INR_OPEN_CUR}: 16 * 1024 pages. */
    public static final long DEFAULT_USER_PAGES_SOFT = 16384;

    private final AtomicInteger pipeMaxSize = new AtomicInteger(DEFAULT_PIPE_MAX_SIZE);
    private final AtomicLong userPagesSoft = new AtomicLong(DEFAULT_USER_PAGES_SOFT);
    private final AtomicLong userPagesHard = new AtomicLong();

    /** {@code pipe_max_size}, an unsigned int widened to long. */
    public long pipeMaxSize() {
        return Integer.toUnsignedLong(pipeMaxSize.get());
    }

    /** Stores {@code pipe_max_size}; the caller has rounded it ({@code do_proc_dopipe_max_size_conv}). */
    public void setPipeMaxSize(long size) {
        pipeMaxSize.set((int) size);
    }

    /** {@code pipe_user_pages_soft}. */
    public long userPagesSoft() {
        return userPagesSoft.get();
    }

    public void setUserPagesSoft(long pages) {
        userPagesSoft.set(pages);
    }

    /** {@code pipe_user_pages_hard} (0: no limit). */
    public long userPagesHard() {
        return userPagesHard.get();
    }

    public void setUserPagesHard(long pages) {
        userPagesHard.set(pages);
    }
}
