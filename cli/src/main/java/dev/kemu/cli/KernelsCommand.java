package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.KernelDefinition;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import dev.kemu.replay.RealRecordings;
import dev.kemu.replay.SwitchEvidence;
import dev.kemu.replay.SwitchEvidence.Witness;
import dev.kemu.strace.Trace;
import java.io.PrintWriter;
import java.nio.file.Files;
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
 * {@code kemu kernels}: the plugins, the versions each covers with a line each, and their
 * behaviour switches, each with the real-kernel recordings that bear it out on either side of
 * its edge ({@link SwitchEvidence}): the table shipped with kemu, or one computed from the
 * recordings under {@code --recordings DIR}.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad usage, an unreadable --recordings DIR, an existing --write-evidence FILE without --force"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu kernels 4.9", "  kemu kernels --diff 5.7 5.8", "  kemu --kernel-def kernels/debian-11-5.10.92-2.kernel.properties kernels --diff 5.10.92-2",
            "  kemu kernels --recordings traces --write-evidence ev.tsv --force"},
        description = "List the kernel plugins, the versions they cover and their behaviour switches, "
        + "with the real-kernel recordings that confirm each switch on each side of its edge.")
final class KernelsCommand implements Callable<Integer> {
    /** The evidence of the recordings in the project's traces folders (one per real release), built into the jar. */
    static final String EVIDENCE = "/dev/kemu/cli/switch-evidence.tsv";

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Option(names = "--recordings", paramLabel = "DIR",
            description = "compute the evidence from the logs in DIR/linux-<release>/ (recorded on real kernels) (default: the table shipped with kemu)")
    Path recordings;

    @Option(names = "--write-evidence", paramLabel = "FILE",
            description = "with --recordings: also write the evidence as a table (switch, on/off, release, log) to FILE (default: none)")
    Path writeEvidence;

    @Option(names = "--force", description = "let --write-evidence replace an existing FILE")
    boolean force;

    @Option(names = "--diff", arity = "1..2", paramLabel = "V",
            description = "what changes between two versions: the switches that flip, with the kernel functions that decide them; "
                    + "one defined kernel (--kernel-def) alone is compared with its base, with the backport behind each switch")
    List<String> diff;

    @picocli.CommandLine.Parameters(paramLabel = "VERSION", arity = "0..1",
            description = "show this version's switches, on and off (default: every plugin, version and switch)")
    String version;

    private final Kernels kernels;

    @Inject
    KernelsCommand(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (version != null || diff != null) {
            if (version != null && diff != null) {
                throw new InputException("VERSION and --diff: give one version to show, or --diff A B, not both");
            }
            if (recordings != null || writeEvidence != null) {
                throw new InputException("--recordings and --write-evidence list every switch; not with VERSION or --diff");
            }
            if (diff != null && diff.size() == 1) {
                Kernels.Resolved a = resolve(diff.get(0), "--diff");
                KernelDefinition d = kernels.definition(a.provider()).orElseThrow(() -> new InputException(
                        "--diff " + diff.get(0) + ": one version is compared with its base only when a kernel definition made it; give two"));
                SwitchView.diff(d.base(), d.base().version().toString(), a, diff.get(0), json, out, d);
            } else if (diff != null) {
                Kernels.Resolved a = resolve(diff.get(0), "--diff");
                Kernels.Resolved b = resolve(diff.get(1), "--diff");
                KernelDefinition d = kernels.definition(b.provider()).or(() -> kernels.definition(a.provider())).orElse(null);
                SwitchView.diff(a, diff.get(0), b, diff.get(1), json, out, d);
            } else {
                SwitchView.version(resolve(version, "VERSION"), version, json, out);
            }
            out.flush();
            return ExitCodes.OK;
        }
        Map<String, List<Witness>> evidence = evidence();
        List<Object> providers = new ArrayList<>();
        for (KernelProvider p : kernels.providers()) {
            List<BehaviourSwitch> switches = switchesOf(p);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("description", p.description());
                m.put("origin", kernels.origin(p));
                List<Object> vs = new ArrayList<>();
                for (KernelVariant v : p.variants()) {
                    Map<String, Object> vm = new LinkedHashMap<>();
                    vm.put("version", v.version());
                    vm.put("description", v.description());
                    vs.add(vm);
                }
                m.put("versions", vs);
                List<Object> ss = new ArrayList<>();
                for (BehaviourSwitch s : switches) {
                    Map<String, Object> sm = new LinkedHashMap<>();
                    sm.put("name", s.name());
                    sm.put("description", s.description());
                    sm.put("holds", s.holds().toString());
                    sm.put("source", s.source());
                    List<Witness> ws = evidence.getOrDefault(s.name(), List.of());
                    sm.put("confirmed_on", sides(ws, true));
                    sm.put("confirmed_off", sides(ws, false));
                    ss.add(sm);
                }
                m.put("switches", ss);
                providers.add(m);
                continue;
            }
            out.printf("%s: %s%n", p.id(), p.description());
            out.printf("  from %s%n", kernels.origin(p));
            for (KernelVariant v : p.variants()) {
                out.printf("  %-16s %s%n", v.version(), v.description());
            }
            KernelDefinition def = kernels.definition(p).orElse(null);
            if (def != null) {
                // A defined kernel lists what it sets; the rest is its base's (kemu kernels VERSION shows all).
                out.printf("  switches set against %s:%n", def.base().version());
                int w = def.settings().stream().mapToInt(s -> s.name().length()).max().orElse(0) + 1;
                for (KernelDefinition.Setting s : def.settings()) {
                    out.printf("    %-" + w + "s %-3s %s%n", s.name(), s.on() ? "on" : "off", SwitchView.backport(s));
                }
            } else if (!switches.isEmpty()) {
                out.printf("  switches:%n");
                int w = switches.stream().mapToInt(s -> s.name().length()).max().orElse(0) + 1;
                for (BehaviourSwitch s : switches) {
                    out.printf("    %-" + w + "s %s; on for %s (%s)%n", s.name(), s.description(), s.holds(), s.source());
                    out.printf("    %-" + w + "s %s%n", "", confirmations(evidence.getOrDefault(s.name(), List.of())));
                }
            }
            out.println();
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("providers", providers);
            root.put("aliases", Map.of("upstream", Kernels.NEWEST));
            Map<String, Object> rings = new LinkedHashMap<>();
            rings.put("available", List.of("mutex", "lockfree"));
            rings.put("default", dev.kemu.pipe.PipeRingKind.defaultKind().optionName());
            root.put("pipe_rings", rings);
            out.println(Json.write(root));
        } else {
            out.printf("alias: upstream = %s%n", Kernels.NEWEST);
            out.printf("pipe rings (--pipe-ring): mutex, lockfree; default %s%n", dev.kemu.pipe.PipeRingKind.defaultKind().optionName());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private Kernels.Resolved resolve(String v, String where) {
        try {
            return kernels.resolve(v);
        } catch (dev.kemu.kernel.UnknownKernelException e) {
            throw new InputException(where + ": " + e.getMessage());
        }
    }

    /** "real kernels: on 5.10.89 (2 logs); off 6.18.44 (1 log)", or that none tells the sides apart. */
    static String confirmations(List<Witness> ws) {
        if (ws.isEmpty()) {
            return "real kernels: no recording tells its sides apart yet";
        }
        List<String> parts = new ArrayList<>();
        for (boolean on : new boolean[] {true, false}) {
            Map<String, Long> byRelease = new java.util.TreeMap<>(SwitchEvidence::compareReleases);
            ws.stream().filter(w -> w.on() == on).forEach(w -> byRelease.merge(w.release(), 1L, Long::sum));
            if (!byRelease.isEmpty()) {
                List<String> rs = new ArrayList<>();
                byRelease.forEach((r, n) -> rs.add(r + " (" + n + (n == 1 ? " log)" : " logs)")));
                parts.add((on ? "on " : "off ") + String.join(", ", rs));
            }
        }
        return "real kernels: " + String.join("; ", parts);
    }

    private static List<Object> sides(List<Witness> ws, boolean on) {
        List<Object> out = new ArrayList<>();
        for (Witness w : ws) {
            if (w.on() == on) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("release", w.release());
                m.put("log", w.recording());
                out.add(m);
            }
        }
        return out;
    }

    /** The evidence by switch name: computed from {@code --recordings}, else the shipped table. */
    private Map<String, List<Witness>> evidence() throws Exception {
        List<Witness> all;
        if (recordings != null) {
            all = compute();
        } else {
            if (writeEvidence != null) {
                throw new InputException("--write-evidence needs --recordings DIR");
            }
            all = List.of();
            try (java.io.InputStream in = KernelsCommand.class.getResourceAsStream(EVIDENCE)) {
                if (in != null) {
                    all = SwitchEvidence.read(List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")));
                }
            }
        }
        Map<String, List<Witness>> out = new java.util.HashMap<>();
        for (Witness w : all) {
            out.computeIfAbsent(w.switchName(), k -> new ArrayList<>()).add(w);
        }
        return out;
    }

    private List<Witness> compute() throws Exception {
        if (!Files.isDirectory(recordings)) {
            throw new InputException(recordings + ": --recordings: not a directory");
        }
        if (writeEvidence != null && Files.exists(writeEvidence) && !force) {
            throw new InputException(writeEvidence + ": --write-evidence: the file exists (--force replaces it)");
        }
        List<SwitchEvidence.Recording> recs = new ArrayList<>();
        for (RealRecordings.Log log : RealRecordings.under(recordings)) {
            if (log.notReplayed() == null) {
                Trace t = TraceFiles.load(new LogArg(List.of(log.file().toString())));
                recs.add(new SwitchEvidence.Recording(log.release(), log.name(), t));
            }
        }
        if (recs.isEmpty()) {
            throw new InputException(recordings + ": --recordings: no linux-<release>/*.strace logs in it");
        }
        List<Witness> all;
        try (Progress progress = Progress.start("evidence", recs.size())) {
            all = new SwitchEvidence(kernels, dev.kemu.kernel.BootOptions.standard()).find(recs, r -> progress.step(), why -> {
                progress.clear();
                spec.commandLine().getErr().println("kemu: " + why);
            });
        }
        if (writeEvidence != null) {
            StringBuilder sb = new StringBuilder();
            sb.append("# switch\tside\trelease\tlog: the log, recorded on that release, passes there and fails with the switch flipped\n");
            sb.append("# kemu kernels --recordings ").append(recordings).append(" --write-evidence FILE\n");
            for (Witness w : all) {
                sb.append(w.line()).append('\n');
            }
            Files.writeString(writeEvidence, sb.toString());
        }
        return all;
    }

    /** The switches a provider documents (its metadata: no machine is assembled for the listing). */
    static List<BehaviourSwitch> switchesOf(KernelProvider p) {
        return p.switches();
    }
}
