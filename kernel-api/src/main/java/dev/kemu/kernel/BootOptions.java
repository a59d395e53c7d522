package dev.kemu.kernel;

import dev.kemu.pipe.PipeRingKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to boot an emulated machine: the root filesystem, the other mounts, and the working
 * directory of new tasks.
 *
 * @param rootType filesystem type of {@code /} ({@code ext4} by default, as the traces were recorded on ext4)
 * @param rootSource an image file for the root, or null for a fresh in-memory one
 * @param mounts further mounts, made in order if their type is available
 * @param cwd working directory of new tasks, created if missing
 * @param pipeRing how the machine's pipes guard their ring ({@code --pipe-ring})
 */
public record BootOptions(String rootType, String rootSource, Map<String, String> rootOptions, List<MountSpec> mounts,
        String cwd, PipeRingKind pipeRing) {
    /** One mount: a filesystem type at an absolute path. */
    public record MountSpec(String type, String at) {
    }

    public BootOptions {
        Objects.requireNonNull(rootType);
        rootOptions = Map.copyOf(rootOptions);
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(cwd);
        Objects.requireNonNull(pipeRing);
    }

    /** Options with the default pipe ring ({@link PipeRingKind#defaultKind()}). */
    public BootOptions(String rootType, String rootSource, Map<String, String> rootOptions, List<MountSpec> mounts,
            String cwd) {
        this(rootType, rootSource, rootOptions, mounts, cwd, PipeRingKind.defaultKind());
    }

    /**
     * The standard layout: ext4 at {@code /}, proc at {@code /proc}, tmpfs at {@code /tmp}, devices at {@code /dev},
     * and tmpfs at {@code /dev/shm} (POSIX shared memory, where programs such as LTP's library map their files).
     */
    public static BootOptions standard() {
        return new BootOptions("ext4", null, Map.of(),
                List.of(new MountSpec("proc", "/proc"), new MountSpec("tmpfs", "/tmp"), new MountSpec("ramfs", "/dev"),
                        new MountSpec("tmpfs", "/dev/shm")),
                "/scenario");
    }

    public BootOptions withRoot(String type, String source) {
        return new BootOptions(type, source, rootOptions, mounts, cwd, pipeRing);
    }

    /** These options with the root mounted with {@code key=value} as well ({@code mount -o}). */
    public BootOptions withRootOption(String key, String value) {
        Map<String, String> o = new java.util.LinkedHashMap<>(rootOptions);
        o.put(key, value);
        return new BootOptions(rootType, rootSource, o, mounts, cwd, pipeRing);
    }

    public BootOptions withCwd(String dir) {
        return new BootOptions(rootType, rootSource, rootOptions, mounts, dir, pipeRing);
    }

    /** These options with the pipes of the machine using {@code ring}. */
    public BootOptions withPipeRing(PipeRingKind ring) {
        return new BootOptions(rootType, rootSource, rootOptions, mounts, cwd, ring);
    }
}
