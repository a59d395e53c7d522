package dev.kemu.it.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.pipe.PipeRingKind;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the pipe operations (Lincheck): threads writing small records, reading,
 * splicing pipe to pipe and teeing between two non-blocking pipes of two slots each, on the 6.18
 * kernel. Every concurrent history must be explained by some order of the same calls on the
 * sequential {@link PipePairModel}, F_SETPIPE_SZ included. All calls are non-blocking (O_NONBLOCK pipes), so none parks.
 *
 * <p>One normalisation: tee returns 0 when the input emptied or the output filled between its
 * {@code ipipe_prep}/{@code opipe_prep} checks and {@code link_pipe} taking both locks. Linux
 * 6.18 does the same ({@code do_tee} calls {@code link_pipe} once), and at that point a
 * sequential tee would have answered EAGAIN, so 0 is compared as EAGAIN.
 */
@Param(name = "pipe", gen = IntGen.class, conf = "0:1")
@Param(name = "value", gen = IntGen.class, conf = "97:100")
@Param(name = "len", gen = IntGen.class, conf = "1:5")
public class PipeLinearizabilityTest {
    private static final Kernel MUTEX_KERNEL = boot(PipeRingKind.MUTEX);

    private final Kernel kernel;
    private final Task owner;
    private final int[][] fds = new int[2][2];

    /** A 6.18 machine on ramfs whose pipes use {@code ring}. */
    static Kernel boot(PipeRingKind ring) {
        try {
            return Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null).withPipeRing(ring));
        } catch (Exception e) {
            throw new IllegalStateException("cannot boot 6.18 on ramfs", e);
        }
    }

    /** Two fresh O_NONBLOCK pipes of two slots on {@link #machine()}, owned by a fresh process. */
    public PipeLinearizabilityTest() {
        this.kernel = machine();
        owner = kernel.newTask();
        for (int i = 0; i < 2; i++) {
            check(0, kernel.pipe2(owner, fds[i], Fcntl.O_NONBLOCK), "pipe2");
            check(PipePairModel.SLOTS * PipePairModel.PAGE,
                    kernel.fcntl(owner, fds[i][1], Fcntl.F_SETPIPE_SZ, PipePairModel.SLOTS * PipePairModel.PAGE), "F_SETPIPE_SZ");
        }
    }

    private static void check(long expected, long actual, String what) {
        if (expected != actual) {
            throw new IllegalStateException(what + " returned " + actual);
        }
    }

    /** The bytes a write of {@code len} bytes with {@code value} carries: value, value+1, ... */
    static byte[] payload(int value, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (value + i);
        }
        return b;
    }

    /** Each call runs as a thread of the owner (shared descriptor table). */
    private Task thread() {
        return kernel.cloneTask(owner, true);
    }

    private static String result(long ret) {
        return ret >= 0 ? String.valueOf(ret) : Errno.of(ret).name();
    }

    @Operation
    public String write(@Param(name = "pipe") int pipe, @Param(name = "value") int value, @Param(name = "len") int len) {
        return result(kernel.write(thread(), fds[pipe][1], UserBuffer.of(payload(value, len)), len));
    }

    @Operation
    public String read(@Param(name = "pipe") int pipe, @Param(name = "len") int len) {
        UserBuffer buf = UserBuffer.allocate(len);
        long ret = kernel.read(thread(), fds[pipe][0], buf, len);
        if (ret <= 0) {
            return result(ret);
        }
        return "=" + new String(Arrays.copyOf(buf.toByteArray(), (int) ret), StandardCharsets.ISO_8859_1);
    }

    @Operation
    public String splice(@Param(name = "pipe") int from, @Param(name = "len") int len) {
        return result(kernel.splice(thread(), fds[from][0], null, fds[1 - from][1], null, len, 0));
    }

    @Operation
    public String tee(@Param(name = "pipe") int from, @Param(name = "len") int len) {
        long ret = kernel.tee(thread(), fds[from][0], fds[1 - from][1], len, 0);
        return ret == 0 ? "EAGAIN" : result(ret);
    }

    @Operation
    public String setSize(@Param(name = "pipe") int pipe, @Param(name = "len") int pages) {
        return result(kernel.fcntl(thread(), fds[pipe][0], Fcntl.F_SETPIPE_SZ, (long) pages * PipePairModel.PAGE));
    }

    /**
     * Closes a write end. Not an operation here: a call in another thread that holds the file
     * (write, or splice/tee into the pipe) defers its release to that call's end, as
     * {@code fput} does, which no sequential order explains; {@link PipeCloseLinearizabilityTest}
     * checks close against reads, with writes kept apart from it.
     */
    public String closeWriter(int pipe) {
        return result(kernel.close(thread(), fds[pipe][1]));
    }

    @Test
    void pipeOperations_stress_areLinearizable() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(PipePairModel.class)
                .check(getClass());
    }

    @Test
    void pipeOperations_modelChecking_areLinearizable() {
        new ModelCheckingOptions()
                .iterations(6)
                .invocationsPerIteration(100)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(PipePairModel.class)
                .check(getClass());
    }

    @Test
    void model_randomCallsInOneThread_agreesWithTheKernel() {
        // The specification is only worth checking against if it is right sequentially.
        SplittableRandom rnd = new SplittableRandom(20251123);
        PipePairModel model = new PipePairModel();
        PipeLinearizabilityTest real = sameMachine();
        for (int i = 0; i < 5_000; i++) {
            int pipe = rnd.nextInt(2);
            int value = 97 + rnd.nextInt(4);
            int len = 1 + rnd.nextInt(5);
            int op = rnd.nextInt(i % 1000 == 999 ? 6 : 5);
            String expected;
            String actual;
            switch (op) {
                case 0:
                    expected = model.write(pipe, value, len);
                    actual = real.write(pipe, value, len);
                    break;
                case 1:
                    expected = model.read(pipe, len);
                    actual = real.read(pipe, len);
                    break;
                case 2:
                    expected = model.splice(pipe, len);
                    actual = real.splice(pipe, len);
                    break;
                case 4:
                    expected = model.setSize(pipe, len);
                    actual = real.setSize(pipe, len);
                    break;
                case 5:
                    expected = model.closeWriter(pipe);
                    actual = real.closeWriter(pipe);
                    break;
                default:
                    expected = model.tee(pipe, len);
                    actual = real.tee(pipe, len);
                    break;
            }
            assertEquals(expected, actual, "call " + i + ": op " + op + " pipe " + pipe + " len " + len);
        }
    }

    /** A fresh instance on this test's machine (a subclass on another ring answers its own). */
    protected PipeLinearizabilityTest sameMachine() {
        return new PipeLinearizabilityTest();
    }

    /** The machine the pipes are made on (a static one: called from the constructor). */
    protected Kernel machine() {
        return MUTEX_KERNEL;
    }

    @Test
    void model_teeThenWriteBoth_appendsToOwnBuffers() {
        PipePairModel model = new PipePairModel();

        assertEquals("1", model.write(0, 'A', 1));
        assertEquals("1", model.tee(0, 1));
        assertEquals("1", model.write(1, 'B', 1));
        assertEquals("1", model.write(0, 'C', 1));
        assertEquals("=AB", model.read(1, 16));
        assertEquals("=AC", model.read(0, 16));
    }
}
