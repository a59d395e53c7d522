package dev.kemu.kernel;

import dev.kemu.kernel.spi.BehaviourSwitch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a kernel definition: a {@code .properties} file of {@code key = value} lines ({@code #}
 * and {@code !} start comments; no continuation lines, no escapes; a key given twice is an
 * error):
 * <pre>
 * name = 5.10.92-2               # the base release with a suffix: what --kernel takes
 * base = 5.10.92                 # a modelled release
 * description = one line
 * source = where the backports are documented
 * switch.DIRTY_PIPE = off        # on or off
 * switch.DIRTY_PIPE.commit = 9d2231c5d74e
 * switch.DIRTY_PIPE.upstream = 5.17
 * switch.DIRTY_PIPE.note = what the distribution's changelog says
 * </pre>
 * Every problem is a {@link PluginException} naming the file and line.
 */
final class KernelDefinitionFile {
    private static final Pattern SWITCH_KEY = Pattern.compile("switch\\.([A-Za-z0-9_]+)(\\.(commit|upstream|note))?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");

    private final Path file;
    /** Each key's value and line. */
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private KernelDefinitionFile(Path file) {
        this.file = file;
    }

    /** Reads {@code file}, resolving its base and switches in {@code kernels}. */
    static KernelDefinition read(Path file, Kernels kernels) throws PluginException {
        KernelDefinitionFile f = new KernelDefinitionFile(file);
        f.scan();
        return f.define(kernels);
    }

    private PluginException error(int line, String message) {
        return new PluginException(file + (line > 0 ? ":" + line : "") + ": " + message);
    }

    private void scan() throws PluginException {
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginException(file + ": cannot read the kernel definition: " + e.getMessage(), e);
        }
        for (int i = 0; i < text.size(); i++) {
            String l = text.get(i).strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                throw error(i + 1, "expected 'key = value', got '" + l + "'");
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            int hash = value.indexOf(" #");
            if (hash >= 0) {
                value = value.substring(0, hash).strip();
            }
            if (!key.equals("name") && !key.equals("base") && !key.equals("description") && !key.equals("source")
                    && !SWITCH_KEY.matcher(key).matches()) {
                throw error(i + 1, "unknown key '" + key + "'; keys: name, base, description, source, switch.NAME, "
                        + "switch.NAME.commit, switch.NAME.upstream, switch.NAME.note");
            }
            if (values.containsKey(key)) {
                throw error(i + 1, "'" + key + "' given twice (first on line " + lines.get(key) + ")");
            }
            values.put(key, value);
            lines.put(key, i + 1);
        }
    }

    private String required(String key, int lineIfMissing, String what) throws PluginException {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw error(v == null ? lineIfMissing : lines.get(key), "'" + key + "' is missing: " + what);
        }
        return v;
    }

    private KernelDefinition define(Kernels kernels) throws PluginException {
        String name = required("name", 0, "the version --kernel takes, the base release with a suffix (5.10.92-2)");
        KernelVersion version = KernelVersion.parse(name);
        if (version == null || version.suffix().isEmpty()) {
            throw error(lines.get("name"), "name '" + name + "' is not a release with a suffix, such as 5.10.92-2");
        }
        String baseText = required("base", 0, "the modelled release the kernel was built from (5.10.92)");
        KernelVersion baseVersion = KernelVersion.parse(baseText);
        Kernels.Resolved base = null;
        if (baseVersion != null) {
            try {
                base = kernels.resolve(baseText);
            } catch (UnknownKernelException e) {
                base = null;
            }
        }
        if (base == null || !base.version().equals(baseVersion) || kernels.definition(base.provider()).isPresent()) {
            throw error(lines.get("base"), "base '" + baseText + "' is not a modelled release (kemu kernels lists them)");
        }
        if (!version.base().equals(baseVersion.base()) && !version.base().equals(
                new KernelVersion(baseVersion.major(), baseVersion.minor(), baseVersion.patch(), true, ""))) {
            throw error(lines.get("name"), "name '" + name + "' must be the base release " + baseText
                    + " with a suffix (the release numbers decide what the base decides)");
        }
        try {
            Kernels.Resolved taken = kernels.resolve(name);
            if (taken.version().equals(version)) {
                throw error(lines.get("name"), "kernel " + name + " is already defined by " + taken.provider().id()
                        + " (" + kernels.origin(taken.provider()) + ")");
            }
        } catch (UnknownKernelException e) {
            // not taken
        }
        Map<String, BehaviourSwitch> known = new LinkedHashMap<>();
        base.provider().switches().forEach(s -> known.put(s.name(), s));
        List<KernelDefinition.Setting> settings = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            var m = SWITCH_KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            String sw = m.group(1);
            int line = lines.get(e.getKey());
            if (!known.containsKey(sw)) {
                throw error(line, "unknown switch '" + sw + "' for " + base.provider().id() + "; its switches: "
                        + String.join(", ", known.keySet()));
            }
            if (m.group(3) != null) {
                if (!values.containsKey("switch." + sw)) {
                    throw error(line, "'" + e.getKey() + "' without 'switch." + sw + " = on|off'");
                }
                continue;
            }
            String state = e.getValue();
            if (!state.equals("on") && !state.equals("off")) {
                throw error(line, "switch " + sw + ": '" + state + "' is neither on nor off");
            }
            String commit = required("switch." + sw + ".commit", line, "the upstream commit the backport took");
            if (!COMMIT.matcher(commit).matches()) {
                throw error(lines.get("switch." + sw + ".commit"), "switch " + sw + ": '" + commit
                        + "' is not a commit id (7 to 40 lower-case hex digits)");
            }
            String upstream = required("switch." + sw + ".upstream", line, "the upstream release that has the commit");
            if (KernelVersion.parse(upstream) == null) {
                throw error(lines.get("switch." + sw + ".upstream"), "switch " + sw + ": '" + upstream + "' is not a release");
            }
            settings.add(new KernelDefinition.Setting(sw, state.equals("on"), commit, upstream,
                    values.getOrDefault("switch." + sw + ".note", "")));
        }
        String description = values.getOrDefault("description", "Linux " + base.version() + " with backports");
        return new KernelDefinition(version, base, description, values.getOrDefault("source", ""), settings, file);
    }
}
