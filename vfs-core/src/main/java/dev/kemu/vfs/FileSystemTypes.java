package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileSystemType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registered filesystem types ({@code fs/filesystems.c}): every {@link FileSystemType}
 * found with {@link ServiceLoader}, plus any registered by hand (tests pass their own). Two
 * types with one name are an error, reported when the registry is built.
 */
public final class FileSystemTypes {
    private final Map<String, FileSystemType> byName = new LinkedHashMap<>();

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

    /** {@code register_filesystem}. */
    public FileSystemTypes register(FileSystemType type) {
        FileSystemType old = byName.putIfAbsent(type.name(), type);
        if (old != null && old.getClass() != type.getClass()) {
            throw new IllegalStateException("two filesystem types are called '" + type.name() + "': "
                    + old.getClass().getName() + " and " + type.getClass().getName());
        }
        return this;
    }

    /** {@code get_fs_type}, or null. */
    public FileSystemType get(String name) {
        return byName.get(name);
    }

    public Collection<FileSystemType> all() {
        return Collections.unmodifiableCollection(byName.values());
    }
}
