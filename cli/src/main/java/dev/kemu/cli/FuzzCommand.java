package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.fuzz.FuzzConfig;
import dev.kemu.fuzz.FuzzReport;
import dev.kemu.fuzz.Fuzzer;
import dev.kemu.host.HostSyscalls;
import dev.kemu.host.HostUnavailableException;
import dev.kemu.kernel.UnknownKernelException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kemu fuzz --seconds S --seed X [--kernel V] [--out DIR] [--json]}: random scenarios run
 * on this machine's kernel and on the emulated kernel of its version; each kind of mismatch is
 * shrunk and written into DIR as an strace trace with the host's results as the record. Exit 0
 * when no scenario differed, 1 when one did, 2 for bad usage or a machine where the host
 * backend cannot run (not Linux on x86-64).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no scenario differed", "1:a scenario differed; its trace is in --out", "2:bad usage, an unwritable --out, or a machine where the host cannot run (not Linux on x86-64)", "130:interrupted; what ran so far is summed up"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu fuzz --seconds 60 --seed 1", "  kemu fuzz --max-scenarios 500 --out /tmp/mismatches", "  kemu fuzz --kernel 6.6 --json"},
        description = "Compare the emulated kernel with this machine's kernel on random scenarios; "
        + "write each mismatch, shrunk, as a trace.")
final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "60", description = "how long to fuzz (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--seed", paramLabel = "X", description = "the campaign's seed; the same seed gives the same scenarios "
            + "(default: from the clock, printed)")
    Long seed;

    @Option(names = "--kernel", paramLabel = "V", description = "the emulated version to compare with (default: the host's, "
            + "from uname -r)")
    String kernel;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fuzz-out", description = "where to write the traces of mismatches "
            + "(default: ${DEFAULT-VALUE}); existing files are never overwritten")
    Path out;

    @Option(names = "--max-scenarios", paramLabel = "N", defaultValue = "0", description = "stop after N scenarios (default: "
            + "${DEFAULT-VALUE}, only --seconds bounds the run)")
    long maxScenarios;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    private final Machines machines;

    @Inject
    FuzzCommand(Machines machines) {
        this.machines = machines;
    }

    @Override
    public Integer call() {
        if (seconds < 0 || maxScenarios < 0) {
            throw new InputException("--seconds and --max-scenarios take a number of at least 0");
        }
        checkOut(out);
        long s = seed != null ? seed : System.currentTimeMillis();
        FuzzConfig config = FuzzConfig.of(seconds, s, machines.kernels()).withOutDir(out).withMaxScenarios(maxScenarios)
                .withKernel(kernel);
        Fuzzer fuzzer;
        try {
            fuzzer = new Fuzzer(config);
        } catch (HostUnavailableException e) {
            throw new InputException("fuzz: " + e.getMessage());
        } catch (UnknownKernelException e) {
            throw new InputException(kernel != null ? "--kernel: " + e.getMessage()
                    : "the host kernel " + HostSyscalls.hostRelease() + " is not modelled (" + e.getMessage()
                            + "); choose the version to compare with --kernel");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (!json) {
            o.println("fuzz: host " + HostSyscalls.hostRelease() + " (" + fuzzer.filesystem() + ") against the emulated "
                    + fuzzer.kernel() + ", seed " + s + ", " + fmt(seconds) + " s");
            o.flush();
        }
        FuzzReport r;
        try (Progress progress = Progress.start("fuzz", (long) Math.ceil(seconds))) {
            long[] shown = {0};
            double[] soFar = {0, 0, 0};
            Interrupt.onInterrupt(o, w -> w.println(interrupted((long) soFar[0], (long) soFar[1], soFar[2], out)));
            r = fuzzer.run((n, bad, elapsed) -> {
                soFar[0] = n;
                soFar[1] = bad;
                soFar[2] = elapsed;
                while (shown[0] < (long) elapsed && shown[0] < (long) Math.ceil(seconds)) {
                    progress.step();
                    shown[0]++;
                }
            });
        }
        Interrupt.done();
        if (json) {
            o.println(Json.write(toJson(r)));
        } else {
            for (FuzzReport.Finding f : r.findings()) {
                o.println("MISMATCH " + f.signature() + ": " + f.file() + " (scenario " + f.scenario() + ", shrunk from "
                        + f.originalCalls() + " to " + f.shrunkCalls() + " calls): " + f.reason());
            }
            o.println(r.scenarios() + " scenarios (" + fmt(r.scenariosPerSecond()) + "/s), " + r.calls() + " calls, "
                    + r.mismatches() + " mismatches" + (r.blocked() > 0 ? ", " + r.blocked() + " dropped (a call slept on the host)" : "")
                    + (r.flaky() > 0 ? ", " + r.flaky() + " flaky" : ""));
        }
        o.flush();
        return r.mismatches() == 0 ? ExitCodes.OK : ExitCodes.DIVERGENCE;
    }

    /**
     * {@code --out} must be a directory kemu can write into, or one it can make: checked before fuzzing, so that a
     * mismatch found after minutes of work is never lost to an unwritable directory.
     */
    static void checkOut(Path dir) {
        if (java.nio.file.Files.exists(dir)) {
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new InputException("--out: " + dir + " is not a directory");
            }
            if (!java.nio.file.Files.isWritable(dir)) {
                throw new InputException("--out: " + dir + ": cannot write into it (permission denied)");
            }
            return;
        }
        Path parent = dir.getParent();
        while (parent != null && !java.nio.file.Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null) {
            parent = Path.of(".");
        }
        if (!java.nio.file.Files.isDirectory(parent) || !java.nio.file.Files.isWritable(parent)) {
            throw new InputException("--out: " + dir + ": cannot be made (" + parent
                    + (java.nio.file.Files.isDirectory(parent) ? " is not writable" : " is not a directory") + ")");
        }
    }

    /** After Ctrl-C: the scenarios run so far; the mismatches found are already written. */
    static String interrupted(long scenarios, long mismatches, double elapsed, Path dir) {
        return "fuzz: interrupted after " + fmt(Math.floor(elapsed * 10) / 10) + " s: " + scenarios + " scenarios, " + mismatches
                + " mismatches" + (mismatches > 0 ? " (their traces are in " + dir + ")" : "");
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, d == Math.rint(d) ? "%.0f" : "%.1f", d);
    }

    static Map<String, Object> toJson(FuzzReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", r.host());
        m.put("kernel", r.kernel());
        m.put("filesystem", r.filesystem());
        m.put("seed", r.seed());
        m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
        m.put("scenarios", r.scenarios());
        m.put("scenariosPerSecond", Math.round(r.scenariosPerSecond() * 10) / 10.0);
        m.put("calls", r.calls());
        m.put("mismatches", r.mismatches());
        m.put("blocked", r.blocked());
        m.put("flaky", r.flaky());
        List<Object> files = new ArrayList<>();
        List<Object> findings = new ArrayList<>();
        for (FuzzReport.Finding f : r.findings()) {
            files.add(f.file().toString());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("signature", f.signature());
            x.put("file", f.file().toString());
            x.put("scenario", f.scenario());
            x.put("originalCalls", f.originalCalls());
            x.put("shrunkCalls", f.shrunkCalls());
            x.put("reason", f.reason());
            findings.add(x);
        }
        m.put("files", files);
        m.put("findings", findings);
        return m;
    }
}
