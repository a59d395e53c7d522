package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.KernelBootException;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.UnknownKernelException;

/** Boots emulated machines for the commands, turning version and mount problems into {@link InputException}s. */
final class Machines {
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
        BootOptions opts = BootOptions.standard().withRoot(root.fsType, root.image);
        if (kernels.fsTypes().get(root.fsType) == null) {
            throw new InputException("--fs: unknown filesystem type '" + root.fsType + "'; available: "
                    + kernels.fsTypes().all().stream().map(t -> t.name()).toList());
        }
        try {
            return kernels.boot(version, opts);
        } catch (KernelBootException e) {
            throw new InputException((root.image != null ? root.image + ": " : "") + e.getMessage());
        }
    }
}
