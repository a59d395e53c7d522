package dev.kemu.replay;

/**
 * A log names a system call no x86-64 Linux has ({@code frobnicate(3)}): the log is not strace output of this
 * architecture, which is bad input rather than an unmodelled call.
 */
public final class UnknownSyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int lineNo;
    private final String syscall;

    UnknownSyscallException(int lineNo, String syscall) {
        super("line " + lineNo + ": unknown system call '" + syscall + "': not an x86-64 Linux system call", null, false, false);
        this.lineNo = lineNo;
        this.syscall = syscall;
    }

    /** The line that names the call. */
    public int lineNo() {
        return lineNo;
    }

    /** The name. */
    public String syscall() {
        return syscall;
    }
}
