package dev.kemu.kernel;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.vfs.FileSystemTypes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The kernel plugins available, and the way from a version string to a running {@link Kernel}.
 *
 * <p>Providers come from {@link ServiceLoader} ({@link #discover()}) or are passed in
 * ({@link #of}). Building the registry fails on two providers with one id, and on a listed
 * version that two providers cover. {@code upstream} is an alias for the newest upstream
 * release modelled, {@value #NEWEST}.
 */
public final class Kernels {
    /** The version {@code upstream} stands for. */
    public static final String NEWEST = "6.18";

    private final List<KernelProvider> providers;
    private final FileSystemTypes fsTypes;
    /** Where each provider came from, by identity: a plugin jar's or definition file's path; absent when built in. */
    private final Map<KernelProvider, String> origins;

    private Kernels(List<KernelProvider> providers, FileSystemTypes fsTypes) {
        this(providers, fsTypes, Map.of());
    }

    /** The providers (those in {@code origins} from there, the others built in) and the filesystem types. */
    Kernels(List<KernelProvider> providers, FileSystemTypes fsTypes, Map<KernelProvider, String> origins) {
        this.providers = List.copyOf(providers);
        this.fsTypes = fsTypes;
        this.origins = new IdentityHashMap<>(origins);
        validate();
    }

    /** The providers and filesystem types on the class path. */
    public static Kernels discover() {
        List<KernelProvider> found = new ArrayList<>();
        ServiceLoader.load(KernelProvider.class, Kernels.class.getClassLoader()).forEach(found::add);
        return new Kernels(found, FileSystemTypes.discover());
    }

    /** Exactly these providers, with the filesystem types on the class path. */
    public static Kernels of(KernelProvider... providers) {
        return new Kernels(List.of(providers), FileSystemTypes.discover());
    }

    /** Exactly these providers and filesystem types. */
    public static Kernels of(List<KernelProvider> providers, FileSystemTypes types) {
        return new Kernels(providers, types);
    }

    private void validate() {
        Map<String, KernelProvider> ids = new LinkedHashMap<>();
        for (KernelProvider p : providers) {
            KernelProvider old = ids.putIfAbsent(p.id(), p);
            if (old != null) {
                throw new IllegalStateException("two kernel providers have the id '" + p.id() + "': "
                        + old.getClass().getName() + " (" + origin(old) + ") and " + p.getClass().getName() + " (" + origin(p) + ")");
            }
        }
        for (KernelProvider p : providers) {
            for (KernelVariant v : p.variants()) {
                KernelVersion kv = KernelVersion.parse(v.version());
                if (kv == null) {
                    continue;
                }
                for (KernelProvider q : providers) {
                    if (q != p && q.covers(kv)) {
                        throw new IllegalStateException("kernel " + v.version() + " is claimed by two providers: "
                                + p.id() + " (" + origin(p) + ") and " + q.id() + " (" + origin(q) + ")");
                    }
                }
            }
        }
    }

    public List<KernelProvider> providers() {
        return providers;
    }

    public FileSystemTypes fsTypes() {
        return fsTypes;
    }

    /**
     * Where {@code provider} came from: {@link FileSystemTypes#BUILT_IN}, the plugin jar that
     * carried it, or the kernel definition file that defined it.
     */
    public String origin(KernelProvider provider) {
        return origins.getOrDefault(provider, FileSystemTypes.BUILT_IN);
    }

    /** The definition behind {@code provider} when a kernel definition file made it ({@link KernelDefinition}). */
    public Optional<KernelDefinition> definition(KernelProvider provider) {
        return provider instanceof DefinedKernel d ? Optional.of(d.definition()) : Optional.empty();
    }

    /** Every listed version, in provider order. */
    public List<String> listedVersions() {
        List<String> out = new ArrayList<>();
        for (KernelProvider p : providers) {
            p.variants().forEach(v -> out.add(v.version()));
        }
        out.add("upstream");
        return out;
    }

    /** A version and the provider that covers it. */
    public record Resolved(KernelVersion version, KernelProvider provider) {
    }

    /**
     * Maps a version string to its provider; {@code upstream} means {@value #NEWEST}. A local
     * version suffix no plugin claims (the {@code -fc-v1300} of {@code 6.18.44-fc-v1300}) is
     * dropped: the release it names is modelled.
     */
    public Resolved resolve(String requested) throws UnknownKernelException {
        String s = requested.trim().equals("upstream") ? NEWEST : requested.trim();
        KernelVersion v = KernelVersion.parse(s);
        if (v != null) {
            for (KernelProvider p : providers) {
                if (p.covers(v)) {
                    return new Resolved(v, p);
                }
            }
            // A release as uname -r prints it on a built kernel ("6.18.44-fc-v1300",
            // "5.15.0-91-generic"): when no plugin knows the local version, the release it was
            // built from.
            if (!v.suffix().isEmpty()) {
                KernelVersion base = new KernelVersion(v.major(), v.minor(), v.patch(), v.patchGiven(), "");
                for (KernelProvider p : providers) {
                    if (p.covers(base)) {
                        return new Resolved(base, p);
                    }
                }
            }
        }
        throw new UnknownKernelException(requested, listedVersions());
    }

    /** Resolves {@code version} and boots a machine running it. */
    public Kernel boot(String version, BootOptions options) throws UnknownKernelException, KernelBootException {
        Resolved r = resolve(version);
        return boot(r, options);
    }

    /** Boots a machine for an already resolved version. */
    public Kernel boot(Resolved r, BootOptions options) throws KernelBootException {
        return boot(r, options, java.util.Set.of());
    }

    /**
     * Boots a machine for a resolved version with some of its provider's switches inverted
     * ({@link KernelProvider#module(KernelVersion, java.util.Set)}).
     */
    public Kernel boot(Resolved r, BootOptions options, java.util.Set<String> flipped) throws KernelBootException {
        Module core = new CoreModule(r.version(), options, fsTypes);
        Injector injector = Guice.createInjector(core, r.provider().module(r.version(), flipped));
        Kernel k = injector.getInstance(Kernel.class);
        k.boot();
        return k;
    }
}
