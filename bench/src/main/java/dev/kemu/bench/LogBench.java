package dev.kemu.bench;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.SideBySide;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TraceReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading and replaying a generated strace log from a file, as {@code kemu replay} and {@code kemu compare} do.
 *
 * <ul>
 * <li>{@link #parse}: the log parsed line by line ({@link TraceReader#openOnePass}), nothing else;</li>
 * <li>{@link #replay}: what {@code kemu replay} does after start-up: the world pass, the files pass and the replay
 * on 6.18 (the machine booted outside the measurement);</li>
 * <li>{@link #compare3}: what {@code kemu compare --kernels 3.10,5.8,6.18} does: one pass, three machines side by
 * side.</li>
 * </ul>
 * {@code size} is the string length of each call: 100 (one pipe write and read of 100 bytes per pair of lines,
 * {@code -xx} quoting, 850 bytes a line), or 1 (short calls). Each operation is one whole log of {@code calls} calls:
 * MB/s of log is {@code bytes / (s/op)}, printed at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx256m"})
public class LogBench {
    @Param({"100", "1"})
    int size;

    @Param({"200000"})
    int calls;

    private Path file;
    private final Kernels kernels = Kernels.discover();
    private final List<Kernel> machines = new ArrayList<>();

    @Setup(Level.Trial)
    public void writeLog() throws IOException {
        file = Files.createTempFile("kemu-logbench", ".strace");
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < size; i++) {
            hex.append(String.format("\\x%02x", (i * 7 + 65) & 0xff));
        }
        String pair = "write(4, \"" + hex + "\", " + size + ") = " + size + "\n"
                + "read(3, \"" + hex + "\", " + size + ") = " + size + "\n";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("# kernel: 6.18\npipe2([3, 4], 0) = 0\n");
            for (int i = 0; i < calls / 2; i++) {
                w.write(pair);
            }
        }
        System.out.printf("%nlog: %d calls, %d bytes%n", calls, Files.size(file));
    }

    @TearDown(Level.Trial)
    public void removeLog() throws IOException {
        Files.deleteIfExists(file);
    }

    @TearDown(Level.Invocation)
    public void shutdownMachines() {
        machines.forEach(Kernel::shutdown);
        machines.clear();
    }

    private Kernel boot(String version) {
        try {
            Kernel k = kernels.boot(version, BootOptions.standard().withRoot("ramfs", null));
            machines.add(k);
            return k;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Kernel k618;
    private final List<Kernel> three = new ArrayList<>();

    @Setup(Level.Invocation)
    public void bootMachines() {
        k618 = boot("6.18");
        three.clear();
        three.add(boot("3.10"));
        three.add(boot("5.8"));
        three.add(boot("6.18"));
    }

    @Benchmark
    public void parse(Blackhole bh) {
        try (TraceReader r = TraceReader.openOnePass(file)) {
            for (TraceLine l = r.next(); l != null; l = r.next()) {
                bh.consume(l);
            }
        }
    }

    @Benchmark
    public TraceReport replay() {
        LogSource log = LogSource.of(file);
        TraceWorld.of(log);
        TraceReport r = new Replayer(k618, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(log, "bench");
        check(r);
        return r;
    }

    @Benchmark
    public List<TraceReport> compare3(Blackhole bh) {
        LogSource log = LogSource.of(file);
        TraceWorld.of(log);
        List<Replayer> rs = three.stream().map(k -> new Replayer(k, Replayer.Mode.WHOLE_TRACE)).toList();
        List<TraceReport> reports = SideBySide.replay(rs, log, "bench", bh::consume);
        reports.forEach(LogBench::check);
        return reports;
    }

    private static void check(TraceReport r) {
        if (r.verdict() != Verdict.PASS) {
            throw new IllegalStateException(r.kernel() + ": line " + r.lineNo() + ": " + r.reason());
        }
    }
}
