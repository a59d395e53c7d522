package dev.kemu.kernel.spi;

import com.google.inject.Module;
import dev.kemu.kernel.KernelVersion;
import java.util.List;

/**
 * A kernel plugin: the versions it covers and, for each, a Guice module binding the behaviour
 * that differs by version ({@code VfsBehaviour}, {@code PipeBehaviour}, {@link SyscallTable}) and
 * contributing {@link BehaviourSwitch} descriptions through a {@code Multibinder}.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} under
 * {@code META-INF/services/dev.kemu.kernel.spi.KernelProvider}; each needs a public no-argument
 * constructor and a unique, stable {@link #id()}. Two providers covering one version is an
 * error reported when the registry is built.
 */
public interface KernelProvider {
    /** A stable id, e.g. {@code linux-3.10}. */
    String id();

    /** One line about the plugin. */
    String description();

    /** The versions to list, each with one line saying what is special about it. */
    List<KernelVariant> variants();

    /** Does this provider emulate {@code version}? */
    boolean covers(KernelVersion version);

    /**
     * The behaviour switches the provider documents, sorted by name: metadata, as
     * {@link #variants()} is, read without assembling a machine ({@code kemu kernels} lists them).
     * The default assembles the module of the first listed version and reads what it contributes;
     * a provider that knows its switches returns them directly, the same set.
     */
    default List<BehaviourSwitch> switches() {
        KernelVersion v = KernelVersion.of(variants().get(0).version());
        com.google.inject.Injector inj = com.google.inject.Guice.createInjector(
                binder -> com.google.inject.multibindings.Multibinder.newSetBinder(binder, BehaviourSwitch.class),
                module(v));
        java.util.Set<BehaviourSwitch> set = inj.getInstance(
                com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Set<BehaviourSwitch>>() { }));
        List<BehaviourSwitch> out = new java.util.ArrayList<>(set);
        out.sort(java.util.Comparator.comparing(BehaviourSwitch::name));
        return out;
    }

    /** The bindings for {@code version} (one this provider {@linkplain #covers covers}). */
    Module module(KernelVersion version);

    /**
     * The bindings for {@code version} with the named switches (of those the provider
     * contributes) inverted: the other side of each switch's edge on an otherwise unchanged
     * version. A recording that passes on the version and fails with a switch flipped is
     * evidence for that switch's state there. A provider that cannot flip refuses any non-empty set.
     */
    default Module module(KernelVersion version, java.util.Set<String> flipped) {
        if (!flipped.isEmpty()) {
            throw new UnsupportedOperationException(id() + " cannot flip " + flipped);
        }
        return module(version);
    }
}
