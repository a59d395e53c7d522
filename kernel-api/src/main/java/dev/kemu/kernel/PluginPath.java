package dev.kemu.kernel;

import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.spi.FileSystemType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Kernels and filesystem types from outside kemu's own jar: the plugin jars in the plugin
 * directories ({@code --plugin-path DIR}, {@code KEMU_PLUGIN_PATH}), each on a class loader of
 * its own ({@link PluginJar}), and kernel definitions ({@code *.kernel.properties} files in those
 * directories, and those named with {@code --kernel-def}). Jars are loaded in name order, then
 * the definitions. Anything that cannot be used is a {@link PluginException} naming the jar, or
 * the file and line.
 */
public final class PluginPath {
    /** The environment variable that holds plugin directories, separated as a class path is. */
    public static final String ENV = "KEMU_PLUGIN_PATH";

    /** How a kernel definition file's name ends. */
    public static final String DEFINITION_SUFFIX = ".kernel.properties";

    private PluginPath() {
    }

    /** The directories in a path list ({@code a:b} on Unix), empty entries left out. */
    public static List<Path> split(String pathList) {
        List<Path> out = new ArrayList<>();
        if (pathList != null) {
            for (String s : pathList.split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    out.add(Path.of(s));
                }
            }
        }
        return out;
    }

    /**
     * {@code builtIn} with the plugins of {@code dirs} and the definitions in them and in
     * {@code definitions}.
     */
    public static Kernels load(Kernels builtIn, List<Path> dirs, List<Path> definitions) throws PluginException {
        List<KernelProvider> providers = new ArrayList<>(builtIn.providers());
        Map<KernelProvider, String> origins = new IdentityHashMap<>();
        for (KernelProvider p : builtIn.providers()) {
            if (!builtIn.origin(p).equals(FileSystemTypes.BUILT_IN)) {
                origins.put(p, builtIn.origin(p));
            }
        }
        FileSystemTypes types = builtIn.fsTypes().copy();
        List<Path> defs = new ArrayList<>();
        Kernels kernels = builtIn;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new PluginException(dir + ": plugin path: not a directory");
            }
            for (Path jar : list(dir, ".jar")) {
                PluginJar pj = PluginJar.load(jar);
                String origin = jar.toString();
                for (FileSystemType t : pj.filesystems()) {
                    try {
                        types.register(t, origin);
                    } catch (IllegalStateException e) {
                        throw new PluginException(jar + ": " + e.getMessage());
                    }
                }
                for (KernelProvider k : pj.kernels()) {
                    providers.add(k);
                    origins.put(k, origin);
                }
                kernels = registry(providers, types, origins, jar);
            }
            defs.addAll(list(dir, DEFINITION_SUFFIX));
        }
        defs.addAll(definitions);
        kernels = registry(providers, types, origins, null);
        for (Path def : defs) {
            KernelDefinition d = KernelDefinitionFile.read(def, kernels);
            DefinedKernel k = new DefinedKernel(d);
            providers.add(k);
            origins.put(k, def.toString());
            kernels = registry(providers, types, origins, def);
        }
        return kernels;
    }

    /** A registry of these providers; a conflict among them is the {@code culprit}'s. */
    private static Kernels registry(List<KernelProvider> providers, FileSystemTypes types, Map<KernelProvider, String> origins,
            Path culprit) throws PluginException {
        try {
            return new Kernels(providers, types, origins);
        } catch (IllegalStateException e) {
            throw new PluginException((culprit == null ? "" : culprit + ": ") + e.getMessage());
        } catch (LinkageError | RuntimeException e) {
            throw new PluginException((culprit == null ? "" : culprit + ": ") + "a provider failed: " + e, e);
        }
    }

    private static List<Path> list(Path dir, String suffix) throws PluginException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new PluginException(dir + ": plugin path: cannot list it: " + e.getMessage(), e);
        }
    }
}
