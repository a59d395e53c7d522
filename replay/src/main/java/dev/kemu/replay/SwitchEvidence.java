package dev.kemu.replay;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.KernelBootException;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.UnknownKernelException;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.strace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Which behaviour switches real-kernel recordings bear out, and on which side of each switch's
 * edge. A recording made on release R is evidence for switch S when it replays PASS on R as
 * modelled and stops passing when S alone is flipped ({@link Kernels#boot(Kernels.Resolved,
 * BootOptions, Set)}): the recording then tells the two sides apart, and the real kernel took
 * the side the model gives R. A recording that does not pass on its own release is evidence for
 * nothing.
 */
public final class SwitchEvidence {
    /** One recorded log: the release it was recorded on and its parsed trace. */
    public record Recording(String release, String name, Trace trace) {
    }

    /**
     * One piece of evidence: {@code recording} (made on {@code release}) distinguishes
     * {@code switchName}'s sides and agrees with the model that it is {@code on} there.
     */
    public record Witness(String switchName, boolean on, String release, String recording) {
        /** One tab-separated line: switch, {@code on}/{@code off}, release, recording. */
        public String line() {
            return switchName + "\t" + (on ? "on" : "off") + "\t" + release + "\t" + recording;
        }

        /** Parses {@link #line()}; null for a line that is not one. */
        public static Witness parse(String line) {
            String[] f = line.split("\t");
            if (f.length != 4 || !(f[1].equals("on") || f[1].equals("off"))) {
                return null;
            }
            return new Witness(f[0], f[1].equals("on"), f[2], f[3]);
        }
    }

    private final Kernels kernels;
    private final BootOptions options;

    public SwitchEvidence(Kernels kernels, BootOptions options) {
        this.kernels = kernels;
        this.options = options;
    }

    /**
     * The evidence of every recording, in switch, side, release, recording order;
     * {@code notPassing} hears of each recording that does not pass on its own release (and so is
     * evidence for nothing), with where and why.
     */
    public List<Witness> find(List<Recording> recordings, Consumer<Recording> progress, Consumer<String> notPassing)
            throws UnknownKernelException {
        List<Witness> out = new ArrayList<>();
        for (Recording r : recordings) {
            out.addAll(of(r, s -> true, notPassing));
            progress.accept(r);
        }
        out.sort(Comparator.comparing(Witness::switchName).thenComparing(w -> !w.on())
                .thenComparing(Witness::release, SwitchEvidence::compareReleases).thenComparing(Witness::recording));
        return out;
    }

    /** The switches {@code r} bears out; empty when it does not pass on its own release. */
    public List<Witness> of(Recording r) throws UnknownKernelException {
        return of(r, s -> true);
    }

    /** Of the switches {@code which} accepts, those {@code r} bears out. */
    public List<Witness> of(Recording r, java.util.function.Predicate<BehaviourSwitch> which) throws UnknownKernelException {
        return of(r, which, why -> { });
    }

    private List<Witness> of(Recording r, java.util.function.Predicate<BehaviourSwitch> which, Consumer<String> notPassing)
            throws UnknownKernelException {
        Kernels.Resolved resolved = kernels.resolve(r.release());
        List<Witness> out = new ArrayList<>();
        Set<BehaviourSwitch> switches;
        Kernel k = boot(resolved, Set.of());
        if (k == null) {
            return out;
        }
        try {
            switches = k.switches();
            TraceReport own = replay(k, r);
            if (own.verdict() != Verdict.PASS) {
                notPassing.accept(r.name() + ": not evidence: " + own.verdict() + " on " + r.release()
                        + (own.lineNo() > 0 ? " at line " + own.lineNo() : "") + ": " + own.reason());
                return out;
            }
        } finally {
            k.shutdown();
        }
        for (BehaviourSwitch s : switches) {
            if (!which.test(s)) {
                continue;
            }
            Kernel flipped = boot(resolved, Set.of(s.name()));
            if (flipped == null) {
                continue;
            }
            try {
                if (replay(flipped, r).verdict() != Verdict.PASS) {
                    out.add(new Witness(s.name(), s.on(resolved.version()), r.release(), r.name()));
                }
            } finally {
                flipped.shutdown();
            }
        }
        return out;
    }

    private Kernel boot(Kernels.Resolved resolved, Set<String> flipped) {
        try {
            return kernels.boot(resolved, options, flipped);
        } catch (KernelBootException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static TraceReport replay(Kernel k, Recording r) {
        return new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(r.trace(), r.name());
    }

    /** Orders {@code 4.9.337} before {@code 4.19.108} before {@code 6.18.44-fc}: numerically by part. */
    public static int compareReleases(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean nx = x[i].chars().allMatch(Character::isDigit) && !x[i].isEmpty();
            boolean ny = y[i].chars().allMatch(Character::isDigit) && !y[i].isEmpty();
            int c = nx && ny ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** Reads a table written with {@link Witness#line()}; {@code #} lines are comments. */
    public static List<Witness> read(Path table) {
        try {
            return read(Files.readAllLines(table));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The witnesses among a table's lines; {@code #} lines and blank ones are skipped. */
    public static List<Witness> read(List<String> lines) {
        List<Witness> out = new ArrayList<>();
        for (String line : lines) {
            Witness w = line.startsWith("#") || line.isBlank() ? null : Witness.parse(line);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }
}
