package dev.kemu.vfs;

/**
 * The standard signals 1..31 with their x86-64 numbers ({@code arch/x86/include/uapi/asm/signal.h}),
 * and the default dispositions the kernel itself acts on ({@code include/linux/signal.h}:
 * {@code SIG_KERNEL_IGNORE_MASK}, {@code SIG_KERNEL_ONLY_MASK}).
 *
 * <p>The real-time signals 32..64 ({@code SIGRTMIN}..{@code SIGRTMAX}) are valid signal numbers
 * ({@link #valid}) but are not modelled: they have no constant here.
 */
public enum Signal {
    SIGHUP(1), SIGINT(2), SIGQUIT(3), SIGILL(4), SIGTRAP(5), SIGABRT(6), SIGBUS(7), SIGFPE(8), SIGKILL(9),
    SIGUSR1(10), SIGSEGV(11), SIGUSR2(12), SIGPIPE(13), SIGALRM(14), SIGTERM(15), SIGSTKFLT(16), SIGCHLD(17),
    SIGCONT(18), SIGSTOP(19), SIGTSTP(20), SIGTTIN(21), SIGTTOU(22), SIGURG(23), SIGXCPU(24), SIGXFSZ(25),
    SIGVTALRM(26), SIGPROF(27), SIGWINCH(28), SIGIO(29), SIGPWR(30), SIGSYS(31);

    /** {@code _NSIG}: signal numbers are 1..64. */
    public static final int NSIG = 64;

    private static final Signal[] BY_NUMBER = new Signal[32];

    static {
        for (Signal s : values()) {
            BY_NUMBER[s.number] = s;
        }
    }

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The signal numbered {@code number}, or null (0, a real-time signal, or out of range). */
    public static Signal of(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** The signal called {@code name} ({@code "SIGTERM"}), or null. */
    public static Signal byName(String name) {
        for (Signal s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** {@code valid_signal()}: 0..{@code _NSIG}. */
    public static boolean valid(int sig) {
        return sig >= 0 && sig <= NSIG;
    }

    /**
     * {@code sig_kernel_ignore()}: the default action is to ignore it (SIGCONT, SIGCHLD, SIGWINCH,
     * SIGURG); with that default disposition the signal is discarded when sent.
     */
    public boolean ignoredByDefault() {
        return this == SIGCONT || this == SIGCHLD || this == SIGWINCH || this == SIGURG;
    }

    /** {@code sig_kernel_only()}: SIGKILL and SIGSTOP can be neither caught nor ignored. */
    public boolean kernelOnly() {
        return this == SIGKILL || this == SIGSTOP;
    }
}
