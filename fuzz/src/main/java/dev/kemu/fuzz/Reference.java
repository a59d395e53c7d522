package dev.kemu.fuzz;

import dev.kemu.host.HostSyscalls;
import dev.kemu.host.HostUnavailableException;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.KernelBootException;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.Syscalls;
import java.util.function.Function;

/**
 * The machine whose results are the record a campaign compares with: the host kernel
 * ({@link #host()}), or, to check the checker, an emulated kernel taken as right
 * ({@link #emulated}). Each scenario runs on a fresh machine, closed after it.
 */
public interface Reference {
    /** Runs {@code body} on a fresh machine and closes it. */
    <R> R run(Function<Syscalls, R> body);

    /** How the record says where it was made: {@code the host kernel 6.18.44-...}. */
    String description();

    /** The filesystem the machine's working directory is on. */
    String filesystem();

    /** The version kemu compares it with by default: the host's release, as kemu names versions. */
    String version();

    /** The host kernel, each scenario in a fresh directory (ext4 preferred). */
    static Reference host() throws HostUnavailableException {
        String fs;
        try (HostSyscalls h = HostSyscalls.open()) {
            fs = h.filesystemType();
        }
        String release = HostSyscalls.hostRelease();
        return new Reference() {
            @Override
            public <R> R run(Function<Syscalls, R> body) {
                try (HostSyscalls h = HostSyscalls.open()) {
                    return body.apply(h);
                } catch (HostUnavailableException e) {
                    throw new IllegalStateException("the host machine went away: " + e.getMessage(), e);
                }
            }

            @Override
            public String description() {
                return "the host kernel " + release;
            }

            @Override
            public String filesystem() {
                return fs;
            }

            @Override
            public String version() {
                return HostSyscalls.modelledRelease();
            }
        };
    }

    /** An emulated kernel taken as right: to show that the campaign catches a kernel variant that is wrong. */
    static Reference emulated(Kernels kernels, Kernels.Resolved version) {
        return new Reference() {
            @Override
            public <R> R run(Function<Syscalls, R> body) {
                try {
                    return body.apply(kernels.boot(version, BootOptions.standard()));
                } catch (KernelBootException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }

            @Override
            public String description() {
                return "the emulated " + version.version();
            }

            @Override
            public String filesystem() {
                return "ext4";
            }

            @Override
            public String version() {
                return version.version().toString();
            }
        };
    }
}
