package dev.kemu.kernel;

/** An emulated kernel could not be started (a filesystem would not mount). The message says why. */
public final class KernelBootException extends Exception {
    private static final long serialVersionUID = 1L;

    public KernelBootException(String message, Throwable cause) {
        super(message, cause);
    }
}
