package dev.kemu.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class StressEngineTest {
    private static StressReport run(String version, StressConfig config) throws Exception {
        Kernel k = Kernels.discover().boot(version, BootOptions.standard().withRoot("ramfs", null));
        return new StressEngine(k, config).run(StressListener.NONE);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void run_shortMixOn618_comesOutCleanAndExercisesEveryPath() throws Exception {
        StressReport r = run("6.18", StressConfig.of(4, 2, Duration.ofSeconds(3), 3));

        assertTrue(r.passed(), r.toMap().toString());
        assertTrue(r.checked());
        assertTrue(r.bytesRead() > 0 && r.bytesTeed() > 0 && r.bytesSpliced() > 0, r.toMap().toString());
        assertEquals(r.bytesTeed(), r.bytesMirrorRead());
        assertTrue(r.expected().get("EPIPE") > 0 && r.expected().get("EOF") > 0, "the lanes reach EPIPE and EOF: " + r.expected());
        for (OpKind k : OpKind.values()) {
            assertTrue(r.opMix().get(k.name().toLowerCase(java.util.Locale.ROOT)) > 0, k + " never drawn");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void run_onlyThePump_neverBlocksAndComesOutClean() throws Exception {
        StressReport r = run("6.18", StressConfig.of(1, 1, Duration.ofSeconds(20), 5).withOps(20_000));

        assertTrue(r.passed(), r.toMap().toString());
        assertEquals(20_000, r.ops());
        assertEquals(0, r.expected().get("ERESTARTSYS"), "the pump never sleeps, so it is never signalled out of a sleep");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void run_sameSeedThreadsAndQuota_drawTheSameOperationMix() throws Exception {
        StressConfig config = StressConfig.of(4, 2, Duration.ofSeconds(20), 11).withOps(5_000);
        StressReport a = run("6.18", config);
        StressReport b = run("3.10", config);

        assertTrue(a.passed() && b.passed(), a.toMap() + "\n" + b.toMap());
        assertEquals(4 * 5_000, a.ops());
        assertEquals(a.ops(), b.ops());
        assertEquals(a.opMixDigest(), b.opMixDigest());
        assertEquals(a.opMix(), b.opMix());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void run_otherSeed_drawsAnotherOperationMix() throws Exception {
        StressReport a = run("6.18", StressConfig.of(2, 2, Duration.ofSeconds(20), 11).withOps(2_000));
        StressReport b = run("6.18", StressConfig.of(2, 2, Duration.ofSeconds(20), 12).withOps(2_000));

        assertNotEquals(a.opMixDigest(), b.opMixDigest());
    }
}
