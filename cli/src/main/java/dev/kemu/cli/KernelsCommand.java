package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code kemu kernels}: the plugins, the versions each covers with a line each, and their behaviour switches. */
@Command(name = "kernels", description = "List the kernel plugins, the versions they cover and their behaviour switches.")
final class KernelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    private final Kernels kernels;

    @Inject
    KernelsCommand(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Object> providers = new ArrayList<>();
        for (KernelProvider p : kernels.providers()) {
            List<BehaviourSwitch> switches = switchesOf(p);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("description", p.description());
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
                    ss.add(sm);
                }
                m.put("switches", ss);
                providers.add(m);
                continue;
            }
            out.printf("%s: %s%n", p.id(), p.description());
            for (KernelVariant v : p.variants()) {
                out.printf("  %-16s %s%n", v.version(), v.description());
            }
            if (!switches.isEmpty()) {
                out.printf("  switches:%n");
                for (BehaviourSwitch s : switches) {
                    out.printf("    %-30s %s; on for %s (%s)%n", s.name(), s.description(), s.holds(), s.source());
                }
            }
            out.println();
        }
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("providers", providers);
            root.put("aliases", Map.of("upstream", Kernels.NEWEST));
            out.println(Json.write(root));
        } else {
            out.printf("alias: upstream = %s%n", Kernels.NEWEST);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The switches a provider documents: those its module binds for its first listed version. */
    private List<BehaviourSwitch> switchesOf(KernelProvider p) {
        KernelVersion v = KernelVersion.of(p.variants().get(0).version());
        {
            com.google.inject.Injector inj = com.google.inject.Guice.createInjector(
                    binder -> com.google.inject.multibindings.Multibinder.newSetBinder(binder, BehaviourSwitch.class),
                    p.module(v));
            java.util.Set<BehaviourSwitch> set = inj.getInstance(
                    com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Set<BehaviourSwitch>>() { }));
            List<BehaviourSwitch> out = new ArrayList<>(set);
            out.sort(java.util.Comparator.comparing(BehaviourSwitch::name));
            return out;
        }
    }
}
