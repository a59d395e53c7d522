package dev.kemu.kernel;

import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.kernel.spi.SpiVersion;
import dev.kemu.vfs.spi.FileSystemType;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * One plugin jar: its kernel providers and filesystem types, loaded through {@link ServiceLoader}
 * on a class loader of its own whose parent is the core's, so the core's classes (the SPI among
 * them) are always the core's own and a plugin sees nothing of another plugin. A jar that is no
 * plugin (no provider declared, no SPI version) is {@linkplain #isPlugin() passed over}.
 */
final class PluginJar {
    static final String KERNEL_SERVICE = "META-INF/services/" + KernelProvider.class.getName();
    static final String FS_SERVICE = "META-INF/services/" + FileSystemType.class.getName();

    private final Path jar;
    private final List<KernelProvider> kernels = new ArrayList<>();
    private final List<FileSystemType> filesystems = new ArrayList<>();
    private boolean plugin;

    private PluginJar(Path jar) {
        this.jar = jar;
    }

    /** Opens {@code jar} and loads what it provides; a {@link PluginException} naming the jar for anything wrong. */
    static PluginJar load(Path jar) throws PluginException {
        PluginJar p = new PluginJar(jar);
        p.load();
        return p;
    }

    private PluginException error(String message, Throwable cause) {
        return new PluginException(jar + ": " + message, cause);
    }

    private void load() throws PluginException {
        String declared;
        boolean services;
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            declared = m == null ? null : m.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
            services = f.getEntry(KERNEL_SERVICE) != null || f.getEntry(FS_SERVICE) != null;
        } catch (IOException | SecurityException e) {
            throw error("not a readable jar: " + e.getMessage(), e);
        }
        if (declared == null && !services) {
            return;
        }
        plugin = true;
        if (declared == null) {
            throw error("declares no SPI version (the manifest needs '" + SpiVersion.MANIFEST_ATTRIBUTE + ": "
                    + SpiVersion.CURRENT + "')", null);
        }
        if (!SpiVersion.compatible(declared)) {
            throw error("built against SPI " + declared.trim() + ", which this kemu (SPI " + SpiVersion.CURRENT
                    + ") cannot load: a plugin needs the same major version and no newer minor one", null);
        }
        if (!services) {
            throw error("provides neither a kernel (" + KERNEL_SERVICE + ") nor a filesystem type (" + FS_SERVICE + ")", null);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin " + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    PluginJar.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw error("cannot make a class path of it: " + e.getMessage(), e);
        }
        try {
            load(KernelProvider.class, loader, kernels);
            load(FileSystemType.class, loader, filesystems);
            for (KernelProvider k : kernels) {
                check(k);
            }
            for (FileSystemType t : filesystems) {
                if (t.name() == null || t.name().isBlank()) {
                    throw error("filesystem type " + t.getClass().getName() + " has no name", null);
                }
                t.description();
            }
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            throw error("cannot load its providers: " + describe(e), e);
        }
    }

    /** The providers of {@code service} that the jar itself declares (the loader's parent has the core's). */
    private static <S> void load(Class<S> service, ClassLoader loader, List<S> into) {
        ServiceLoader.load(service, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader)
                .forEach(p -> into.add(p.get()));
    }

    /** Asks the provider what a registry will ask, so a failure is this jar's. */
    private void check(KernelProvider k) throws PluginException {
        if (k.id() == null || k.id().isBlank()) {
            throw error("kernel provider " + k.getClass().getName() + " has no id", null);
        }
        k.description();
        List<KernelVariant> vs = k.variants();
        if (vs == null || vs.isEmpty()) {
            throw error("kernel provider " + k.id() + " lists no versions", null);
        }
        for (KernelVariant v : vs) {
            if (KernelVersion.parse(v.version()) == null) {
                throw error("kernel provider " + k.id() + " lists '" + v.version() + "', which is not a version", null);
            }
        }
    }

    /** The error's own words, with its cause's when it wraps one (ServiceLoader's errors do). */
    private static String describe(Throwable e) {
        String s = e.getClass().getSimpleName() + ": " + e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c != e) {
            s += " (" + c.getClass().getSimpleName() + ": " + c.getMessage() + ")";
        }
        return s;
    }

    Path path() {
        return jar;
    }

    boolean isPlugin() {
        return plugin;
    }

    List<KernelProvider> kernels() {
        return kernels;
    }

    List<FileSystemType> filesystems() {
        return filesystems;
    }
}
