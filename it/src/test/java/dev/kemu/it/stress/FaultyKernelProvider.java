package dev.kemu.it.stress;

import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.util.Modules;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.pipe.PipeBehaviour;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * A test-only kernel plugin: upstream 6.18 with one planted fault, to show that the stress
 * checkers catch what they claim to. {@code 6.18+lockorder} locks two pipes in argument order
 * ({@link PipeBehaviour#faultLockInArgumentOrder()}: splice A→B against B→A deadlocks);
 * {@code 6.18+dropbuf} drops the rest of a buffer a splice takes only part of
 * ({@link PipeBehaviour#faultDropPartialBuffer()}: bytes are lost); {@code 6.18+publishearly} publishes a
 * lock-free write's head before filling its slots ({@link PipeBehaviour#faultPublishHeadBeforeFill()}:
 * readers take empty slots, on a machine booted with the lock-free ring). Everything else is bound
 * exactly as the upstream plugin binds 6.18.
 */
public final class FaultyKernelProvider implements KernelProvider {
    public static final String LOCK_ORDER = "6.18+lockorder";
    public static final String DROP_BUFFER = "6.18+dropbuf";
    public static final String PUBLISH_EARLY = "6.18+publishearly";

    @Override
    public String id() {
        return "test-faulty";
    }

    @Override
    public String description() {
        return "upstream 6.18 with a planted fault, for testing the stress checkers";
    }

    @Override
    public List<KernelVariant> variants() {
        return List.of(new KernelVariant(LOCK_ORDER, "6.18, two pipes locked in argument order (deadlocks)"),
                new KernelVariant(DROP_BUFFER, "6.18, a partial pipe-to-pipe splice drops the rest of the buffer (loses bytes)"),
                new KernelVariant(PUBLISH_EARLY, "6.18, a lock-free write publishes head before filling the slot"));
    }

    @Override
    public boolean covers(KernelVersion v) {
        return v.major() == 6 && v.minor() == 18 && !v.patchGiven()
                && (v.suffix().equals(LOCK_ORDER.substring(4)) || v.suffix().equals(DROP_BUFFER.substring(4))
                        || v.suffix().equals(PUBLISH_EARLY.substring(4)));
    }

    @Override
    public Module module(KernelVersion version) {
        if (!covers(version)) {
            throw new IllegalArgumentException(id() + " does not cover " + version);
        }
        Module upstream = new UpstreamKernelProvider().module(KernelVersion.of("6.18"));
        PipeBehaviour base = Guice.createInjector(upstream).getInstance(PipeBehaviour.class);
        PipeBehaviour faulty = withFault(base, version.toString().equals(LOCK_ORDER), version.toString().equals(DROP_BUFFER),
                version.toString().equals(PUBLISH_EARLY));
        return Modules.override(upstream).with(binder ->
                OptionalBinder.newOptionalBinder(binder, PipeBehaviour.class).setBinding().toInstance(faulty));
    }

    /** {@code base} with the fault switches answered as given and everything else delegated. */
    static PipeBehaviour withFault(PipeBehaviour base, boolean lockOrder, boolean dropBuffer, boolean publishEarly) {
        return (PipeBehaviour) Proxy.newProxyInstance(PipeBehaviour.class.getClassLoader(), new Class<?>[] {PipeBehaviour.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "faultLockInArgumentOrder":
                            return lockOrder;
                        case "faultDropPartialBuffer":
                            return dropBuffer;
                        case "faultPublishHeadBeforeFill":
                            return publishEarly;
                        case "toString":
                            return "6.18 behaviour with a planted fault";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            try {
                                return method.invoke(base, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }
}
