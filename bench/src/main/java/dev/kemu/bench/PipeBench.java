package dev.kemu.bench;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.pipe.SpliceCalls;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.ramfs.RamfsType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipe layer's hot paths on the 6.18 model, one thread, no contention.
 *
 * <ul>
 * <li>{@link #spliceMovePipeToPipe}: a full 16-slot ring spliced whole (64 KiB) from one pipe to
 * the other and back; every buffer is a whole-buffer move, score = buffer moves per second.
 * <li>{@link #tee64k}: 16 buffers tee'd from a full pipe into an empty one, which is then read
 * empty (one 64 KiB read, the cheapest way to drop the references); score = buffers tee'd per
 * second, the read included.
 * <li>{@link #writeRead4k}: a 4096-byte write then a 4096-byte read on one pipe.
 * </ul>
 *
 * <p>{@code via}: {@code direct} calls {@link SpliceCalls}, {@link PipeSyscalls} and
 * {@link VfsSyscalls} with the task entered once per trial (what a kernel thread looping in the
 * kernel would cost); {@code kernel} goes through the {@link Kernel} facade, which enters and
 * leaves the task, checks the syscall table and opens a trace frame on every call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipeBench {
    private static final int SLOTS = 16;
    private static final int RING = SLOTS * Page.SIZE;
    private static final int SPLICE_F_NONBLOCK = 2;

    /** Which entry into the model the calls use. */
    @Param({"direct", "kernel"})
    public String via;

    private Calls calls;
    private int[] a;
    private int[] b;
    private boolean backwards;
    private long invocations;
    /** Bytes the invocations moved minus the bytes they should have moved: 0. */
    private long shortfall;
    private final UserBuffer page = UserBuffer.of(new byte[Page.SIZE]);
    private final UserBuffer ringBuffer = UserBuffer.allocate(RING);

    /** The four calls the benchmarks make, bound to one task. */
    private interface Calls {
        long pipe2(int[] fds, int flags);

        long write(int fd, UserBuffer buf, long count);

        long read(int fd, UserBuffer buf, long count);

        long splice(int in, int out, long len, int flags);

        long tee(int in, int out, long len, int flags);

        void close();
    }

    /** The syscall layers called directly; the task stays entered for the whole trial. */
    private static final class Direct implements Calls {
        private final VfsSyscalls vfs = new VfsSyscalls(VfsBehaviour.DEFAULT);
        private final PipeSyscalls pipes = new PipeSyscalls(PipeBehaviour.DEFAULT);
        private final SpliceCalls splice;
        private final Task task;

        Direct() throws Exception {
            vfs.setFcntlHook(pipes);
            splice = new SpliceCalls(PipeBehaviour.DEFAULT, CopyBehaviour.DEFAULT, vfs, pipes);
            task = Vfs.withRoot(FileSystemTypes.of(new RamfsType()), "ramfs", null, Map.of()).newTask("/");
            task.enter();
        }

        @Override
        public long pipe2(int[] fds, int flags) {
            return pipes.pipe2(task, fds, flags);
        }

        @Override
        public long write(int fd, UserBuffer buf, long count) {
            return vfs.write(task, fd, buf, count);
        }

        @Override
        public long read(int fd, UserBuffer buf, long count) {
            return vfs.read(task, fd, buf, count);
        }

        @Override
        public long splice(int in, int out, long len, int flags) {
            return splice.splice(task, in, null, out, null, len, flags);
        }

        @Override
        public long tee(int in, int out, long len, int flags) {
            return splice.tee(task, in, out, len, flags);
        }

        @Override
        public void close() {
            task.exit();
        }
    }

    /** The kernel facade: each call enters and leaves the task. */
    private static final class Facade implements Calls {
        private final Kernel kernel;
        private final Task task;

        Facade() throws Exception {
            kernel = Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null));
            task = kernel.newTask();
        }

        @Override
        public long pipe2(int[] fds, int flags) {
            return kernel.pipe2(task, fds, flags);
        }

        @Override
        public long write(int fd, UserBuffer buf, long count) {
            return kernel.write(task, fd, buf, count);
        }

        @Override
        public long read(int fd, UserBuffer buf, long count) {
            return kernel.read(task, fd, buf, count);
        }

        @Override
        public long splice(int in, int out, long len, int flags) {
            return kernel.splice(task, in, null, out, null, len, flags);
        }

        @Override
        public long tee(int in, int out, long len, int flags) {
            return kernel.tee(task, in, out, len, flags);
        }

        @Override
        public void close() {
            kernel.exitTask(task);
        }
    }

    private static void expect(long expected, long actual, String what) {
        if (actual != expected) {
            throw new IllegalStateException(what + " returned " + actual + ", expected " + expected);
        }
    }

    /** Pipe {@code a} full (16 page-sized buffers), pipe {@code b} empty. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        calls = "direct".equals(via) ? new Direct() : new Facade();
        a = new int[2];
        b = new int[2];
        expect(0, calls.pipe2(a, Fcntl.O_NONBLOCK), "pipe2");
        expect(0, calls.pipe2(b, Fcntl.O_NONBLOCK), "pipe2");
        for (int i = 0; i < SLOTS; i++) {
            expect(Page.SIZE, calls.write(a[1], page, Page.SIZE), "write");
        }
        backwards = false;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        calls.close();
    }

    /** 16 whole-buffer moves per call, A→B then B→A. */
    @Benchmark
    @OperationsPerInvocation(SLOTS)
    public long spliceMovePipeToPipe() {
        long r = backwards ? calls.splice(b[0], a[1], RING, SPLICE_F_NONBLOCK)
                : calls.splice(a[0], b[1], RING, SPLICE_F_NONBLOCK);
        backwards = !backwards;
        invocations++;
        shortfall += r - RING;
        return r;
    }

    /** 16 buffer references per call, then the copies are read out of the output pipe. */
    @Benchmark
    @OperationsPerInvocation(SLOTS)
    public long tee64k() {
        long linked = calls.tee(a[0], b[1], RING, SPLICE_F_NONBLOCK);
        long drained = calls.read(b[0], ringBuffer, RING);
        invocations++;
        shortfall += linked + drained - 2L * RING;
        return linked + drained;
    }

    /** One page in and out of an otherwise empty pipe. */
    @Benchmark
    public long writeRead4k() {
        long r = calls.write(b[1], page, Page.SIZE) + calls.read(b[0], page, Page.SIZE);
        invocations++;
        shortfall += r - 2L * Page.SIZE;
        return r;
    }

    /**
     * Checks, once per iteration, that every call did what the score claims (each invocation moved
     * all its bytes) and that the pipes hold what they held at the start.
     */
    @TearDown(Level.Iteration)
    public void verify() {
        if (shortfall != 0) {
            throw new IllegalStateException(invocations + " invocations fell " + (-shortfall) + " bytes short");
        }
        invocations = 0;
        shortfall = 0;
        // One pipe holds the ring, the other is empty (reading it answers EAGAIN).
        long inA = Math.max(0, calls.read(a[0], ringBuffer, RING));
        long inB = Math.max(0, calls.read(b[0], ringBuffer, RING));
        if (inA + inB != RING || (inA != RING && inB != RING)) {
            throw new IllegalStateException("pipes hold " + inA + " and " + inB + " bytes, expected one full ring");
        }
        for (int i = 0; i < SLOTS; i++) {
            expect(Page.SIZE, calls.write(a[1], page, Page.SIZE), "refill");
        }
        backwards = false;
    }
}
