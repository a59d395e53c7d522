package dev.kemu.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernels;
import dev.kemu.kernel.upstream.UpstreamKernelProvider;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.strace.SyscallLine;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The campaign catches a kernel that is wrong. The reference here is the emulated 6.18 (taken as
 * right), the kernel under test a variant with one wrong errno ({@link WrongErrnoKernelProvider});
 * so the only differences are the injected one, whatever the state of the emulator, and the test
 * runs anywhere (no host kernel involved).
 */
class FuzzerTest {
    @TempDir
    Path out;

    private final Kernels kernels = Kernels.of(new UpstreamKernelProvider(), new WrongErrnoKernelProvider());

    private FuzzReport campaign(String kernel, long scenarios) throws Exception {
        Reference reference = Reference.emulated(kernels, kernels.resolve("6.18"));
        FuzzConfig config = FuzzConfig.of(40, 11, kernels).withKernel(kernel).withOutDir(out).withMaxScenarios(scenarios)
                .withShrinkSeconds(15);
        return new Fuzzer(config, reference).run((n, bad, elapsed) -> { });
    }

    private TraceReport replay(Trace t, String version) throws Exception {
        return new Replayer(kernels.boot(version, BootOptions.standard()), Replayer.Mode.FIRST_DIVERGENCE).replay(t, "t");
    }

    @Test
    void campaign_kernelWithWrongSpliceErrno_isCaughtAndShrunkToAFewCalls() throws Exception {
        FuzzReport r = campaign(WrongErrnoKernelProvider.VERSION, 60);

        FuzzReport.Finding f = r.findings().stream().filter(x -> x.signature().equals("splice ESPIPE->EBADF")).findFirst()
                .orElseThrow(() -> new AssertionError("not caught in " + r.scenarios() + " scenarios: " + r.findings()));
        assertTrue(f.shrunkCalls() <= 3, () -> "shrunk to " + f.shrunkCalls() + " calls: " + f);
        assertTrue(f.shrunkCalls() < f.originalCalls());
        Trace t = TraceParser.parse(f.file());
        assertEquals(WrongErrnoKernelProvider.VERSION, t.header("kernel").orElseThrow());
        assertEquals("ext4", t.header("fs").orElseThrow());
        assertTrue(t.header("scenario").orElseThrow().startsWith("fuzz seed 11 scenario " + f.scenario() + ", shrunk from "));
        List<SyscallLine> calls = t.calls();
        SyscallLine last = calls.get(calls.size() - 1);
        assertEquals("splice", last.name());
        assertEquals("ESPIPE", last.result().errno());
        // The trace is a regression test: right on 6.18, wrong on the variant.
        assertTrue(replay(t, "6.18").passed(), () -> "6.18 should pass: " + f.file());
        TraceReport wrong = replay(t, WrongErrnoKernelProvider.VERSION);
        assertTrue(wrong.reason().contains("expected = ESPIPE, got = EBADF"), wrong::reason);
    }

    @Test
    void campaign_kernelAgainstItself_findsNothing() throws Exception {
        FuzzReport r = campaign("6.18", 80);

        assertEquals(80, r.scenarios());
        assertEquals(0, r.mismatches(), () -> r.findings().toString());
        assertEquals(0, r.blocked());
        assertTrue(r.calls() > 80 * 5);
    }
}
