package dev.kemu.kernel;

/**
 * A plugin jar or kernel definition that cannot be used: a jar that does not open, a provider
 * class that does not load, an incompatible SPI version, an id, version or filesystem name
 * already taken, a definition with an unknown base or switch. The message names the jar or the
 * file and line, and says what is wrong.
 */
public final class PluginException extends Exception {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
