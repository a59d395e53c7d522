package dev.kemu.host;

/**
 * The host backend cannot run here: the machine is not Linux on x86-64 (the backend issues
 * x86-64 system call numbers and structure layouts), the C library cannot be loaded, or no
 * temporary directory can be made. The message says which.
 */
public final class HostUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public HostUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
