package dev.kemu.stress;

import dev.kemu.kernel.Kernel;
import dev.kemu.vfs.Task;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.jctools.queues.MpscArrayQueue;

/**
 * A concurrent splice/tee stress run on one emulated machine: {@code threads} tasks sharing one
 * descriptor table (threads of one process) run seeded random operation mixes over W, S, mirror
 * and lane pipes and their own scratch files; every byte read is checked, every unit is
 * accounted for exactly once, and a watchdog looks for deadlocks. See the package description
 * for the protocol and the rules.
 *
 * <p>The engine always returns. After a deadlock it reports and abandons the deadlocked threads:
 * they are daemon threads parked in {@code ReentrantLock.lock()}, which no interrupt ends, and
 * they keep their pipes locked, so the engine touches no pipe after that.
 */
public final class StressEngine {
    /** System property choosing the tracker queue: {@code jctools} (default) or {@code jdk}. */
    public static final String QUEUE_PROPERTY = "kemu.stress.queue";
    private static final int QUEUE_BATCHES = 4096;

    private final Kernel kernel;
    private final StressConfig config;

    public StressEngine(Kernel kernel, StressConfig config) {
        this.kernel = kernel;
        this.config = config;
    }

    /** Runs the stress and returns what it found. */
    public StressReport run(StressListener listener) {
        int n = config.threads();
        long salt = 0x6B656D7573747273L ^ config.seed() * 0x9E3779B97F4A7C15L;
        Layout layout = Layout.forPipes(config.pipes());
        Task parent = kernel.newTask();
        String dir = config.directory() != null ? config.directory() : kernel.workingDirectory();
        Topology topo = Topology.create(kernel, parent, layout, n, dir);

        Queue<RunBatch> queue = "jdk".equals(System.getProperty(QUEUE_PROPERTY))
                ? new ConcurrentLinkedQueue<>() : new MpscArrayQueue<>(QUEUE_BATCHES);
        SerialTracker tracker = new SerialTracker(queue, n);
        Thread trackerThread = daemon(tracker, "kemu-stress-tracker");
        trackerThread.start();

        RunControl ctl = new RunControl();
        SleepCensus census = new SleepCensus(n);
        CountDownLatch go = new CountDownLatch(1);
        Worker[] workers = new Worker[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            Task t = kernel.cloneTask(parent, true);
            census.register(t, i);
            TaskContext c = new TaskContext(i, t, kernel, topo, ctl, new RunLog(queue, tracker::alive), salt, n);
            workers[i] = new Worker(c, new OpStream(config.seed(), i, layout), config.opsPerTask(), go);
            threads[i] = daemon(workers[i], "kemu-stress-" + i);
            threads[i].start();
        }
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        go.countDown();
        Watchdog watchdog = new Watchdog(threads, workers, census, topo, ctl,
                new StallRules(config.stallTimeout().toNanos(), 0), listener, start);
        Thread watchdogThread = daemon(watchdog, "kemu-stress-watchdog");
        watchdogThread.start();

        long end = new Supervisor(config, workers, threads, census, topo, ctl).supervise(start);
        long cpu = processCpuNanos() - cpu0;
        watchdog.finish();
        join(watchdogThread, 2_000);
        Accounting acc = new Accounting(config, kernel, workers, ctl, salt);
        if (ctl.deadlock() == null) {
            for (Thread t : threads) {
                join(t, 0);
            }
            acc.drain(parent, topo, queue, tracker);
            tracker.close();
            join(trackerThread, 0);
            kernel.exitTask(parent);
        } else {
            tracker.close();
        }
        long sleeps = 0;
        for (int i = 0; i < n; i++) {
            sleeps += census.slot(i).episode;
        }
        return acc.report(tracker, (end - start) / 1e9, cpu0 < 0 ? -1 : cpu / 1e9, sleeps);
    }

    /** CPU time of the whole process so far, or -1 where the JVM does not tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
