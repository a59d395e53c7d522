package dev.kemu.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.host.HostSyscalls;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short campaign against the real kernel: every scenario runs (none sleeps), and every trace it
 * writes is the host's truth: read back from the file it replays on the host unchanged. Skipped
 * where the host backend cannot run.
 */
@Timeout(120)
class HostCampaignTest {
    @TempDir
    Path out;

    @Test
    void campaign_onTheHost_runsEveryScenario_andItsTracesReplayOnTheHost() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the host backend runs only on Linux x86-64");
        Kernels kernels = Kernels.of(new UpstreamKernelProvider());
        FuzzConfig config = FuzzConfig.of(30, 42, kernels).withOutDir(out).withMaxScenarios(40).withShrinkSeconds(1);

        FuzzReport r = new Fuzzer(config).run((n, bad, elapsed) -> { });

        assertEquals(40, r.scenarios());
        assertEquals(0, r.blocked(), "a scenario slept on the host");
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                Trace t = TraceParser.parse(f);
                assertTrue(t.header("expect").orElseThrow().startsWith("recorded on the host kernel "));
                try (HostSyscalls host = HostSyscalls.open()) {
                    TraceReport again = new Replayer(host, Replayer.Mode.FIRST_DIVERGENCE).replay(t, f.toString());
                    assertTrue(again.passed(), () -> f + ": line " + again.lineNo() + ": " + again.reason());
                }
            }
        }
        assertEquals(r.findings().size(), r.findings().stream().map(FuzzReport.Finding::file).distinct().count());
    }
}
