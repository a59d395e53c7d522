package dev.kemu.stress;

import dev.kemu.kernel.Kernel;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;

/**
 * The end of a run: the final drain, the merge of the per-task counters, and the balance sheet.
 *
 * <ul>
 * <li>data streams (W, S, files): the tracker's exactly-once verdict per unit, from the serials
 *     each writer handed out: never accounted for is lost, accounted twice or never handed out
 *     is duplicated;
 * <li>tee: every byte tee returned must come out of a mirror, no more, no fewer;
 * <li>lanes: bytes written = bytes read + bytes discarded when a read end closed.
 * </ul>
 * Counters of workers are read after their threads were joined, or (after a deadlock) only for
 * workers whose volatile {@code finished} flag is set, which they write last.
 */
final class Accounting {
    private final StressConfig config;
    private final Kernel kernel;
    private final Worker[] workers;
    private final RunControl ctl;
    private final long salt;
    private final TaskStats drained = new TaskStats();
    private boolean checked;

    Accounting(StressConfig config, Kernel kernel, Worker[] workers, RunControl ctl, long salt) {
        this.config = config;
        this.kernel = kernel;
        this.workers = workers;
        this.ctl = ctl;
        this.salt = salt;
    }

    /** Empties every pipe and file into the checks (engine thread, no worker running). */
    void drain(Task parent, Topology topo, Queue<RunBatch> queue, SerialTracker tracker) {
        RunLog log = new RunLog(queue, tracker::alive);
        ChunkChecker checker = new ChunkChecker(salt, workers.length, workers.length, topo.orderKeys(), log, drained);
        Task t = kernel.cloneTask(parent, true);
        new Drainer(kernel, t, topo, drained, checker, msg -> {
            drained.unexpectedErrors++;
            ctl.sample(msg);
        }).drain();
        log.flush();
        checked = true;
    }

    StressReport report(SerialTracker tracker, double seconds, double cpuSeconds, long sleeps) {
        TaskStats total = new TaskStats();
        long ops = 0;
        long digest = 0x452821E638D01377L;
        for (Worker w : workers) {
            ops += w.context().stats.opsDone();
            digest = (digest ^ w.ops().digest()) * 0x9E3779B97F4A7C15L + 1;
            if (w.finished()) {
                total.add(w.context().stats);
            }
        }
        total.add(drained);
        long lost = 0;
        long duplicated = 0;
        long voided = 0;
        if (checked && tracker.failure() != null) {
            total.unexpectedErrors++;
            ctl.sample("the tracker failed, the exactly-once check is incomplete: " + tracker.failure());
        }
        if (checked) {
            long[] allocated = new long[workers.length];
            for (int i = 0; i < workers.length; i++) {
                allocated[i] = workers[i].context().data.allocated();
            }
            lost = tracker.lostUnits(allocated) * UnitCodec.UNIT;
            duplicated = tracker.duplicatedUnits(allocated) * UnitCodec.UNIT;
            voided = tracker.voidedUnits() * UnitCodec.UNIT;
            long tee = total.bytesTeed - total.bytesMirrorRead;
            long lane = total.laneWritten - total.laneRead - total.laneDiscarded;
            lost += Math.max(0, tee) + Math.max(0, lane);
            duplicated += Math.max(0, -tee) + Math.max(0, -lane);
        }
        Map<String, Long> mix = new HashMap<>();
        for (OpKind k : OpKind.values()) {
            mix.put(k.name().toLowerCase(Locale.ROOT), total.byKind[k.ordinal()]);
        }
        Map<String, Long> expected = Map.of("EAGAIN", total.eagain, "EPIPE", total.epipe, "EOF", total.eof,
                "ERESTARTSYS", total.interrupted, "EBUSY", total.ebusy, "skipped", total.skipped);
        List<String> deadlocks = ctl.deadlock() == null ? List.of() : List.of(ctl.deadlock());
        long opsPerSecond = seconds > 0 ? Math.round(ops / seconds) : 0;
        return new StressReport(kernel.release(), config.threads(), config.pipes(), config.seed(), seconds, cpuSeconds, ops, opsPerSecond, sleeps,
                total.bytesWritten + total.laneWritten, total.bytesRead + total.laneRead, total.bytesTeed, total.bytesMirrorRead,
                total.laneDiscarded, total.bytesSpliced, voided, lost, duplicated, total.tornRecords, total.corruptUnits,
                total.orderViolations, deadlocks.size(), total.unexpectedErrors, checked, mix, String.format("%016x", digest),
                expected, deadlocks, new ArrayList<>(ctl.samples()));
    }
}
