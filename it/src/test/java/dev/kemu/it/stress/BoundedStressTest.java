package dev.kemu.it.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.stress.StressConfig;
import dev.kemu.stress.StressEngine;
import dev.kemu.stress.StressListener;
import dev.kemu.stress.StressReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bounded stress on each kernel plugin's reference version, which must come out clean: no byte
 * lost, duplicated or torn, no deadlock, no unexpected errno. 8 tasks over 4 pipe groups for 8
 * seconds each (about 25 s for the file with boot and drain); {@code kemu stress --seconds 600}
 * is the long run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedStressTest {
    @ParameterizedTest
    @ValueSource(strings = {"3.10", "6.18"})
    @Timeout(value = 28, unit = TimeUnit.SECONDS)
    void stress_eightTasksForEightSeconds_comesOutClean(String version) throws Exception {
        Kernel k = Kernels.discover().boot(version, BootOptions.standard().withRoot("ramfs", null));
        StressReport r = new StressEngine(k, StressConfig.of(8, 4, Duration.ofSeconds(8), 1)).run(StressListener.NONE);

        assertTrue(r.passed(), r.toMap().toString());
        assertTrue(r.checked());
        assertEquals(0, r.bytesLost());
        assertEquals(0, r.bytesDuplicated());
        assertEquals(0, r.tornRecords());
        assertEquals(0, r.deadlocks());
        assertEquals(0, r.unexpectedErrors(), r.errorSamples().toString());
        assertTrue(r.ops() > 10_000, "the tasks made progress: " + r.ops());
        assertEquals(r.bytesTeed(), r.bytesMirrorRead());
        assertTrue(r.expected().get("EPIPE") > 0 && r.expected().get("EOF") > 0, "lanes reached EPIPE and EOF: " + r.expected());
    }
}
