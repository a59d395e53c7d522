package dev.kemu.cli;

import dev.kemu.kernel.PluginPath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin directories and kernel definitions a command line asks for, read before picocli
 * parses it (the kernels they add are what {@code --kernel} accepts and {@code kemu kernels}
 * lists). {@code --plugin-path} replaces {@code KEMU_PLUGIN_PATH}; both take a path list.
 *
 * @param dirs the plugin directories, in order
 * @param definitions the {@code --kernel-def} files, in order
 */
record PluginArgs(List<Path> dirs, List<Path> definitions) {
    static final String PLUGIN_PATH = "--plugin-path";
    static final String KERNEL_DEF = "--kernel-def";

    PluginArgs {
        dirs = List.copyOf(dirs);
        definitions = List.copyOf(definitions);
    }

    /** The options in {@code args} (up to a {@code --}), with {@code env} when no {@code --plugin-path} is given. */
    static PluginArgs scan(String[] args, String env) {
        List<Path> dirs = new ArrayList<>();
        List<Path> defs = new ArrayList<>();
        boolean pathGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            for (String opt : new String[] {PLUGIN_PATH, KERNEL_DEF}) {
                String value = null;
                if (a.equals(opt)) {
                    if (i + 1 >= args.length) {
                        throw new InputException(opt + ": missing the " + (opt.equals(PLUGIN_PATH) ? "DIR" : "FILE"));
                    }
                    value = args[++i];
                } else if (a.startsWith(opt + "=")) {
                    value = a.substring(opt.length() + 1);
                }
                if (value == null) {
                    continue;
                }
                if (opt.equals(PLUGIN_PATH)) {
                    pathGiven = true;
                    dirs.addAll(PluginPath.split(value));
                } else {
                    defs.add(Path.of(value));
                }
                break;
            }
        }
        if (!pathGiven) {
            dirs.addAll(PluginPath.split(env));
        }
        return new PluginArgs(dirs, defs);
    }

    boolean isEmpty() {
        return dirs.isEmpty() && definitions.isEmpty();
    }
}
