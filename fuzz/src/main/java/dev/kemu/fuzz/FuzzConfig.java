package dev.kemu.fuzz;

import dev.kemu.kernel.Kernels;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a fuzzing campaign does.
 *
 * @param seconds how long to make and run scenarios (shrinking comes on top)
 * @param seed the campaign's seed: the same seed gives the same scenarios
 * @param maxScenarios stop after this many scenarios (0: only the time bounds the campaign)
 * @param kernel the emulated version to compare with, or null for the host's own release
 * @param outDir where to write the traces of mismatches
 * @param kernels the kernel plugins to boot the emulated machines from
 * @param shrinkSeconds how long to shrink each new kind of mismatch
 */
public record FuzzConfig(double seconds, long seed, long maxScenarios, String kernel, Path outDir, Kernels kernels,
        double shrinkSeconds) {
    public FuzzConfig {
        Objects.requireNonNull(outDir);
        Objects.requireNonNull(kernels);
        if (seconds < 0 || maxScenarios < 0 || shrinkSeconds < 0) {
            throw new IllegalArgumentException("negative bound");
        }
    }

    /** A campaign of {@code seconds} with {@code seed}: the host's version, traces into {@code fuzz-out/}. */
    public static FuzzConfig of(double seconds, long seed, Kernels kernels) {
        return new FuzzConfig(seconds, seed, 0, null, Path.of("fuzz-out"), kernels, 30);
    }

    public FuzzConfig withKernel(String version) {
        return new FuzzConfig(seconds, seed, maxScenarios, version, outDir, kernels, shrinkSeconds);
    }

    public FuzzConfig withOutDir(Path dir) {
        return new FuzzConfig(seconds, seed, maxScenarios, kernel, dir, kernels, shrinkSeconds);
    }

    public FuzzConfig withMaxScenarios(long n) {
        return new FuzzConfig(seconds, seed, n, kernel, outDir, kernels, shrinkSeconds);
    }

    public FuzzConfig withShrinkSeconds(double s) {
        return new FuzzConfig(seconds, seed, maxScenarios, kernel, outDir, kernels, s);
    }
}
