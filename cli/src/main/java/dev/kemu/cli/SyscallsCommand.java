package dev.kemu.cli;

import dev.kemu.kernel.SyscallCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kemu syscalls}: every x86-64 system call and how the replayer treats it ({@link SyscallCatalog}):
 * modelled (run and compared), outside the model (taken from the record and counted), or not modelled yet.
 */
@Command(name = "syscalls", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu syscalls", "  kemu syscalls --class outside", "  kemu syscalls --json"},
        description = "List every x86-64 system call and how kemu treats it: modelled, outside the "
        + "model's state (taken from the record, counted), or not modelled yet (the trace is UNSUPPORTED).")
final class SyscallsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--class", paramLabel = "CLASS", description = "only calls of this class: modelled, outside or unsupported (default: every class)")
    String kind;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    @Override
    public Integer call() {
        SyscallCatalog.Kind only = null;
        if (kind != null) {
            try {
                only = SyscallCatalog.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputException("--class: unknown class '" + kind + "'; expected modelled, outside or unsupported");
            }
        }
        List<SyscallCatalog.Entry> rows = new ArrayList<>();
        for (SyscallCatalog.Entry e : SyscallCatalog.entries()) {
            if (only == null || e.kind() == only) {
                rows.add(e);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> items = new ArrayList<>();
            for (SyscallCatalog.Entry e : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("nr", e.number());
                m.put("name", e.name());
                m.put("class", e.kind().name().toLowerCase(Locale.ROOT));
                m.put("since", e.since());
                m.put("group", e.group());
                items.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("syscalls", items);
            out.println(Json.write(root));
        } else {
            int nameWidth = 4;
            for (SyscallCatalog.Entry e : rows) {
                nameWidth = Math.max(nameWidth, e.name().length());
            }
            String fmt = "%3s  %-" + nameWidth + "s  %-11s  %-6s  %s";
            out.println(String.format(Locale.ROOT, fmt, "NR", "NAME", "CLASS", "SINCE", "GROUP").stripTrailing());
            Map<SyscallCatalog.Kind, Integer> counts = new LinkedHashMap<>();
            for (SyscallCatalog.Entry e : rows) {
                out.println(String.format(Locale.ROOT, fmt, e.number(), e.name(), e.kind().name().toLowerCase(Locale.ROOT),
                        e.since(), e.group()).stripTrailing());
                counts.merge(e.kind(), 1, Integer::sum);
            }
            out.println(counts.getOrDefault(SyscallCatalog.Kind.MODELLED, 0) + " modelled, "
                    + counts.getOrDefault(SyscallCatalog.Kind.OUTSIDE, 0) + " outside the model, "
                    + counts.getOrDefault(SyscallCatalog.Kind.UNSUPPORTED, 0) + " not modelled yet");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
