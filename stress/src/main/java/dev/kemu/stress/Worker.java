package dev.kemu.stress;

import java.util.concurrent.CountDownLatch;

/**
 * One emulated task's thread: draws operations from its {@link OpStream} and runs them until the
 * run stops or its quota is done. Every result is classified where it happens; every byte read
 * is checked before the next operation.
 */
final class Worker implements Runnable {
    private final TaskContext c;
    private final OpStream ops;
    private final long quota;
    private final CountDownLatch start;
    private final PipeOps pipes;
    private final MoveOps moves;
    private final LaneOps lanes;
    private volatile boolean finished;

    Worker(TaskContext c, OpStream ops, long quota, CountDownLatch start) {
        this.c = c;
        this.ops = ops;
        this.quota = quota;
        this.start = start;
        this.pipes = new PipeOps(c);
        this.moves = new MoveOps(c);
        this.lanes = new LaneOps(c, pipes);
    }

    @Override
    public void run() {
        try {
            start.await();
            while (!c.ctl.stop() && (quota == 0 || c.stats.ops < quota)) {
                Op op = ops.next();
                c.stats.byKind[op.kind().ordinal()]++;
                try {
                    execute(op);
                } catch (RuntimeException | Error e) {
                    c.exception(op, e);
                }
                c.stats.done();
                if ((c.stats.ops & 0xFFFF) == 0) {
                    // The task logs every signal delivered to it (SIGPIPE, SIGTERM); nobody reads it here.
                    c.task.takeRaisedSignals();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            c.log.flush();
            finished = true;
            c.ctl.changed();
        }
    }

    private void execute(Op op) {
        Topology t = c.topo;
        switch (op.kind()) {
            case WRITE -> pipes.write(op);
            case READ_W -> pipes.read(op, t.w[op.a()], ChunkChecker.Kind.STRICT, op.a(), op.len(), false);
            case READ_S -> pipes.read(op, t.s[op.a()], ChunkChecker.Kind.TOLERANT, 0, op.len(), false);
            case READ_MIRROR -> pipes.read(op, t.mirrors[op.a()], ChunkChecker.Kind.MIRROR, 0, op.len(), false);
            case SPLICE_W_S -> moves.spliceWToS(op);
            case SPLICE_S_S -> moves.spliceSToS(op);
            case TEE -> moves.tee(op);
            case SPLICE_TO_FILE -> moves.spliceToFile(op);
            case SPLICE_FROM_FILE -> moves.spliceFromFile(op);
            case VMSPLICE -> pipes.vmsplice(op);
            case VMSPLICE_READ -> pipes.read(op, t.source(op.a()),
                    t.sourceIsW(op.a()) ? ChunkChecker.Kind.STRICT : ChunkChecker.Kind.TOLERANT, op.a(), op.len(), true);
            case SET_PIPE_SIZE -> moves.setPipeSize(op);
            case LANE_WRITE -> lanes.write(op);
            case LANE_READ -> lanes.read(op);
            case LANE_CLOSE_READ -> lanes.close(op, true);
            case LANE_CLOSE_WRITE -> lanes.close(op, false);
            case LANE_REOPEN -> lanes.reopen(op);
        }
    }

    boolean finished() {
        return finished;
    }

    TaskContext context() {
        return c;
    }

    OpStream ops() {
        return ops;
    }
}
