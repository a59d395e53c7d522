package dev.kemu.it.concurrency;

import dev.kemu.it.stress.FaultyKernelProvider;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.pipe.PipeRingKind;
import dev.kemu.vfs.FileSystemTypes;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The operations of {@link PipeLinearizabilityTest} on the lock-free ring of a kernel whose
 * writes publish {@code head} before filling the slots ({@link FaultyKernelProvider#PUBLISH_EARLY}).
 * Not a test of its own (its name says so to the test runner): {@link LockFreePipeLinearizabilityTest}
 * hands it to Lincheck and expects the fault to be found.
 */
@Param(name = "pipe", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "97:100")
@Param(name = "len", gen = IntGen.class, conf = "1:5")
public class PublishEarlyPipes extends PipeLinearizabilityTest {
    static final Kernel FAULTY_KERNEL = boot();

    private static Kernel boot() {
        try {
            return Kernels.of(List.of(new UpstreamKernelProvider(), new FaultyKernelProvider()), FileSystemTypes.discover())
                    .boot(FaultyKernelProvider.PUBLISH_EARLY,
                            BootOptions.standard().withRoot("ramfs", null).withPipeRing(PipeRingKind.LOCKFREE));
        } catch (Exception e) {
            throw new IllegalStateException("cannot boot " + FaultyKernelProvider.PUBLISH_EARLY, e);
        }
    }

    @Override
    protected Kernel machine() {
        return FAULTY_KERNEL;
    }
}
