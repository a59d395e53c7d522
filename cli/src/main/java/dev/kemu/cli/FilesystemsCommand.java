package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernels;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.spi.FileSystemType;
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

/**
 * {@code kemu filesystems}: the filesystem types a machine can mount ({@code /proc/filesystems}),
 * each with its description and where it came from (built in, or the plugin jar).
 */
@Command(name = "filesystems", mixinStandardHelpOptions = true, versionProvider = KemuVersion.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:bad usage, a plugin that cannot be loaded"},
        footerHeading = "%nExamples:%n",
        footer = {"  kemu filesystems", "  kemu --plugin-path plugins filesystems --json"},
        description = "List the filesystem types kemu can mount (--fs, and the mounts a machine boots with), "
        + "with where each came from: built in, or a plugin jar.")
final class FilesystemsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "one JSON object, for scripts")
    boolean json;

    private final Kernels kernels;

    @Inject
    FilesystemsCommand(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public Integer call() {
        FileSystemTypes types = kernels.fsTypes();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> items = new ArrayList<>();
            for (FileSystemType t : types.all()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.name());
                m.put("description", t.description());
                m.put("origin", types.origin(t.name()));
                items.add(m);
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("filesystems", items);
            out.println(Json.write(root));
        } else {
            int w = types.all().stream().mapToInt(t -> t.name().length()).max().orElse(0) + 2;
            for (FileSystemType t : types.all()) {
                out.printf("%-" + w + "s%s%n", t.name(), t.description());
                out.printf("%-" + w + "sfrom %s%n", "", types.origin(t.name()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
