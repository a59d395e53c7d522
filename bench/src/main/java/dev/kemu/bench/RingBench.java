package dev.kemu.bench;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.pipe.PipeRingKind;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * One writing and one reading task on one blocking pipe of the 6.18 model, through the kernel
 * facade, on either ring ({@code ring}): the mutex ring, where every call takes the pipe mutex
 * and a task that finds the pipe full or empty sleeps on its wait queue, and the lock-free ring,
 * where both calls run without the mutex while nobody holds it.
 *
 * <ul>
 * <li>{@code writeRead4kTwoTasks}: 4096-byte {@code write()}s against 4096-byte {@code read()}s;
 * score per thread = calls per second, so bytes per second = the writer's score &times; 4096.
 * <li>{@code writeRead64TwoTasks}: 64-byte writes (merged into the newest slot) against 64-byte
 * reads; bytes per second = the writer's score &times; 64.
 * </ul>
 *
 * <p>Each iteration gets a fresh blocking pipe. Once the measurement stops, each side turns its
 * end O_NONBLOCK and goes on calling while JMH waits for the other side (its synchronised
 * iterations): a task asleep in its last measured call is woken by the other's next call, and
 * no call sleeps after that, so neither is left asleep when the iteration ends.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RingBench {
    /** The machine and its pipe, shared by the two tasks of a group. */
    @State(Scope.Group)
    public static class Pipe {
        @Param({"mutex", "lockfree"})
        public String ring;

        Kernel kernel;
        Task owner;
        final int[] fds = new int[2];

        @Setup(Level.Trial)
        public void boot() throws Exception {
            kernel = Kernels.discover().boot("6.18",
                    BootOptions.standard().withRoot("ramfs", null).withPipeRing(PipeRingKind.byName(ring)));
            owner = kernel.newTask();
        }

        @Setup(Level.Iteration)
        public void open() {
            if (kernel.pipe2(owner, fds, 0) != 0) {
                throw new IllegalStateException("pipe2 failed");
            }
        }

        @TearDown(Level.Iteration)
        public void close() {
            kernel.close(owner, fds[1]);
            kernel.close(owner, fds[0]);
        }
    }

    /** One task (a thread of the pipe's owner) per benchmark thread. */
    @State(Scope.Thread)
    public static class Side {
        Task task;
        final UserBuffer page = UserBuffer.of(new byte[4096]);
        final UserBuffer small = UserBuffer.of(new byte[64]);

        boolean nonBlocking;

        @Setup(Level.Trial)
        public void join(Pipe p) {
            task = p.kernel.cloneTask(p.owner, true);
        }

        @Setup(Level.Iteration)
        public void blocking() {
            nonBlocking = false;
        }

        /** After the measurement: this side's end becomes O_NONBLOCK, so that it never sleeps again. */
        void stopBlocking(Pipe p, int fd) {
            if (!nonBlocking) {
                nonBlocking = true;
                p.kernel.fcntl(task, fd, Fcntl.F_SETFL, Fcntl.O_NONBLOCK);
            }
        }
    }

    private static long write(Pipe p, Side s, Control ctl, UserBuffer buf) {
        if (ctl.stopMeasurement) {
            s.stopBlocking(p, p.fds[1]);
        }
        return p.kernel.write(s.task, p.fds[1], buf, buf.length());
    }

    private static long read(Pipe p, Side s, Control ctl, UserBuffer buf) {
        if (ctl.stopMeasurement) {
            s.stopBlocking(p, p.fds[0]);
        }
        return p.kernel.read(s.task, p.fds[0], buf, buf.length());
    }

    @Benchmark
    @Group("writeRead4kTwoTasks")
    public long writer4k(Pipe p, Side s, Control ctl) {
        return write(p, s, ctl, s.page);
    }

    @Benchmark
    @Group("writeRead4kTwoTasks")
    public long reader4k(Pipe p, Side s, Control ctl) {
        return read(p, s, ctl, s.page);
    }

    @Benchmark
    @Group("writeRead64TwoTasks")
    public long writer64(Pipe p, Side s, Control ctl) {
        return write(p, s, ctl, s.small);
    }

    @Benchmark
    @Group("writeRead64TwoTasks")
    public long reader64(Pipe p, Side s, Control ctl) {
        return read(p, s, ctl, s.small);
    }
}
