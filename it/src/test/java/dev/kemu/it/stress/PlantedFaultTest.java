package dev.kemu.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.linux310.Linux310Provider;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.stress.StressConfig;
import dev.kemu.stress.StressEngine;
import dev.kemu.stress.StressListener;
import dev.kemu.stress.StressReport;
import dev.kemu.vfs.FileSystemTypes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stress checkers against kernels with a planted fault: each test fails unless the fault is
 * reported. The engine's own time bound (15 s) is well inside each test's timeout; a deadlock
 * ends the run as soon as the watchdog sees it.
 */
class PlantedFaultTest {
    private static final Kernels KERNELS = Kernels.of(
            List.of(new UpstreamKernelProvider(), new Linux310Provider(), new FaultyKernelProvider()), FileSystemTypes.discover());

    private static StressReport stress(String version, int threads, int pipes, Duration bound) throws Exception {
        Kernel k = KERNELS.boot(version, BootOptions.standard().withRoot("ramfs", null));
        StressConfig config = StressConfig.of(threads, pipes, bound, 7).withStallTimeout(Duration.ofSeconds(2));
        return new StressEngine(k, config).run(StressListener.NONE);
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void stress_locksInArgumentOrder_reportsTheDeadlockWithLocksAndStacks() throws Exception {
        StressReport r = stress(FaultyKernelProvider.LOCK_ORDER, 6, 1, Duration.ofSeconds(15));

        assertEquals(1, r.deadlocks(), "the ABBA deadlock must be reported");
        assertFalse(r.passed());
        String report = r.deadlockReports().get(0);
        assertTrue(report.contains("lock cycle"), report);
        assertTrue(report.contains("holds: [pipe#"), "the report names the pipe mutexes held: " + report);
        assertTrue(report.contains("waits for: pipe#"), "the report names the pipe mutexes waited for: " + report);
        assertTrue(report.contains("dev.kemu.pipe.PipeLocks.lockTwo"), "the report shows the stacks: " + report);
        assertTrue(r.seconds() < 15, "the run ends when the deadlock is found, not at its time bound: " + r.seconds());
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void stress_dropsPartialBuffers_reportsLostBytes() throws Exception {
        StressReport r = stress(FaultyKernelProvider.DROP_BUFFER, 4, 2, Duration.ofSeconds(3));

        assertTrue(r.checked());
        assertTrue(r.bytesLost() > 0, "bytes dropped by partial splices must be reported lost: " + r.toMap());
        assertEquals(0, r.deadlocks());
        assertFalse(r.passed());
    }
}
