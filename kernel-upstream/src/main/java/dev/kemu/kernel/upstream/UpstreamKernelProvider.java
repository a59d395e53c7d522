package dev.kemu.kernel.upstream;

import com.google.inject.Module;
import dev.kemu.kernel.KernelVersion;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream Linux from 3.11 to 6.18: every mainline {@code X.Y} and every stable {@code X.Y.Z} of
 * those branches, one behaviour set switched by version ranges ({@link UpstreamSwitches}). 3.10
 * and its distribution variants are the 3.10 plugin's; from 3.11 on {@code do_splice_direct}
 * checks the output (FMODE_WRITE, O_APPEND, rw_verify_area) before splicing, as every later
 * release does.
 */
public final class UpstreamKernelProvider implements KernelProvider {
    /** The last minor release of each major series in range. */
    private static final int[][] SERIES = {{3, 11, 19}, {4, 0, 20}, {5, 0, 19}, {6, 0, 18}};

    @Override
    public String id() {
        return "linux-upstream";
    }

    @Override
    public String description() {
        return "upstream Linux 3.11 to 6.18, mainline and stable releases, switched where the kernel's history switched";
    }

    @Override
    public List<KernelVariant> variants() {
        List<KernelVariant> out = new ArrayList<>();
        for (int[] s : SERIES) {
            for (int minor = s[1]; minor <= s[2]; minor++) {
                KernelVersion v = new KernelVersion(s[0], minor, 0, false, "");
                out.add(new KernelVariant(v.toString(), UpstreamModule.summary(v)));
            }
        }
        return out;
    }

    @Override
    public boolean covers(KernelVersion v) {
        if (!v.suffix().isEmpty()) {
            return false;
        }
        for (int[] s : SERIES) {
            if (v.major() == s[0] && v.minor() >= s[1] && v.minor() <= s[2]) {
                return true;
            }
        }
        return false;
    }

    /** Every upstream switch, sorted by name: the module of each version contributes them all. */
    @Override
    public List<BehaviourSwitch> switches() {
        List<BehaviourSwitch> out = new ArrayList<>(UpstreamSwitches.ALL);
        out.sort(java.util.Comparator.comparing(BehaviourSwitch::name));
        return List.copyOf(out);
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
        return new UpstreamModule(version, flipped);
    }
}
