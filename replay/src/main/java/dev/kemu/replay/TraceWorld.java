package dev.kemu.replay;

import dev.kemu.strace.Str;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.kernel.BootOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where a log was recorded, as far as the log says: the working directory and the type of the filesystem holding
 * it. Real logs name absolute paths and run anywhere, so the emulated machine is set up to match before a replay.
 *
 * <p>The working directory comes from a {@code # cwd:} header ({@code kemu record} writes one), else from the first
 * successful {@code getcwd} before any {@code chdir}/{@code fchdir}; the filesystem from a {@code # fs:} header.
 *
 * @param cwd the recording's working directory, if the log tells
 * @param fs the type of the filesystem holding it ({@code ext4}, {@code tmpfs}...), if the log tells
 */
public record TraceWorld(Optional<String> cwd, Optional<String> fs) {

    /** Reads what {@code trace} says of its world. */
    public static TraceWorld of(Trace trace) {
        return of(LogSource.of(trace));
    }

    /** Reads what {@code log} says of its world; reads lines only up to its first getcwd or chdir. */
    public static TraceWorld of(LogSource log) {
        Optional<String> cwd = log.header("cwd").filter(c -> c.startsWith("/"));
        if (cwd.isEmpty()) {
            try (LogSource.Pass pass = log.open()) {
                while (pass.hasNext()) {
                    if (!(pass.next() instanceof SyscallLine s)) {
                        continue;
                    }
                    if (s.name().equals("chdir") || s.name().equals("fchdir")) {
                        break;
                    }
                    if (s.name().equals("getcwd") && !s.result().isError() && !s.args().isEmpty()
                            && s.args().get(0) instanceof Str p && !p.truncated() && p.text().startsWith("/")) {
                        cwd = Optional.of(p.text());
                        break;
                    }
                }
            }
        }
        return new TraceWorld(cwd, log.header("fs").filter(f -> !f.isBlank()));
    }

    /**
     * {@code base} laid out as this world says: the working directory the log was recorded in ({@code cwd}
     * overrides it), on a filesystem of the recorded type. A standard mount that would put that directory on another
     * type (tmpfs on {@code /tmp} when the log was recorded on ext4 there) is left out, and a filesystem of the
     * recorded type is mounted at the directory when the root is of another type.
     *
     * @param base the layout to start from
     * @param cwd a working directory given by the user, or null
     * @param known which filesystem types the machine has
     * @return the layout; {@code base} itself when the log says nothing
     */
    public BootOptions layout(BootOptions base, String cwd, Predicate<String> known) {
        String dir = cwd != null ? cwd : this.cwd.orElse(null);
        if (dir == null) {
            return base;
        }
        if (!dir.startsWith("/")) {
            throw new IllegalArgumentException("the working directory '" + dir + "' is not an absolute path");
        }
        String type = fs.filter(known).orElse(null);
        List<BootOptions.MountSpec> mounts = new ArrayList<>();
        for (BootOptions.MountSpec m : base.mounts()) {
            boolean holds = dir.equals(m.at()) || dir.startsWith(m.at() + "/");
            if (!holds || (type != null ? type.equals(m.type()) : !m.type().equals("tmpfs"))) {
                mounts.add(m);
            }
        }
        boolean mounted = mounts.stream().anyMatch(m -> dir.equals(m.at()) || dir.startsWith(m.at() + "/"));
        if (type != null && !type.equals(base.rootType()) && !mounted) {
            mounts.add(new BootOptions.MountSpec(type, dir));
        }
        return new BootOptions(base.rootType(), base.rootSource(), base.rootOptions(), mounts, dir);
    }
}
