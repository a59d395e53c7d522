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
 * <p>The size of the disk comes from the first {@code statfs}/{@code fstatfs} that shows an ext4 filesystem
 * ({@code f_blocks * f_frsize}, up to {@link #MAX_DISK}); without one the emulated ext4 keeps its default size.
 *
 * @param cwd the recording's working directory, if the log tells
 * @param fs the type of the filesystem holding it ({@code ext4}, {@code tmpfs}...), if the log tells
 * @param diskBytes the size of the recording's ext4 filesystem, if the log shows it
 */
public record TraceWorld(Optional<String> cwd, Optional<String> fs, Optional<Long> diskBytes) {

    /** The world of a log that says nothing of its disk. */
    public TraceWorld(Optional<String> cwd, Optional<String> fs) {
        this(cwd, fs, Optional.empty());
    }

    /** ext2/3/4's {@code f_type}, as strace names it. */
    private static final String EXT4_MAGIC = "EXT2_SUPER_MAGIC";

    /** Reads what {@code trace} says of its world. */
    public static TraceWorld of(Trace trace) {
        return of(LogSource.of(trace));
    }

    /**
     * Reads what {@code log} says of its world: its header, then its lines until both the working directory (the
     * first getcwd, unless a chdir comes first) and the disk size are known, or the log ends.
     */
    public static TraceWorld of(LogSource log) {
        Optional<String> cwd = log.header("cwd").filter(c -> c.startsWith("/"));
        boolean cwdSettled = cwd.isPresent();
        Optional<Long> disk = Optional.empty();
        try (LogSource.Pass pass = log.open(TraceWorld::mayTell)) {
            while (pass.hasNext() && !(cwdSettled && disk.isPresent())) {
                if (!(pass.next() instanceof SyscallLine s) || s.result().isError()) {
                    continue;
                }
                switch (s.name()) {
                    case "chdir", "fchdir" -> cwdSettled = true;
                    case "getcwd" -> {
                        if (!cwdSettled && !s.args().isEmpty() && s.args().get(0) instanceof Str p && !p.truncated()
                                && p.text().startsWith("/")) {
                            cwd = Optional.of(p.text());
                            cwdSettled = true;
                        }
                    }
                    case "statfs", "fstatfs" -> {
                        if (disk.isEmpty() && s.args().size() > 1 && s.args().get(1) instanceof dev.kemu.strace.StructArg st) {
                            disk = ext4Size(st);
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return new TraceWorld(cwd, log.header("fs").filter(f -> !f.isBlank()), disk);
    }

    /** Whether a raw line may be one of the calls that tell the world: chdir, fchdir, getcwd, statfs, fstatfs. */
    static boolean mayTell(String raw) {
        return raw.contains("chdir(") || raw.contains("getcwd(") || raw.contains("statfs(");
    }

    private static Optional<Long> ext4Size(dev.kemu.strace.StructArg st) {
        if (!(st.field("f_type").orElse(null) instanceof dev.kemu.strace.Sym t) || !t.text().equals(EXT4_MAGIC)) {
            return Optional.empty();
        }
        if (st.field("f_blocks").orElse(null) instanceof dev.kemu.strace.Num blocks
                && st.field(st.field("f_frsize").isPresent() ? "f_frsize" : "f_bsize").orElse(null) instanceof dev.kemu.strace.Num bs
                && blocks.value() > 0 && bs.value() > 0) {
            return Optional.of(blocks.value() * bs.value());
        }
        return Optional.empty();
    }

    /**
     * The largest emulated disk: 256 GiB formats in half a second with some 40 MB of metadata; a larger recorded
     * disk is emulated at this size (what a log writes fits, and statfs's counts are not compared).
     */
    static final long MAX_DISK = 256L << 30;

    /** The smallest disk the emulated ext4 formats. */
    static final long MIN_DISK = 1L << 20;

    /** An emulated ext4 root (not an image the user gave) as large as the recording's disk, up to {@link #MAX_DISK}. */
    private BootOptions withDisk(BootOptions base) {
        if (diskBytes.isEmpty() || !base.rootType().equals("ext4") || base.rootSource() != null
                || fs.map(f -> !f.equals("ext4")).orElse(false)) {
            return base;
        }
        java.util.Map<String, String> options = new java.util.HashMap<>(base.rootOptions());
        options.put("size", Long.toString(Math.max(MIN_DISK, Math.min(diskBytes.get(), MAX_DISK)) & ~4095L));
        return new BootOptions(base.rootType(), base.rootSource(), options, base.mounts(), base.cwd(), base.pipeRing());
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
        base = withDisk(base);
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
        return new BootOptions(base.rootType(), base.rootSource(), base.rootOptions(), mounts, dir, base.pipeRing());
    }
}
