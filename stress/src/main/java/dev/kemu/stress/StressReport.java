package dev.kemu.stress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a stress run. The run passed iff the five fault counters are 0:
 * {@code bytesLost}, {@code bytesDuplicated}, {@code tornRecords}, {@code deadlocks} and
 * {@code unexpectedErrors}. {@code tornRecords} includes corrupt units and order violations
 * (also given on their own). After a deadlock the data is not drained or accounted
 * ({@code checked} is false): the deadlocked threads still hold pipe mutexes.
 *
 * @param cpuSeconds CPU time the whole process used while the tasks ran (all threads, the
 *     checker's included), or -1 where the JVM does not tell; ops per CPU second is a fairer
 *     figure than ops per second on a busy machine
 * @param sleeps how many times a task went to sleep on a pipe's wait queue
 * @param opMix operations drawn, by kind
 * @param opMixDigest a hash of every task's operation sequence, in task order: equal for equal
 *     seeds, thread counts, pipe counts and operation quotas
 * @param expected results that are expected and counted: EAGAIN, EPIPE, EOF, ERESTARTSYS, EBUSY,
 *     and operations skipped because their lane end or file had nothing to offer
 */
public record StressReport(String kernel, int threads, int pipes, long seed, double seconds, double cpuSeconds, long ops,
        long opsPerSecond, long sleeps,
        long bytesWritten, long bytesRead, long bytesTeed, long bytesMirrorRead, long bytesDiscarded, long bytesSpliced,
        long bytesVoided, long bytesLost, long bytesDuplicated, long tornRecords, long corruptUnits, long orderViolations,
        long deadlocks, long unexpectedErrors, boolean checked, Map<String, Long> opMix, String opMixDigest,
        Map<String, Long> expected, List<String> deadlockReports, List<String> errorSamples) {
    public StressReport {
        opMix = Map.copyOf(opMix);
        expected = Map.copyOf(expected);
        deadlockReports = List.copyOf(deadlockReports);
        errorSamples = List.copyOf(errorSamples);
    }

    /** True iff nothing was lost, duplicated or torn, nothing deadlocked and no result was unexpected. */
    public boolean passed() {
        return bytesLost == 0 && bytesDuplicated == 0 && tornRecords == 0 && deadlocks == 0 && unexpectedErrors == 0;
    }

    /** The report as ordered key/value pairs, for JSON: the ten documented keys first. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ops", ops);
        m.put("opsPerSecond", opsPerSecond);
        m.put("bytesWritten", bytesWritten);
        m.put("bytesRead", bytesRead);
        m.put("bytesTeed", bytesTeed);
        m.put("bytesLost", bytesLost);
        m.put("bytesDuplicated", bytesDuplicated);
        m.put("tornRecords", tornRecords);
        m.put("deadlocks", deadlocks);
        m.put("unexpectedErrors", unexpectedErrors);
        m.put("passed", passed());
        m.put("kernel", kernel);
        m.put("threads", threads);
        m.put("pipes", pipes);
        m.put("seed", seed);
        m.put("seconds", Math.round(seconds * 1000) / 1000.0);
        m.put("cpuSeconds", Math.round(cpuSeconds * 1000) / 1000.0);
        m.put("opsPerCpuSecond", cpuSeconds > 0 ? Math.round(ops / cpuSeconds) : 0);
        m.put("sleeps", sleeps);
        m.put("checked", checked);
        m.put("bytesMirrorRead", bytesMirrorRead);
        m.put("bytesDiscarded", bytesDiscarded);
        m.put("bytesSpliced", bytesSpliced);
        m.put("bytesVoided", bytesVoided);
        m.put("corruptUnits", corruptUnits);
        m.put("orderViolations", orderViolations);
        m.put("expected", new LinkedHashMap<>(sorted(expected)));
        m.put("opMix", sortedByKind(opMix));
        m.put("opMixDigest", opMixDigest);
        m.put("deadlockReports", deadlockReports);
        m.put("errorSamples", errorSamples);
        return m;
    }

    private static Map<String, Long> sorted(Map<String, Long> in) {
        return new java.util.TreeMap<>(in);
    }

    private static Map<String, Long> sortedByKind(Map<String, Long> in) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (OpKind k : OpKind.values()) {
            String name = k.name().toLowerCase(java.util.Locale.ROOT);
            if (in.containsKey(name)) {
                out.put(name, in.get(name));
            }
        }
        return out;
    }
}
