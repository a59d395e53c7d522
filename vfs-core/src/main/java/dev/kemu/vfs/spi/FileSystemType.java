package dev.kemu.vfs.spi;

import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.Vfs;
import java.util.Map;

/**
 * A kind of filesystem the VFS can mount by name ({@code include/linux/fs.h:struct file_system_type}).
 *
 * <p>Filesystem types are plugins: each is found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.kemu.vfs.spi.FileSystemType}, so adding one needs no change to
 * the core. A provider needs a public no-argument constructor.
 */
public interface FileSystemType {
    /** The name {@code mount -t} would use: {@code ext4}, {@code tmpfs}, {@code proc}. */
    String name();

    /** One line for listings. */
    default String description() {
        return name();
    }

    /**
     * {@code mount}: builds a superblock with its root directory.
     *
     * @param source a device or image path, or null for the filesystem's default (in memory)
     * @param options {@code -o} options, by name
     * @throws MountException when the source cannot be mounted (a tool-level error, not an errno)
     */
    SuperBlock mount(Vfs vfs, String source, Map<String, String> options) throws MountException;
}
