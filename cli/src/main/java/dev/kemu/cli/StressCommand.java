package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.stress.StressConfig;
import dev.kemu.stress.StressEngine;
import dev.kemu.stress.StressListener;
import dev.kemu.stress.StressReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kemu stress}: N tasks splice, tee, vmsplice, read and write the same pipes at once on one
 * emulated kernel, checking every byte ({@link StressEngine}). A progress bar on a terminal,
 * then a summary (or one JSON object); a deadlock report prints every task's stack and locks.
 * Exit 0 iff nothing was lost, duplicated or torn, nothing deadlocked and no result was
 * unexpected; 1 otherwise.
 */
@Command(name = "stress", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no byte lost, duplicated or torn, no deadlock, no unexpected errno", "1:an invariant failed", "2:bad usage", "130:interrupted; what ran so far is summed up"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu stress", "  kemu stress --kernel 4.9 --threads 16 --seconds 30", "  kemu stress --ops 10000 --seed 7", "  kemu stress --json --stall-timeout 2"},
        description = "Concurrent splice/tee stress with self-checking data and a deadlock watchdog; "
        + "exit 0 iff no byte was lost, duplicated or torn, nothing deadlocked and no errno was unexpected.")
final class StressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "V", defaultValue = "upstream", description = "kernel version (default: ${DEFAULT-VALUE})")
    String kernel;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "emulated tasks, 1 to 256 (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--pipes", paramLabel = "M", defaultValue = "4",
            description = "write pipes, 1 to 64; as many mirrors, max(2, M) splice pipes, max(1, M/2) lanes (default: ${DEFAULT-VALUE})")
    int pipes;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "how long to run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--seed", paramLabel = "X", defaultValue = "1", description = "seed of every task's operation sequence (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--ops", paramLabel = "K", defaultValue = "0",
            description = "operations per task, then stop (default: ${DEFAULT-VALUE}, run for --seconds; --seconds stays a bound)")
    long ops;

    @Option(names = "--stall-timeout", paramLabel = "S", defaultValue = "5",
            description = "seconds a stall must last before the watchdog reports it (default: ${DEFAULT-VALUE})")
    double stallTimeout;

    @Option(names = "--fs", paramLabel = "TYPE", defaultValue = "ramfs",
            description = "filesystem type of / where the tasks' files live (default: ${DEFAULT-VALUE}, the fastest)")
    String fsType;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Option(names = "--pipe-ring", paramLabel = "RING",
            description = "mutex (every pipe call under the pipe mutex, as Linux) or lockfree (read and write of one "
                    + "reader and one writer without it) (default: mutex)")
    String pipeRing;

    @picocli.CommandLine.Mixin
    MetricsOptions metrics;

    @Option(names = "--image", paramLabel = "FILE",
            description = "an ext4 image file as the root (implies --fs ext4); created on first use, written back at the end (default: none)")
    String image;

    @Option(names = "--image-size", paramLabel = "SIZE",
            description = "the size of a new --image, e.g. 16M, 1G (powers of 1024; default: 1G, sparse); an existing "
                    + "image must already have that size")
    String imageSize;

    private final Machines machines;

    @Inject
    StressCommand(Machines machines) {
        this.machines = machines;
    }

    @Override
    public Integer call() {
        StressConfig config = config();
        Kernels.Resolved version = machines.resolve(kernel, "--kernel");
        RootOptions root = new RootOptions();
        root.fsType = image != null ? "ext4" : fsType;
        root.image = image;
        root.imageSize = imageSize;
        root.pipeRing = pipeRing;
        Kernel k = machines.boot(version, root);
        PrintWriter out = spec.commandLine().getOut();
        StressReport r;
        long steps = Math.max(1, Math.round(seconds * 10));
        try (Progress progress = Progress.start("stress " + k.release(), steps)) {
            long[] shown = {0};
            long[] soFar = {0, 0};
            Interrupt.onInterrupt(out, o -> o.println(interrupted(soFar[0], soFar[1], threads)));
            StressListener listener = (elapsed, done) -> {
                soFar[0] = elapsed;
                soFar[1] = done;
                long step = Math.min(steps, elapsed / 100_000_000L);
                while (shown[0] < step) {
                    progress.step();
                    shown[0]++;
                }
            };
            metrics.start();
            r = new StressEngine(k, config).run(listener);
        }
        Interrupt.done();
        // The filesystem's own consistency check after the run (ext4: bitmaps, extents, links).
        java.util.List<String> fsProblems = new java.util.ArrayList<>();
        if (r.checked()) {
            for (dev.kemu.vfs.SuperBlock sb : k.vfs().superBlocks()) {
                sb.sop().check(sb).forEach(p -> fsProblems.add(sb.type() + ": " + p));
            }
        }
        if (r.checked()) {
            k.shutdown();
        }
        if (json) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(r.toMap());
            m.put("fsckProblems", fsProblems.size());
            m.put("pipeRing", k.pipeRing().optionName());
            java.util.Map<String, Object> counters = metrics.stop();
            if (counters != null) {
                m.put("metrics", counters);
            }
            out.println(Json.write(m));
            for (String d : r.deadlockReports()) {
                spec.commandLine().getErr().print(d);
            }
        } else {
            summary(out, r);
            out.printf("  pipe ring: %s%n", k.pipeRing().optionName());
        }
        for (String p : fsProblems) {
            spec.commandLine().getErr().println("fsck: " + p);
        }
        out.flush();
        if (!json) {
            metrics.finish(out);
        }
        spec.commandLine().getErr().flush();
        return r.passed() && fsProblems.isEmpty() ? ExitCodes.OK : ExitCodes.DIVERGENCE;
    }

    private StressConfig config() {
        if (threads < 1 || threads > StressConfig.MAX_THREADS) {
            throw new InputException("--threads: expected 1 to " + StressConfig.MAX_THREADS + ", got " + threads);
        }
        if (pipes < 1 || pipes > StressConfig.MAX_PIPES) {
            throw new InputException("--pipes: expected 1 to " + StressConfig.MAX_PIPES + ", got " + pipes);
        }
        if (!(seconds > 0) || seconds > 86_400) {
            throw new InputException("--seconds: expected a positive number of seconds up to a day, got " + seconds);
        }
        if (ops < 0) {
            throw new InputException("--ops: expected 0 or more operations per task, got " + ops);
        }
        if (!(stallTimeout > 0) || stallTimeout > 3600) {
            throw new InputException("--stall-timeout: expected a positive number of seconds up to an hour, got " + stallTimeout);
        }
        return StressConfig.of(threads, pipes, Duration.ofNanos(Math.round(seconds * 1e9)), seed).withOps(ops)
                .withStallTimeout(Duration.ofNanos(Math.round(stallTimeout * 1e9)));
    }

    /** {@code 1 task}, {@code 8 tasks}. */
    static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    /** The results the model says the tasks should meet, counted: {@code EAGAIN 148,884, EPIPE 12}, or none. */
    static String expected(java.util.Map<String, ? extends Number> byErrno) {
        if (byErrno.isEmpty()) {
            return "none";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        new java.util.TreeMap<>(byErrno).forEach((e, n) -> {
            if (n.longValue() != 0) {
                parts.add(String.format(Locale.ROOT, "%s %,d", e, n.longValue()));
            }
        });
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** After Ctrl-C: what the tasks did so far (the data is not checked: the run did not finish). */
    static String interrupted(long elapsedNanos, long ops, int tasks) {
        return String.format(Locale.ROOT, "kemu stress: interrupted after %.1f s: %s, %,d operations; data not checked",
                elapsedNanos / 1e9, count(tasks, "task"), ops);
    }

    private static void summary(PrintWriter out, StressReport r) {
        out.printf(Locale.ROOT, "kemu stress: kernel %s, %s, %s, seed %d, %.1f s%n", r.kernel(), count(r.threads(), "task"),
                count(r.pipes(), "pipe"), r.seed(), r.seconds());
        out.printf(Locale.ROOT, "  %,d operations, %,d ops/s (%,d per CPU second)%n", r.ops(), r.opsPerSecond(),
                r.cpuSeconds() > 0 ? Math.round(r.ops() / r.cpuSeconds()) : 0);
        out.printf(Locale.ROOT, "  bytes: %,d written, %,d read, %,d tee'd (%,d read back from mirrors), %,d discarded at close%n",
                r.bytesWritten(), r.bytesRead(), r.bytesTeed(), r.bytesMirrorRead(), r.bytesDiscarded());
        out.printf(Locale.ROOT, "  expected results: %s%n", expected(r.expected()));
        if (!r.checked()) {
            out.println("  data not checked: the run deadlocked, its pipes stay locked");
        }
        out.printf(Locale.ROOT, "  lost %,d bytes, duplicated %,d bytes, torn records %,d, deadlocks %d, unexpected errors %,d%n",
                r.bytesLost(), r.bytesDuplicated(), r.tornRecords(), r.deadlocks(), r.unexpectedErrors());
        for (String d : r.deadlockReports()) {
            out.print(d);
        }
        for (String e : r.errorSamples()) {
            out.println("  unexpected: " + e);
        }
        out.println(r.passed() ? "PASS" : "FAIL");
    }
}
