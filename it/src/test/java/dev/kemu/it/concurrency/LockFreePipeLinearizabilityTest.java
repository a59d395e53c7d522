package dev.kemu.it.concurrency;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kemu.kernel.Kernel;
import dev.kemu.pipe.PipeRingKind;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * {@link PipeLinearizabilityTest} on a machine whose pipes use the lock-free ring: the same
 * operations (writes that merge and writes that do not, reads, splice and tee between the two
 * pipes, F_SETPIPE_SZ, closing a write end), checked against the same sequential
 * {@link PipePairModel} by stress runs and by Lincheck's model checker.
 */
@Param(name = "pipe", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "97:100")
@Param(name = "len", gen = IntGen.class, conf = "1:5")
public class LockFreePipeLinearizabilityTest extends PipeLinearizabilityTest {
    static final Kernel LOCKFREE_KERNEL = boot(PipeRingKind.LOCKFREE);

    @Override
    protected Kernel machine() {
        return LOCKFREE_KERNEL;
    }

    @Test
    void modelChecking_headPublishedBeforeTheSlotIsFilled_isCaught() {
        // Minutes of model checking: run with -Dkemu.lincheck.full=true (the normal build keeps the
        // suite under its time budget and runs the stress and the lock-free ring's own model check).
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("kemu.lincheck.full"),
                "model checking this case takes minutes: -Dkemu.lincheck.full=true");
        // The planted fault: a reader can take a slot the writer has announced but not filled.
        AssertionError e = assertThrows(AssertionError.class, () -> new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(200)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(PipePairModel.class)
                .check(PublishEarlyPipes.class));
        System.out.println(e.getMessage());
    }

    @Override
    protected PipeLinearizabilityTest sameMachine() {
        return new LockFreePipeLinearizabilityTest();
    }
}
