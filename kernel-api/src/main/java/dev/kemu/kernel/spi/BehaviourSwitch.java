package dev.kemu.kernel.spi;

import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.VersionRanges;

/**
 * A documented behaviour switch: what changes, the versions where the newer behaviour holds,
 * and the kernel source that decides it. Plugins contribute these with a Guice
 * {@code Multibinder} so that {@code kemu kernels} can list them.
 */
public record BehaviourSwitch(String name, String description, VersionRanges holds, String source) {
    /** Whether the switch is on for {@code v}. */
    public boolean on(KernelVersion v) {
        return holds.contains(v);
    }
}
