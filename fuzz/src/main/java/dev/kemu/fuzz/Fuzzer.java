package dev.kemu.fuzz;

import dev.kemu.host.HostSyscalls;
import dev.kemu.host.HostUnavailableException;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.KernelBootException;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import dev.kemu.kernel.UnknownKernelException;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import dev.kemu.strace.TraceLine;
import dev.kemu.strace.TracePrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differential testing of the emulator against the machine it runs on: random scenarios
 * ({@link Generator}) run on the host kernel ({@link HostSyscalls}), the host's results become a
 * recorded trace ({@link Recorder}), and that trace is replayed on the emulated kernel of the
 * host's version ({@link Divergence}). A scenario that diverges is run again (a difference that
 * does not repeat is counted as flaky), shrunk ({@link Shrinker}) and written as a regression
 * trace with the host's results as the record ({@link Findings}); each kind of divergence is
 * written once per campaign.
 *
 * <p>Runs on the calling thread; each scenario gets a fresh host machine and a fresh emulated one.
 */
public final class Fuzzer {
    /** Told after each scenario, for progress bars. */
    public interface Listener {
        void scenarioDone(long scenarios, long mismatches, double elapsedSeconds);
    }

    private final FuzzConfig config;
    private final Reference reference;
    private final Kernels.Resolved version;
    private final BootOptions boot;
    private final String fsType;

    /**
     * A campaign against the host kernel; checks everything before any scenario runs.
     *
     * @throws HostUnavailableException when the host backend cannot run here
     * @throws UnknownKernelException when the emulated version (given, or the host's) is not modelled
     */
    public Fuzzer(FuzzConfig config) throws HostUnavailableException, UnknownKernelException {
        this(config, Reference.host());
    }

    /**
     * A campaign against {@code reference}: its results are the record the emulated kernel is
     * compared with.
     *
     * @throws UnknownKernelException when the emulated version (given, or the reference's) is not modelled
     */
    public Fuzzer(FuzzConfig config, Reference reference) throws UnknownKernelException {
        this.config = config;
        this.reference = reference;
        this.version = config.kernels().resolve(config.kernel() != null ? config.kernel() : reference.version());
        this.fsType = reference.filesystem();
        // The emulated root is of the same type as the reference's directory when kemu models it.
        String root = config.kernels().fsTypes().get(fsType) != null ? fsType : "ext4";
        this.boot = BootOptions.standard().withRoot(root, null);
    }

    /** The emulated version compared with the host. */
    public String kernel() {
        return version.version().toString();
    }

    /** The filesystem of the host machine's directory. */
    public String filesystem() {
        return fsType;
    }

    /** Runs the campaign. */
    public FuzzReport run(Listener listener) {
        long start = System.nanoTime();
        long end = start + (long) (config.seconds() * 1e9);
        Map<String, FuzzReport.Finding> found = new LinkedHashMap<>();
        long scenarios = 0;
        long calls = 0;
        long mismatches = 0;
        long blocked = 0;
        long flaky = 0;
        double shrinking = 0;
        for (long index = 0; System.nanoTime() - end < 0 && (config.maxScenarios() == 0 || index < config.maxScenarios()); index++) {
            Scenario s = Generator.scenario(config.seed(), index);
            Trial t = trial(s);
            scenarios++;
            calls += s.size();
            if (t.blocked()) {
                blocked++;
            } else if (t.divergence() != null) {
                Trial again = trial(s);
                if (again.divergence() == null || !again.divergence().signature().equals(t.divergence().signature())) {
                    flaky++;
                } else {
                    mismatches++;
                    if (!found.containsKey(t.divergence().signature())) {
                        long s0 = System.nanoTime();
                        found.put(t.divergence().signature(), shrinkAndWrite(s, t.divergence()));
                        shrinking += (System.nanoTime() - s0) / 1e9;
                    }
                }
            }
            listener.scenarioDone(scenarios, mismatches, (System.nanoTime() - start) / 1e9);
        }
        double total = (System.nanoTime() - start) / 1e9;
        return new FuzzReport(reference.description(), kernel(), fsType, config.seed(), scenarios, calls, mismatches, blocked, flaky,
                total - shrinking, total, new ArrayList<>(found.values()));
    }

    /**
     * One run of a scenario on both machines.
     *
     * @param lines the host's record: calls with results, and signals; null when a call slept on the host
     * @param divergence where the emulated kernel differs from the record, or null
     */
    record Trial(List<TraceLine> lines, Divergence divergence) {
        boolean blocked() {
            return lines == null;
        }
    }

    /** Runs {@code s} on a fresh host machine and replays the record on a fresh emulated machine. */
    Trial trial(Scenario s) {
        Recorder.Recording rec = reference.run(m -> Recorder.record(s, m));
        if (rec.blocked() >= 0) {
            return new Trial(null, null);
        }
        // The header has the lines the written file will have, so line numbers agree.
        Trace trace = Findings.assemble("fuzz-" + config.seed() + "-" + s.index(),
                Findings.header(kernel(), fsType, s, s.size(), reference.description(), "-"), rec.lines());
        return new Trial(rec.lines(), Divergence.of(trace, emulated()));
    }

    Syscalls emulated() {
        try {
            return config.kernels().boot(version, boot);
        } catch (KernelBootException e) {
            throw new IllegalStateException("cannot boot the emulated " + kernel() + ": " + e.getMessage(), e);
        }
    }

    private FuzzReport.Finding shrinkAndWrite(Scenario s, Divergence d) {
        String sig = d.signature();
        long deadline = System.nanoTime() + (long) (config.shrinkSeconds() * 1e9);
        Scenario small = Shrinker.shrink(s, d.call(), c -> {
            Trial t = trial(c);
            return !t.blocked() && t.divergence() != null && t.divergence().signature().equals(sig);
        }, deadline);
        Trial t = trial(small);
        if (t.blocked() || t.divergence() == null) {
            small = s;
            t = trial(s);
        }
        try {
            // The header's account comes from the trace as it will be read back from the file.
            Trace draft = TraceParser.parse("fuzz", TracePrinter.print(Findings.assemble("fuzz",
                    Findings.header(kernel(), fsType, small, s.size(), reference.description(), "-"), t.lines())));
            Divergence fin = Divergence.of(draft, emulated());
            String where = fin == null ? "none when read back from the file (the difference did not survive printing)"
                    : "the emulated " + kernel() + " differs at line " + fin.line() + ": " + fin.reason();
            Trace out = Findings.assemble("fuzz", Findings.header(kernel(), fsType, small, s.size(), reference.description(),
                    where), t.lines());
            String base = "fuzz-s" + config.seed() + "-n" + s.index() + "-" + sig.split(" ")[0];
            var file = Findings.write(config.outDir(), base, out);
            return new FuzzReport.Finding(sig, file, s.index(), s.size(), small.size(), fin == null ? where : fin.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace of a mismatch into " + config.outDir() + ": " + e.getMessage(), e);
        }
    }
}
