package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.pipe.Pipe;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchdog on a real machine, with a task put to sleep by hand on a wait queue nobody will
 * ever signal: exactly what a missed wake-up in the model looks like.
 */
class WatchdogTest {
    private static final long STALL_NANOS = 300_000_000L;

    private final Kernel kernel = boot();
    private final Task parent = kernel.newTask();
    private final Layout layout = Layout.forPipes(1);
    private final Topology topo = Topology.create(kernel, parent, layout, 1, kernel.workingDirectory());
    private final Task task = kernel.cloneTask(parent, true);
    private final SleepCensus census = new SleepCensus(1);
    private final RunControl ctl = new RunControl();

    private static Kernel boot() {
        try {
            return Kernels.discover().boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a thread that sleeps for the task on a fresh condition of {@code pipe}'s mutex,
     * named as its read queue, and returns once the census shows it asleep.
     */
    private Thread sleepForever(Pipe pipe) {
        census.register(task, 0);
        Thread t = new Thread(() -> {
            task.enter();
            pipe.mutex().lock();
            try {
                task.sleepOn(pipe.mutex().newCondition(), pipe + " rd_wait");
            } finally {
                pipe.mutex().unlock();
                task.exit();
            }
        }, "kemu-stress-0");
        t.setDaemon(true);
        t.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (census.slot(0).what == null) {
            assertTrue(t.isAlive() && System.nanoTime() < until, "the task did not go to sleep");
            Thread.onSpinWait();
        }
        return t;
    }

    /** Runs the watchdog over the one sleeping task until it files a report (at most 10 s). */
    private String watch(Thread sleeper) throws InterruptedException {
        TaskContext c = new TaskContext(0, task, kernel, topo, ctl, new RunLog(new ArrayDeque<>(), () -> true), 1, 1);
        Worker idle = new Worker(c, new OpStream(1, 0, layout), 0, new CountDownLatch(1));
        Watchdog dog = new Watchdog(new Thread[] {sleeper}, new Worker[] {idle}, census, topo, ctl,
                new StallRules(STALL_NANOS, 0), StressListener.NONE, System.nanoTime());
        Thread t = StressEngine.daemon(dog, "kemu-stress-watchdog");
        t.start();
        long until = System.nanoTime() + 10_000_000_000L;
        while (ctl.deadlock() == null) {
            assertTrue(t.isAlive() && System.nanoTime() < until, "the watchdog filed no report");
            ctl.await(50);
        }
        dog.finish();
        t.join(5_000);
        return ctl.deadlock();
    }

    private void wake(Thread sleeper) throws InterruptedException {
        task.sendSignal(Signal.SIGTERM);
        sleeper.join(5_000);
        assertFalse(sleeper.isAlive());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void run_sleeperNeverSignalledWhileItsPipeHasData_reportsALostWakeUp() throws Exception {
        Ends w = topo.w[0];
        kernel.write(parent, w.wfd(), UserBuffer.allocate(16), 16);
        Thread sleeper = sleepForever(w.pipe());

        String report = watch(sleeper);
        wake(sleeper);

        assertNotNull(report);
        assertTrue(report.startsWith("DEADLOCK: lost wake-up: task 0"), report);
        assertTrue(report.contains("asleep on " + w.pipe() + " rd_wait"), report);
        assertTrue(report.contains("WatchdogTest"), "the sleeper's stack is shown: " + report);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void run_pumpAsleepOnAnEmptyPipe_reportsNobodyToWake() throws Exception {
        Thread sleeper = sleepForever(topo.s[0].pipe());

        String report = watch(sleeper);
        wake(sleeper);

        assertTrue(report.startsWith("DEADLOCK: nobody to wake"), report);
    }
}
