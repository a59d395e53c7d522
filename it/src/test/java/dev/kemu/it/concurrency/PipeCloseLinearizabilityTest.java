package dev.kemu.it.concurrency;

import dev.kemu.kernel.Kernel;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Closing a pipe's write end against reads on the lock-free ring (Lincheck): a reader that finds
 * the pipe empty sees EAGAIN while a writer is open and end of file once it is closed, whether it
 * ran on the path without the mutex or not. Writes and the close are one non-parallel group: a
 * write in flight holds the file, and Linux releases it only when that write returns
 * ({@code fput}), which no sequential order explains. The specification is {@link PipePairModel}'s
 * first pipe.
 */
@Param(name = "value", gen = IntGen.class, conf = "97:100")
@Param(name = "len", gen = IntGen.class, conf = "1:5")
public class PipeCloseLinearizabilityTest {
    private final Kernel kernel = LockFreePipeLinearizabilityTest.LOCKFREE_KERNEL;
    private final Task owner = kernel.newTask();
    private final int[] fds = new int[2];

    /** One O_NONBLOCK pipe of two slots on the lock-free ring. */
    public PipeCloseLinearizabilityTest() {
        if (kernel.pipe2(owner, fds, Fcntl.O_NONBLOCK) != 0
                || kernel.fcntl(owner, fds[1], Fcntl.F_SETPIPE_SZ, PipePairModel.SLOTS * PipePairModel.PAGE) < 0) {
            throw new IllegalStateException("cannot make the pipe");
        }
    }

    private Task thread() {
        return kernel.cloneTask(owner, true);
    }

    private static String result(long ret) {
        return ret >= 0 ? String.valueOf(ret) : Errno.of(ret).name();
    }

    @Operation(nonParallelGroup = "writeEnd")
    public String write(@Param(name = "value") int value, @Param(name = "len") int len) {
        return result(kernel.write(thread(), fds[1], UserBuffer.of(PipeLinearizabilityTest.payload(value, len)), len));
    }

    @Operation(nonParallelGroup = "writeEnd")
    public String closeWriter() {
        return result(kernel.close(thread(), fds[1]));
    }

    @Operation
    public String read(@Param(name = "len") int len) {
        UserBuffer buf = UserBuffer.allocate(len);
        long ret = kernel.read(thread(), fds[0], buf, len);
        if (ret <= 0) {
            return result(ret);
        }
        return "=" + new String(Arrays.copyOf(buf.toByteArray(), (int) ret), StandardCharsets.ISO_8859_1);
    }

    /** {@link PipePairModel} restricted to its first pipe, with this test's signatures. */
    public static class Model {
        private final PipePairModel pipes = new PipePairModel();

        public String write(int value, int len) {
            return pipes.write(0, value, len);
        }

        public String closeWriter() {
            return pipes.closeWriter(0);
        }

        public String read(int len) {
            return pipes.read(0, len);
        }
    }

    @Test
    void closeAgainstReads_stress_isLinearizable() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(Model.class)
                .check(getClass());
    }

    @Test
    void closeAgainstReads_modelChecking_isLinearizable() {
        // Minutes of model checking: run with -Dkemu.lincheck.full=true (the normal build keeps the
        // suite under its time budget and runs the stress and the lock-free ring's own model check).
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("kemu.lincheck.full"),
                "model checking this case takes minutes: -Dkemu.lincheck.full=true");
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(100)
                .threads(2)
                .actorsPerThread(3)
                .sequentialSpecification(Model.class)
                .check(getClass());
    }
}
