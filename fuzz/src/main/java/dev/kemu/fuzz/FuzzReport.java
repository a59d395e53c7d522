package dev.kemu.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a campaign.
 *
 * @param host where the record was made: {@code the host kernel 6.18.44-...}
 * @param kernel the emulated version the host was compared with
 * @param filesystem the filesystem the host machine worked on (and the emulated root's type)
 * @param seed the campaign's seed
 * @param scenarios how many scenarios ran on both machines
 * @param calls how many calls those scenarios made
 * @param mismatches how many scenarios diverged
 * @param blocked scenarios dropped because a call slept on the host (the generator should prevent it)
 * @param flaky scenarios that diverged once but not when run again
 * @param fuzzSeconds how long scenarios were made and run (shrinking excluded)
 * @param seconds how long the campaign took, shrinking included
 * @param findings one per kind of mismatch, with its minimal trace
 */
public record FuzzReport(String host, String kernel, String filesystem, long seed, long scenarios, long calls, long mismatches,
        long blocked, long flaky, double fuzzSeconds, double seconds, List<Finding> findings) {
    public FuzzReport {
        findings = List.copyOf(findings);
    }

    /** Scenarios run per second of fuzzing. */
    public double scenariosPerSecond() {
        return fuzzSeconds <= 0 ? 0 : scenarios / fuzzSeconds;
    }

    /**
     * One kind of mismatch, shrunk.
     *
     * @param signature what differs, e.g. {@code splice ESPIPE->EBADF}
     * @param file the trace written (the host's results as the record)
     * @param scenario the index of the scenario it was found in
     * @param originalCalls the scenario's calls before shrinking
     * @param shrunkCalls after
     * @param reason the replayer's account of the difference in the written trace
     */
    public record Finding(String signature, Path file, long scenario, int originalCalls, int shrunkCalls, String reason) {
    }
}
