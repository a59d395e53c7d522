package dev.kemu.stress;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one task did and found, in plain fields written only by its own thread and read by the
 * engine after the thread has been joined (the join orders them). The one exception is
 * {@link #opsDone}, which the watchdog and the progress bar read while the task runs: the owner
 * writes it with a release store, readers load it with acquire.
 */
final class TaskStats {
    private static final VarHandle OPS_DONE;

    static {
        try {
            OPS_DONE = MethodHandles.lookup().findVarHandle(TaskStats.class, "opsDone", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long[] byKind = new long[OpKind.values().length];
    long ops;
    @SuppressWarnings("unused")
    private long opsDone;

    long bytesWritten;
    long bytesRead;
    long bytesTeed;
    long bytesMirrorRead;
    long bytesSpliced;
    long laneWritten;
    long laneRead;
    long laneDiscarded;

    long tornRecords;
    long corruptUnits;
    long orderViolations;
    long unexpectedErrors;

    long eagain;
    long epipe;
    long eof;
    long interrupted;
    long ebusy;
    long skipped;

    /** Counts an operation as done and publishes the count (release). */
    void done() {
        ops++;
        OPS_DONE.setRelease(this, ops);
    }

    /** The operations done so far, from any thread (acquire). */
    long opsDone() {
        return (long) OPS_DONE.getAcquire(this);
    }

    /** Adds another task's counts (engine thread, after the joins). */
    void add(TaskStats o) {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] += o.byKind[i];
        }
        ops += o.ops;
        bytesWritten += o.bytesWritten;
        bytesRead += o.bytesRead;
        bytesTeed += o.bytesTeed;
        bytesMirrorRead += o.bytesMirrorRead;
        bytesSpliced += o.bytesSpliced;
        laneWritten += o.laneWritten;
        laneRead += o.laneRead;
        laneDiscarded += o.laneDiscarded;
        tornRecords += o.tornRecords;
        corruptUnits += o.corruptUnits;
        orderViolations += o.orderViolations;
        unexpectedErrors += o.unexpectedErrors;
        eagain += o.eagain;
        epipe += o.epipe;
        eof += o.eof;
        interrupted += o.interrupted;
        ebusy += o.ebusy;
        skipped += o.skipped;
    }
}
