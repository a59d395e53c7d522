package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.LogSource;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.TraceWorld;
import dev.kemu.replay.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Linux Test Project's own tests for pipe, pipe2, splice, tee, vmsplice, sendfile, copy_file_range and fcntl30,
 * fcntl35, fcntl37, recorded with {@code kemu record} ({@code strace -f}) on Linux 6.18 and replayed as recorded:
 * every process, every call, in the order of the log. Each replays PASS, except those in
 * {@code traces/ltp/expected-failures.tsv}, each with its reason; one of those that passes must come off the list.
 */
class LtpReplayTest {
    private static final Kernels KERNELS = Kernels.discover();

    /** The tests of LTP's directories (the {@code _64} builds are the same tests built with 64-bit offsets). */
    private static final int TESTS = 47;

    static Stream<Path> logs() {
        return Traces.files("ltp").stream();
    }

    static Map<String, String> expectedFailures() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Traces.dir("ltp").resolve("expected-failures.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 2);
            out.put(f[0], f[1]);
        }
        return out;
    }

    static TraceReport replay(Path file) throws Exception {
        LogSource log = LogSource.of(file);
        String version = log.header("kernel").orElseThrow();
        BootOptions opts = TraceWorld.of(log).layout(BootOptions.standard(), null, type -> KERNELS.fsTypes().get(type) != null);
        Kernel k = KERNELS.boot(version, opts);
        try {
            return new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE).withoutOutcomes().replay(log, file.getFileName().toString());
        } finally {
            k.shutdown();
        }
    }

    static String program(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.indexOf(".strace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void ltpProgram_replaysAsRecorded_unlessListedWithItsReason(Path file) throws Exception {
        TraceReport r = replay(file);
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        String reason = expectedFailures().get(program(file));
        if (reason == null) {
            assertEquals(Verdict.PASS, r.verdict(), () -> r.name() + ": line " + r.lineNo() + ": " + r.reason());
        } else {
            assertNotEquals(Verdict.PASS, r.verdict(), () -> program(file) + " passes now: take it off expected-failures.tsv");
        }
    }

    @Test
    void summary_countsTheListedAndTheUnrecordedAsFailures() throws IOException {
        List<String> recorded = logs().map(LtpReplayTest::program).toList();
        Map<String, String> expected = expectedFailures();
        long failingTests = expected.keySet().stream().filter(p -> !p.endsWith("_64")).count();
        for (String p : expected.keySet()) {
            assertTrue(recorded.contains(p) || expected.get(p).startsWith("not recorded"),
                    () -> p + " is listed, but has no log and does not say why");
        }
        long passing = TESTS - failingTests;
        System.out.printf("LTP: %d of %d tests replay PASS as recorded; %d listed with their reason%n", passing, TESTS,
                failingTests);
        assertTrue(passing >= 41, () -> "at least 41 of " + TESTS + " tests replay PASS; " + passing + " do");
    }
}
