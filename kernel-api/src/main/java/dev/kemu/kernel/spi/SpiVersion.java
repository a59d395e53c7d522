package dev.kemu.kernel.spi;

/**
 * The version of the plugin SPI (the interfaces a kernel provider or filesystem type implements:
 * {@code dev.kemu.kernel.spi}, {@code dev.kemu.vfs.spi} and the behaviour interfaces they bind).
 * A plugin jar declares the SPI version it was built against in its manifest,
 * {@code Kemu-Spi-Version: 1.0}; kemu loads it when the major versions are equal and the jar's
 * minor version is not newer than this one's (a plugin may use nothing a newer SPI added).
 * A major version changes with a change that breaks a built plugin, a minor one with an addition.
 */
public final class SpiVersion {
    /** The manifest attribute a plugin jar names its SPI version in. */
    public static final String MANIFEST_ATTRIBUTE = "Kemu-Spi-Version";

    /** The major version of this SPI. */
    public static final int MAJOR = 1;

    /** The minor version of this SPI. */
    public static final int MINOR = 0;

    /** This SPI's version, {@code MAJOR.MINOR}. */
    public static final String CURRENT = MAJOR + "." + MINOR;

    private SpiVersion() {
    }

    /**
     * Whether a plugin built against SPI {@code declared} ({@code MAJOR.MINOR}) can run on this
     * one; false for a malformed or absent value.
     */
    public static boolean compatible(String declared) {
        if (declared == null || !declared.trim().matches("\\d{1,4}\\.\\d{1,4}")) {
            return false;
        }
        String[] p = declared.trim().split("\\.");
        return Integer.parseInt(p[0]) == MAJOR && Integer.parseInt(p[1]) <= MINOR;
    }
}
