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
 * <p>It also keeps the per-user count of pipe slots ({@code user_struct->pipe_bufs},
 * {@code account_pipe_buffers()}), by real uid as {@code current_user()} is, which
 * {@code too_many_pipe_buffers_soft/hard()} compare with the soft and hard limits.
 */
public final class PipeSysctl {
    /** {@code unsigned int pipe_max_size = 1048576}. */
    public static final int DEFAULT_PIPE_MAX_SIZE = 1048576;
    /** {@code PIPE_DEF_BUFFERS * INR_OPEN_CUR}: 16 * 1024 pages. */
    public static final long DEFAULT_USER_PAGES_SOFT = 16384;

    private final AtomicInteger pipeMaxSize = new AtomicInteger(DEFAULT_PIPE_MAX_SIZE);
    private final AtomicLong userPagesSoft = new AtomicLong(DEFAULT_USER_PAGES_SOFT);
    private final AtomicLong userPagesHard = new AtomicLong();
    private final java.util.concurrent.ConcurrentHashMap<Integer, AtomicLong> userBufs =
            new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * {@code account_pipe_buffers(user, old, new)}: the user's slot count moves from {@code old}
     * to {@code nu} slots for one pipe; returns the user's new total.
     */
    public long accountPipeBuffers(int uid, long old, long nu) {
        return userBufs.computeIfAbsent(uid, u -> new AtomicLong()).addAndGet(nu - old);
    }

    /** The slots pipes of {@code uid} hold now ({@code user->pipe_bufs}). */
    public long userPipeBuffers(int uid) {
        AtomicLong n = userBufs.get(uid);
        return n == null ? 0 : n.get();
    }

    /** {@code too_many_pipe_buffers_soft(user_bufs)}: a soft limit is set and {@code bufs} exceeds it. */
    public boolean tooManySoft(long bufs) {
        long soft = userPagesSoft.get();
        return soft != 0 && bufs > soft;
    }

    /** {@code too_many_pipe_buffers_hard(user_bufs)}. */
    public boolean tooManyHard(long bufs) {
        long hard = userPagesHard.get();
        return hard != 0 && bufs > hard;
    }
}
