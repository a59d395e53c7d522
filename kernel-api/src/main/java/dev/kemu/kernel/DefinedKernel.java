package dev.kemu.kernel;

import com.google.inject.Module;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The provider of one {@link KernelDefinition}: it covers exactly the defined version, lists the
 * base provider's switches with the definition's settings in force on that version, and boots
 * the base release with the switches the definition sets otherwise flipped.
 */
final class DefinedKernel implements KernelProvider {
    private final KernelDefinition definition;

    DefinedKernel(KernelDefinition definition) {
        this.definition = definition;
    }

    KernelDefinition definition() {
        return definition;
    }

    @Override
    public String id() {
        return "kernel-def:" + definition.version();
    }

    @Override
    public String description() {
        return definition.description();
    }

    @Override
    public List<KernelVariant> variants() {
        return List.of(new KernelVariant(definition.version().toString(), "Linux " + definition.base().version() + " ("
                + definition.base().provider().id() + ") with " + definition.settings().size() + " switch"
                + (definition.settings().size() == 1 ? "" : "es") + " set: " + definition.description()));
    }

    @Override
    public boolean covers(KernelVersion version) {
        return version.equals(definition.version());
    }

    /** The base's switches; each the definition sets is so on the defined version. */
    @Override
    public List<BehaviourSwitch> switches() {
        List<BehaviourSwitch> out = new ArrayList<>();
        for (BehaviourSwitch s : definition.base().provider().switches()) {
            KernelDefinition.Setting set = definition.setting(s.name());
            out.add(set == null ? s
                    : new BehaviourSwitch(s.name(), s.description(), s.holds().at(definition.version(), set.on()), s.source()));
        }
        return out;
    }

    @Override
    public Module module(KernelVersion version) {
        return module(version, Set.of());
    }

    /** The base release's bindings with the definition's flips, and {@code flipped} inverted on top of them. */
    @Override
    public Module module(KernelVersion version, Set<String> flipped) {
        if (!covers(version)) {
            throw new IllegalArgumentException(id() + " does not cover " + version);
        }
        Set<String> all = new TreeSet<>(definition.flippedOnBase());
        for (String f : flipped) {
            if (!all.remove(f)) {
                all.add(f);
            }
        }
        return definition.base().provider().module(definition.base().version(), all);
    }
}
