package dev.kemu.cli;

import com.google.inject.Inject;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.spi.KernelProvider;
import dev.kemu.kernel.spi.KernelVariant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: kemu's version, then each kernel plugin with the versions it carries. */
final class KemuVersion implements IVersionProvider {
    static final String VERSION = "0.1.0";

    private final Kernels kernels;

    @Inject
    KemuVersion(Kernels kernels) {
        this.kernels = kernels;
    }

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("kemu " + VERSION);
        for (KernelProvider p : kernels.providers()) {
            List<String> vs = p.variants().stream().map(KernelVariant::version).toList();
            lines.add("  " + p.id() + ": " + (vs.size() <= 4 ? String.join(" ", vs)
                    : vs.get(0) + " .. " + vs.get(vs.size() - 1) + " (" + vs.size() + " versions)"));
        }
        lines.add("  alias: upstream = " + Kernels.NEWEST);
        return lines.toArray(new String[0]);
    }
}
