package dev.kemu.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every x86-64 system call of Linux 6.18 ({@code arch/x86/entry/syscalls/syscall_64.tbl}) and how kemu treats
 * it, read from one data file, {@code syscalls-x86_64.tsv}, in the manner of gVisor's {@code linux64.go} table.
 * The replayer, {@code kemu syscalls} and the documentation all read this table.
 *
 * <p>The split is honest by construction: a call that changes anything the model owns or checks (descriptors,
 * files, directories, pipes, the working directory, the umask, RLIMIT_NOFILE, mappings of files) is
 * {@link Kind#MODELLED} or {@link Kind#UNSUPPORTED}, never {@link Kind#OUTSIDE}.
 */
public final class SyscallCatalog {
    /** How the replayer treats a call. */
    public enum Kind {
        /** The emulated kernel runs the call and the replayer compares its results with the record. */
        MODELLED,
        /** The call touches nothing the model owns or checks: its result is taken from the record and counted. */
        OUTSIDE,
        /** Not modelled yet: a trace that makes the call is UNSUPPORTED. */
        UNSUPPORTED
    }

    /**
     * One row of the table.
     *
     * @param number the x86-64 system call number
     * @param name the name strace prints
     * @param kind how kemu treats it
     * @param since the upstream release that added a modelled call, or empty
     * @param group for calls outside the model, what they are about ({@code memory}, {@code identity},
     *     {@code clocks}, {@code process}, {@code signals}, {@code futex}); else empty
     */
    public record Entry(int number, String name, Kind kind, String since, String group) {
    }

    private static final Map<String, Entry> BY_NAME = load();

    private SyscallCatalog() {
    }

    private static Map<String, Entry> load() {
        try (InputStream in = SyscallCatalog.class.getResourceAsStream("syscalls-x86_64.tsv")) {
            if (in == null) {
                throw new IllegalStateException("syscalls-x86_64.tsv is missing from the class path");
            }
            Map<String, Entry> m = new LinkedHashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 3) {
                    throw new IllegalStateException("syscalls-x86_64.tsv: bad row: " + line);
                }
                Entry e = new Entry(Integer.parseInt(f[0]), f[1], Kind.valueOf(f[2].toUpperCase(java.util.Locale.ROOT)),
                        f.length > 3 ? f[3] : "", f.length > 4 ? f[4] : "");
                if (m.put(e.name(), e) != null) {
                    throw new IllegalStateException("syscalls-x86_64.tsv: " + e.name() + " twice");
                }
            }
            return Collections.unmodifiableMap(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry, in the order of the system call numbers. */
    public static List<Entry> entries() {
        List<Entry> all = new ArrayList<>(BY_NAME.values());
        all.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return all;
    }

    /** The entry for {@code name}, or empty when no Linux has a system call of that name. */
    public static Optional<Entry> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * True for a name of the x86-64 system call table, also strace's {@code syscall_0x1c3} for unnamed numbers and
     * {@code ???} for a call a task was killed entering.
     */
    public static boolean isLinuxSyscall(String name) {
        return BY_NAME.containsKey(name) || name.startsWith("syscall_0x") || name.equals("???");
    }

    /**
     * The table as the documentation shows it ({@code docs/SYSCALLS.md}): the three classes, what each means, and
     * every call of each, in number order.
     */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# System calls in kemu\n\n");
        b.append("Every x86-64 system call of Linux 6.18 and what `kemu replay` does with it. The same table is printed by\n");
        b.append("`kemu syscalls` and read by the replayer (`kernel-api/src/main/resources/dev/kemu/kernel/syscalls-x86_64.tsv`).\n\n");
        b.append("- **modelled**: the emulated kernel runs the call and its results are compared with the record.\n");
        b.append("- **outside the model**: the call touches nothing the model owns or checks (descriptors, files,\n");
        b.append("  directories, pipes, the working directory, the umask, RLIMIT_NOFILE, mappings of files): its result is\n");
        b.append("  taken from the record, never compared, and counted (`PASS cp.strace: 170 calls, 147 compared, 23 outside\n");
        b.append("  the model`). Some modelled calls are outside for some arguments only; the note says which.\n");
        b.append("- **not modelled yet**: a trace that makes the call is UNSUPPORTED, with the call named.\n");
        for (Kind k : Kind.values()) {
            List<Entry> rows = entries().stream().filter(e -> e.kind() == k).toList();
            String title = switch (k) {
                case MODELLED -> "Modelled";
                case OUTSIDE -> "Outside the model";
                case UNSUPPORTED -> "Not modelled yet";
            };
            b.append("\n## ").append(title).append(" (").append(rows.size()).append(")\n\n");
            if (k == Kind.UNSUPPORTED) {
                b.append(String.join(", ", rows.stream().map(Entry::name).toList())).append("\n");
                continue;
            }
            b.append(k == Kind.MODELLED ? "| nr | call | since | note |\n|---:|---|---|---|\n" : "| nr | call | group |\n|---:|---|---|\n");
            for (Entry e : rows) {
                b.append("| ").append(e.number()).append(" | `").append(e.name()).append("` | ");
                if (k == Kind.MODELLED) {
                    b.append(e.since()).append(" | ");
                }
                b.append(e.group()).append(" |\n");
            }
        }
        return b.toString();
    }

    /** How the replayer treats {@code name}; an unknown name is {@link Kind#UNSUPPORTED}. */
    public static Kind kind(String name) {
        if (name.equals("???")) {
            // Killed on its way into the kernel: nothing ran, nothing to compare.
            return Kind.OUTSIDE;
        }
        Entry e = BY_NAME.get(name);
        return e == null ? Kind.UNSUPPORTED : e.kind();
    }
}
