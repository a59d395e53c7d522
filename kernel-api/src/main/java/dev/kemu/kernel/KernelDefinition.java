package dev.kemu.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A distribution kernel defined as data: a modelled release (its base) with some of its
 * provider's behaviour switches set otherwise, each setting standing for the backport that
 * made it so. Read from a {@code *.kernel.properties} file ({@code --kernel-def FILE}, or found
 * on the plugin path); the format is described in {@code docs/defining-a-kernel.md}.
 *
 * @param version the name the kernel answers to in {@code --kernel}: the base release with a
 *     suffix ({@code 5.10.92-2})
 * @param base the release it was built from, and the provider that models it
 * @param description one line for listings
 * @param source where the backports are documented (changelogs, advisories)
 * @param settings the switches set, in file order
 * @param file the file it was read from
 */
public record KernelDefinition(KernelVersion version, Kernels.Resolved base, String description, String source,
        List<Setting> settings, Path file) {
    /**
     * One switch set on or off, and the change that made it so.
     *
     * @param name the switch ({@link dev.kemu.kernel.spi.BehaviourSwitch#name()})
     * @param on whether the switch is on in the defined kernel
     * @param commit the upstream commit the distribution took (or reverted)
     * @param upstream the upstream release that has the commit
     * @param note what the distribution's change says, and where it says it
     */
    public record Setting(String name, boolean on, String commit, String upstream, String note) {
        public Setting {
            Objects.requireNonNull(name);
            Objects.requireNonNull(commit);
            Objects.requireNonNull(upstream);
            Objects.requireNonNull(note);
        }
    }

    public KernelDefinition {
        Objects.requireNonNull(version);
        Objects.requireNonNull(base);
        settings = List.copyOf(settings);
        Objects.requireNonNull(file);
    }

    /**
     * The switches to invert on the base to get this kernel: those set otherwise than the base
     * release has them ({@link dev.kemu.kernel.spi.KernelProvider#module(KernelVersion, Set)}).
     */
    public Set<String> flippedOnBase() {
        Set<String> out = new TreeSet<>();
        for (Setting s : settings) {
            boolean baseOn = base.provider().switches().stream().filter(b -> b.name().equals(s.name()))
                    .anyMatch(b -> b.on(base.version()));
            if (baseOn != s.on()) {
                out.add(s.name());
            }
        }
        return out;
    }

    /** The setting of switch {@code name}, or null when the definition leaves it as the base has it. */
    public Setting setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
