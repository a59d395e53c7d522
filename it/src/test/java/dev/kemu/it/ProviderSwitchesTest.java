package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.inject.Module;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code kemu kernels} lists each provider's switches from its metadata ({@link KernelProvider#switches()})
 * without assembling a machine; the list must be what the provider's module contributes, which the
 * interface's default reads by assembling the module of the first listed version.
 */
class ProviderSwitchesTest {
    /** Everything from {@code p} except {@code switches()}, which stays the interface's default. */
    private record Assembled(KernelProvider p) implements KernelProvider {
        @Override
        public String id() {
            return p.id();
        }

        @Override
        public String description() {
            return p.description();
        }

        @Override
        public List<KernelVariant> variants() {
            return p.variants();
        }

        @Override
        public boolean covers(KernelVersion version) {
            return p.covers(version);
        }

        @Override
        public Module module(KernelVersion version) {
            return p.module(version);
        }

        @Override
        public Module module(KernelVersion version, Set<String> flipped) {
            return p.module(version, flipped);
        }
    }

    @Test
    void switches_everyProvider_areWhatItsModuleContributes() {
        List<KernelProvider> providers = Kernels.discover().providers();
        assertFalse(providers.isEmpty());
        for (KernelProvider p : providers) {
            List<BehaviourSwitch> assembled = new Assembled(p).switches();
            assertFalse(assembled.isEmpty(), p.id());
            assertEquals(assembled, p.switches(), p.id());
        }
    }
}
