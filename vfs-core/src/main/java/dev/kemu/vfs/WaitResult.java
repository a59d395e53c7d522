package dev.kemu.vfs;

/**
 * What {@code wait4} and {@code waitid} return.
 *
 * <p>{@code wait4}: {@code ret} is the reaped child's process id (0 for WNOHANG with nothing to
 * report, or a negated errno) and {@code status} the status word it stores
 * ({@code (code & 0xff) << 8} for an exit, the signal number, {@code | 0x80} with a core dump).
 * {@code waitid}: {@code ret} is 0 or a negated errno, {@code status} is siginfo's
 * {@code si_status} (the exit code or the signal number), {@code pid} is {@code si_pid} (0 when
 * nothing was reported) and {@code code} is {@code si_code} ({@link #CLD_EXITED},
 * {@link #CLD_KILLED}, {@link #CLD_DUMPED}; 0 when nothing was reported).
 */
public record WaitResult(long ret, int status, int pid, int code) {
    public static final int CLD_EXITED = 1;
    public static final int CLD_KILLED = 2;
    public static final int CLD_DUMPED = 3;

    /** A {@code wait4} result: the pid, if any, is {@code ret}. */
    public WaitResult(long ret, int status) {
        this(ret, status, ret > 0 ? (int) ret : 0, ret > 0 ? codeOf(status) : 0);
    }

    /** {@code si_code} for a {@code wait4} status word. */
    static int codeOf(int status) {
        if ((status & 0x7f) == 0) {
            return CLD_EXITED;
        }
        return (status & 0x80) != 0 ? CLD_DUMPED : CLD_KILLED;
    }
}
