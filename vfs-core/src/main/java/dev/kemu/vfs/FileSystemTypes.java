package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileSystemType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registered filesystem types ({@code fs/filesystems.c}): every {@link FileSystemType}
 * found with {@link ServiceLoader}, plus any registered by hand (tests pass their own) or loaded
 * from a plugin jar. Two types with one name are an error, reported when the registry is built.
 * Each type remembers where it came from ({@link #BUILT_IN}, or the jar that carried it).
 */
public final class FileSystemTypes {
    /** The origin of a type found on the class path or registered without one. */
    public static final String BUILT_IN = "built in";

    private final Map<String, FileSystemType> byName = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    private FileSystemTypes() {
    }

    /** The types on the class path. */
    public static FileSystemTypes discover() {
        return discover(FileSystemTypes.class.getClassLoader());
    }

    /** The types visible to {@code loader}. */
    public static FileSystemTypes discover(ClassLoader loader) {
        FileSystemTypes t = new FileSystemTypes();
        for (FileSystemType type : ServiceLoader.load(FileSystemType.class, loader)) {
            t.register(type);
        }
        return t;
    }

    /** Exactly the given types, no discovery. */
    public static FileSystemTypes of(FileSystemType... types) {
        FileSystemTypes t = new FileSystemTypes();
        for (FileSystemType type : types) {
            t.register(type);
        }
        return t;
    }

    /** {@code register_filesystem}, for a type that is {@linkplain #BUILT_IN built in}. */
    public FileSystemTypes register(FileSystemType type) {
        return register(type, BUILT_IN);
    }

    /**
     * {@code register_filesystem} for a type from {@code origin} (a plugin jar's path, or
     * {@link #BUILT_IN}): a second type of the same name is an error naming both origins.
     */
    public FileSystemTypes register(FileSystemType type, String origin) {
        FileSystemType old = byName.putIfAbsent(type.name(), type);
        if (old != null && old.getClass() != type.getClass()) {
            String was = origins.get(type.name());
            throw new IllegalStateException("two filesystem types are called '" + type.name() + "': "
                    + old.getClass().getName() + " (" + was + ") and " + type.getClass().getName() + " (" + origin + ")");
        }
        origins.putIfAbsent(type.name(), origin);
        return this;
    }

    /** A copy of this registry, to which more types can be registered without changing this one. */
    public FileSystemTypes copy() {
        FileSystemTypes t = new FileSystemTypes();
        t.byName.putAll(byName);
        t.origins.putAll(origins);
        return t;
    }

    /** Where the type called {@code name} came from: {@link #BUILT_IN} or a plugin jar's path; null for no such type. */
    public String origin(String name) {
        return origins.get(name);
    }

    /** {@code get_fs_type}, or null. */
    public FileSystemType get(String name) {
        return byName.get(name);
    }

    public Collection<FileSystemType> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
