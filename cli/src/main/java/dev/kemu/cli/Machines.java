package dev.kemu.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.inject.Inject;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.KernelBootException;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.UnknownKernelException;
import dev.kemu.host.HostSyscalls;
import dev.kemu.host.HostUnavailableException;
import dev.kemu.host.Refusal;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Boots emulated machines for the commands, turning version and mount problems into {@link InputException}s;
 * and opens the host machine ({@code --kernel host}: the calls run on this machine's own kernel).
 */
final class Machines {
    /** The {@code --kernel} value that selects the host machine instead of an emulated kernel. */
    static final String HOST = "host";

    private final Kernels kernels;

    @Inject
    Machines(Kernels kernels) {
        this.kernels = kernels;
    }

    Kernels kernels() {
        return kernels;
    }

    /** Checks a version string early, so a bad {@code --kernel} fails before any work. */
    Kernels.Resolved resolve(String version, String where) {
        try {
            return kernels.resolve(version);
        } catch (UnknownKernelException e) {
            throw new InputException((where == null ? "" : where + ": ") + e.getMessage());
        }
    }

    Kernel boot(Kernels.Resolved version, RootOptions root) {
        return boot(version, root, null);
    }

    /** Boots a machine laid out as the log's world says ({@link dev.kemu.replay.TraceWorld#layout}). */
    Kernel boot(Kernels.Resolved version, RootOptions root, dev.kemu.replay.TraceWorld world) {
        root.checkEmulated();
        BootOptions std = BootOptions.standard();
        BootOptions opts = new BootOptions(root.fs(), root.imagePath(), root.mountOptions(), std.mounts(), std.cwd(),
                root.pipeRing());
        long imageBytes = root.imageBytes();
        if (imageBytes > 0 && !Files.exists(Path.of(root.imagePath()))) {
            opts = opts.withRootOption("size", Long.toString(imageBytes));
        }
        if (root.cwd != null && !root.cwd.startsWith("/")) {
            throw new InputException("--cwd: '" + root.cwd + "' is not an absolute path");
        }
        if (world != null) {
            opts = world.layout(opts, root.cwd, t -> kernels.fsTypes().get(t) != null);
        } else if (root.cwd != null) {
            opts = opts.withCwd(root.cwd);
        }
        if (kernels.fsTypes().get(root.fs()) == null) {
            throw new InputException("--fs: unknown filesystem type '" + root.fs() + "'; available: "
                    + kernels.fsTypes().all().stream().map(t -> t.name()).toList());
        }
        try {
            Kernel k = kernels.boot(version, opts);
            if (root.image != null) {
                // Ctrl-C must not leave the image half written: unmount it first.
                Interrupt.onInterruptUnmount(k::shutdown);
            }
            return k;
        } catch (KernelBootException e) {
            throw new InputException((root.image != null ? root.imagePath() + ": " : "") + e.getMessage());
        }
    }

    /** Does {@code version} name the host machine? */
    static boolean isHost(String version) {
        return version != null && version.trim().equals(HOST);
    }

    /**
     * A fresh host machine (close it when done: its directory is removed then); an
     * {@link InputException} when this is not Linux on x86-64 or no directory can be made.
     */
    HostSyscalls openHost(RootOptions root) {
        root.checkHost();
        try {
            return HostSyscalls.open();
        } catch (HostUnavailableException e) {
            throw new InputException("--kernel host: " + e.getMessage());
        }
    }

    /**
     * What replaying one trace on a fresh host machine gave.
     *
     * @param report the replay's report (the host's results)
     * @param filesystem the filesystem of the machine's directory
     * @param refusals the calls refused because they would have written outside that directory
     */
    record HostReplay(TraceReport report, String filesystem, List<Refusal> refusals) {
    }

    /** Replays {@code trace} on a fresh host machine, removed again afterwards. */
    HostReplay replayOnHost(Trace trace, String name, Replayer.Mode mode, RootOptions root) {
        try (HostSyscalls host = openHost(root)) {
            TraceReport r = new Replayer(host, mode).replay(trace, name);
            return new HostReplay(r, host.filesystemType(), host.refusals());
        }
    }
}
