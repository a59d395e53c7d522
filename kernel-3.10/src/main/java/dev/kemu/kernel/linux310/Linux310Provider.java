package dev.kemu.kernel.linux310;

import com.google.inject.Module;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.util.List;

/**
 * Linux 3.10 and the two variants of it that matter for copy_file_range: vanilla 3.10.y (no
 * such syscall), {@code 3.10+cfr} (copy_file_range backported onto {@code do_splice_direct}, so
 * it inherits {@code pipe_to_file}'s same-page skip), and RHEL 7.9's {@code 3.10.0-1160.el7}
 * (the syscall exists but its splice fallback is compiled out: ENOSYS on ext4).
 */
public final class Linux310Provider implements KernelProvider {
    static final String CFR = "+cfr";
    static final String EL7 = "-1160.el7";

    @Override
    public String id() {
        return "linux-3.10";
    }

    @Override
    public String description() {
        return "Linux 3.10: pipe_to_file as the splice write end, pre-4.x pipe rules";
    }

    @Override
    public List<KernelVariant> variants() {
        return List.of(
                new KernelVariant("3.10", "vanilla 3.10.y: no copy_file_range (ENOSYS); pipe_to_file skips same-page copies (sendfile, splice)"),
                new KernelVariant("3.10+cfr", "3.10 with copy_file_range backported onto do_splice_direct: inherits the same-page skip"),
                new KernelVariant("3.10.0-1160.el7", "RHEL 7.9: copy_file_range exists, splice fallback compiled out: ENOSYS on ext4 after the checks"));
    }

    @Override
    public boolean covers(KernelVersion v) {
        if (v.major() != 3 || v.minor() != 10) {
            return false;
        }
        if (v.suffix().equals(EL7)) {
            return v.patch() == 0 && v.patchGiven();
        }
        return v.suffix().isEmpty() || v.suffix().equals(CFR);
    }

    /** The one switch of 3.10: pipe_to_file's same-page skip. */
    @Override
    public List<BehaviourSwitch> switches() {
        return List.of(Linux310Module.PIPE_TO_FILE_SKIP);
    }

    @Override
    public Module module(KernelVersion version) {
        return module(version, java.util.Set.of());
    }

    @Override
    public Module module(KernelVersion version, java.util.Set<String> flipped) {
        if (!covers(version)) {
            throw new IllegalArgumentException(id() + " does not cover " + version);
        }
        return new Linux310Module(version, flipped.contains(Linux310Module.PIPE_TO_FILE_SKIP.name()));
    }
}
