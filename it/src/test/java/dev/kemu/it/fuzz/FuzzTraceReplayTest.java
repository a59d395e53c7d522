package dev.kemu.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kemu.host.HostSyscalls;
import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernels;
import dev.kemu.replay.Replayer;
import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression traces {@code kemu fuzz} found ({@code traces/fuzz}, the host kernel's results
 * as the record) replay on the kernel their {@code # kernel:} header names. Those the emulator
 * still gets wrong are listed in {@link #KNOWN_FAILING} with the reason: each must still fail
 * (when one starts passing, take it off the list), every other one must pass.
 */
@Timeout(60)
class FuzzTraceReplayTest {
    /** Traces the emulator does not pass yet, each with what Linux does (the trace's {@code # diagnosis:} says more). */
    static final Map<String, String> KNOWN_FAILING = Map.ofEntries(
            Map.entry("open_tmpfile_in_directory.strace", "O_TMPFILE is not modelled: it works on ext4"),
            Map.entry("o_direct_unaligned_write_einval.strace", "O_DIRECT alignment is not modelled: ext4 needs 512-byte alignment"),
            Map.entry("truncate_zeroes_eof_page_under_pipe.strace", "ext4 truncation does not zero the EOF page in place yet"),
            Map.entry("ext4_dir_llseek_seek_data.strace", "ext4_dir_llseek uses the htree EOF for one-block directories"),
            Map.entry("ext4_dir_llseek_seek_hole.strace", "ext4_dir_llseek: SEEK_HOLE on a directory returns the htree EOF"));

    static Stream<Path> fuzzTraces() {
        return FuzzTraces.files("fuzz").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzTraces")
    void fuzzTrace_replaysOnItsKernel_orIsAKnownFailure(Path file) throws Exception {
        String name = file.getFileName().toString();
        Trace trace = TraceParser.parse(file);
        String version = trace.header("kernel").orElseThrow(() -> new AssertionError(name + " has no # kernel: header"));
        TraceReport r = new Replayer(Kernels.discover().boot(version, BootOptions.standard()), Replayer.Mode.FIRST_DIVERGENCE)
                .replay(trace, name);

        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        if (KNOWN_FAILING.containsKey(name)) {
            assertEquals(Verdict.FAIL, r.verdict(), () -> name + " now passes on " + version + " (" + KNOWN_FAILING.get(name)
                    + "): take it off KNOWN_FAILING");
        } else {
            assertEquals(Verdict.PASS, r.verdict(), () -> name + ": line " + r.lineNo() + ": " + r.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzTraces")
    void fuzzTrace_replaysOnTheHost_asRecorded(Path file) throws Exception {
        assumeTrue(FuzzTraces.onLinuxX8664(), "the host backend runs only on Linux x86-64");
        Trace trace = TraceParser.parse(file);
        try (HostSyscalls host = HostSyscalls.open()) {
            assumeTrue(host.filesystemType().equals(trace.header("fs").orElse("ext4")),
                    "recorded on " + trace.header("fs").orElse("ext4") + ", the host directory is on " + host.filesystemType());
            TraceReport r = new Replayer(host, Replayer.Mode.FIRST_DIVERGENCE).replay(trace, file.getFileName().toString());

            assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
        }
    }

    @Test
    void knownFailing_namesOnlyTracesThatExist() {
        var names = fuzzTraces().map(p -> p.getFileName().toString()).toList();
        assertFalse(names.isEmpty());
        for (String known : KNOWN_FAILING.keySet()) {
            assertTrue(names.contains(known), () -> known + " is listed as failing but not in traces/fuzz");
        }
    }
}
