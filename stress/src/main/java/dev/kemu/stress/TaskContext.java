package dev.kemu.stress;

import dev.kemu.kernel.Kernel;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Everything one worker owns: its task, its record streams, user buffers, checker and
 * counters, and the rule that tells an expected errno from an unexpected one. Confined to the
 * worker's thread.
 *
 * <p>Expected results: EAGAIN from a call that was non-blocking (SPLICE_F_NONBLOCK, or a pipe
 * file with O_NONBLOCK); ERESTARTSYS once the engine has started signalling; EPIPE from a lane
 * whose read end was closed; EBUSY from F_SETPIPE_SZ below what is queued; 0 from a lane read
 * (EOF) or from tee (the input emptied or the output filled between the waits and the linking,
 * as in the kernel). Anything else, and any exception out of a syscall, is unexpected.
 */
final class TaskContext {
    static final int PIPE_BUF = 4096;
    static final int SPLICE_F_NONBLOCK = 2;

    final int index;
    final Task task;
    final Kernel kernel;
    final Topology topo;
    final RunControl ctl;
    final TaskStats stats = new TaskStats();
    final RunLog log;
    final ChunkChecker checker;
    final RecordSource data;
    final RecordSource lane;
    final UserBuffer wbuf = UserBuffer.allocate(6 * PIPE_BUF);
    final UserBuffer rbuf = UserBuffer.allocate(64 * 1024);
    final int[] laneGenSeen;
    final boolean pump;

    TaskContext(int index, Task task, Kernel kernel, Topology topo, RunControl ctl, RunLog log, long salt, int tasks) {
        this.index = index;
        this.task = task;
        this.kernel = kernel;
        this.topo = topo;
        this.ctl = ctl;
        this.log = log;
        this.checker = new ChunkChecker(salt, tasks, tasks, topo.orderKeys(), log, stats);
        this.data = new RecordSource(index, salt);
        this.lane = new RecordSource(tasks + index, salt);
        this.laneGenSeen = new int[topo.lanes.length];
        this.pump = index == 0;
    }

    /**
     * Whether this call must not sleep: the drawn variant, except that task 0 (the pump) and
     * every task once the run is ending never make blocking calls.
     */
    boolean nonblocking(Op op) {
        return pump || ctl.ending() || !op.blocking();
    }

    int spliceFlags(boolean nonblocking) {
        return nonblocking ? SPLICE_F_NONBLOCK : 0;
    }

    /** Classifies a negative result. */
    void failed(long ret, Op op, boolean nonblockingCall, boolean epipeExpected) {
        Errno e = Errno.of(ret);
        if (e == Errno.EAGAIN && nonblockingCall) {
            stats.eagain++;
            return;
        }
        if (e == Errno.ERESTARTSYS && ctl.signalsSent()) {
            stats.interrupted++;
            return;
        }
        if (e == Errno.EPIPE && epipeExpected) {
            stats.epipe++;
            return;
        }
        unexpected(op, "returned " + (e == null ? Long.toString(ret) : "-" + e.name()));
    }

    void unexpected(Op op, String what) {
        stats.unexpectedErrors++;
        ctl.sample("task " + index + ": " + op + " " + what);
    }

    void exception(Op op, Throwable t) {
        stats.unexpectedErrors++;
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        ctl.sample("task " + index + ": " + op + " threw " + sw);
    }
}
