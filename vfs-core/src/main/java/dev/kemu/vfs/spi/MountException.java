package dev.kemu.vfs.spi;

/** A filesystem cannot be mounted: a damaged image, an unsupported feature. The message says why. */
public final class MountException extends Exception {
    private static final long serialVersionUID = 1L;

    public MountException(String message) {
        super(message);
    }

    public MountException(String message, Throwable cause) {
        super(message, cause);
    }
}
