package dev.kemu.host;

import com.sun.jna.Memory;

/**
 * Tells whether the kernel sent SIGPIPE to the calling thread during one call. The JVM does not
 * die of SIGPIPE (it catches and ignores it), so a write to a pipe without readers shows only as
 * EPIPE; but {@code fs/pipe.c:pipe_write()} and the splice paths ({@code fs/splice.c:
 * wait_for_space()}, {@code opipe_prep()}, {@code link_pipe()}) also {@code send_sig(SIGPIPE,
 * current, 0)}, which {@code kernel/signal.c:send_sig_info()} directs at the thread
 * ({@code PIDTYPE_PID}). With SIGPIPE blocked in the thread during the call, such a signal stays
 * pending ({@code sig_ignored()} never drops a blocked signal), is seen with
 * {@code rt_sigpending(2)} and consumed with {@code rt_sigtimedwait(2)} before the mask is
 * restored: exactly the calls where Linux raised it, no guessing from the errno.
 *
 * <p>Per-thread scratch memory; no shared state.
 */
final class SigpipeProbe {
    private static final long SIG_BLOCK = 0;
    private static final long SIG_SETMASK = 2;
    private static final long SIGSET_SIZE = 8;
    private static final long PIPE_MASK = 1L << (Libc.SIGPIPE - 1);
    /** Per thread: [0] the SIGPIPE set, [8] the old mask, [16] rt_sigpending's answer, [24] a zero timespec. */
    private static final ThreadLocal<Memory> SCRATCH = ThreadLocal.withInitial(() -> {
        Memory m = new Memory(40);
        m.clear();
        return m;
    });

    private SigpipeProbe() {
    }

    /** Blocks SIGPIPE in the calling thread, remembering the mask it had. */
    static void block() {
        Memory m = SCRATCH.get();
        m.setLong(0, PIPE_MASK);
        Libc.sys(Libc.RT_SIGPROCMASK, SIG_BLOCK, Libc.address(m), Libc.address(m) + 8, SIGSET_SIZE, 0, 0);
    }

    /** Whether SIGPIPE was sent to the thread since {@link #block()}; consumes it and restores the old mask. */
    static boolean takeAndRestore() {
        Memory m = SCRATCH.get();
        long base = Libc.address(m);
        boolean sent = false;
        if (Libc.sys(Libc.RT_SIGPENDING, base + 16, SIGSET_SIZE, 0) == 0 && (m.getLong(16) & PIPE_MASK) != 0) {
            m.setLong(0, PIPE_MASK);
            m.setLong(24, 0);
            m.setLong(32, 0);
            sent = Libc.sys(Libc.RT_SIGTIMEDWAIT, base, 0, base + 24, SIGSET_SIZE, 0, 0) == Libc.SIGPIPE;
        }
        Libc.sys(Libc.RT_SIGPROCMASK, SIG_SETMASK, base + 8, 0, SIGSET_SIZE, 0, 0);
        return sent;
    }
}
