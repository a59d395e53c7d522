package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every log recorded on a real kernel booted under qemu ({@code oracle/}, kept in
 * {@code traces/linux-<uname -r>/}) replays PASS on the emulated kernel of that release. A log
 * whose difference kemu cannot express says so in a {@code # not replayed:} header line with
 * the reason, and is reported as skipped with that reason. 6.18's own folder is
 * {@link RecordedTraceReplayTest}'s.
 */
class RealKernelRecordingTest {
    private static final Pattern RELEASE = Pattern.compile("linux-(\\d+\\.\\d+(?:\\.\\d+)?)(.*)");
    private static final Kernels KERNELS = Kernels.discover();

    static Stream<Arguments> recordings() {
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Traces.dir("linux-6.18").getParent())) {
            for (Path dir : dirs.sorted().toList()) {
                String name = dir.getFileName().toString();
                Matcher m = RELEASE.matcher(name);
                if (!Files.isDirectory(dir) || !m.matches() || name.equals("linux-6.18")) {
                    continue;
                }
                for (Path file : Traces.files(name)) {
                    out.add(Arguments.of(name + "/" + file.getFileName(), m.group(1), file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }

    static String header(Path file, String key) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.takeWhile(l -> l.startsWith("#")).filter(l -> l.startsWith("# " + key + ":"))
                    .map(l -> l.substring(key.length() + 3).trim()).findFirst().orElse(null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void realKernelRecording_replaysOnItsOwnRelease(String name, String release, Path file) throws Exception {
        String kernel = header(file, "kernel");
        assertTrue(kernel != null && kernel.startsWith(release), () -> name + ": # kernel: " + kernel + " is not " + release);
        String skip = header(file, "not replayed");
        if (skip != null) {
            assertFalse(skip.isBlank(), () -> name + ": '# not replayed:' needs its reason");
            Assumptions.abort(skip);
        }
        Kernel k = KERNELS.boot(release, BootOptions.standard());
        try {
            TraceReport r = new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).replay(Traces.parse(file), name);
            assertNull(r.bug(), () -> "emulator bug: " + r.reason());
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        } finally {
            k.shutdown();
        }
    }
}
