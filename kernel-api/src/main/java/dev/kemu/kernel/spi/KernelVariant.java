package dev.kemu.kernel.spi;

import java.util.Objects;

/** One version (or family of versions, e.g. {@code 5.10.y}) a provider lists, with a one-line description. */
public record KernelVariant(String version, String description) {
    public KernelVariant {
        Objects.requireNonNull(version);
        Objects.requireNonNull(description);
        if (description.contains("\n")) {
            throw new IllegalArgumentException("a variant is described in one line");
        }
    }
}
