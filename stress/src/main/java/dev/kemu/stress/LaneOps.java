package dev.kemu.stress;

/**
 * The lane operations: write, read, closing either end, and a new pipe once both are closed.
 * Bytes that are in a lane when its read end closes are gone with it; they are counted as
 * discarded right after the close, when no write can succeed any more (no readers: EPIPE) and
 * nothing can read them, so the count cannot move.
 */
final class LaneOps {
    private final TaskContext c;
    private final PipeOps pipes;

    LaneOps(TaskContext c, PipeOps pipes) {
        this.c = c;
        this.pipes = pipes;
    }

    void write(Op op) {
        Lane lane = c.topo.lanes[op.a()];
        Lane.Gen gen = lane.acquire(false);
        if (gen == null) {
            c.stats.skipped++;
            return;
        }
        try {
            pipes.laneWrite(op, gen.ends());
        } finally {
            lane.release(false);
        }
    }

    void read(Op op) {
        Lane lane = c.topo.lanes[op.a()];
        Lane.Gen gen = lane.acquire(true);
        if (gen == null) {
            c.stats.skipped++;
            return;
        }
        try {
            int key = c.topo.laneOrderKey(op.a());
            if (c.laneGenSeen[op.a()] != gen.number()) {
                c.checker.resetOrder(key);
                c.laneGenSeen[op.a()] = gen.number();
            }
            pipes.read(op, gen.ends(), ChunkChecker.Kind.LANE, key, op.len(), false);
        } finally {
            lane.release(true);
        }
    }

    void close(Op op, boolean readEnd) {
        Lane lane = c.topo.lanes[op.a()];
        Lane.Gen gen = lane.beginClose(readEnd);
        if (gen == null) {
            c.stats.skipped++;
            return;
        }
        try {
            long r = c.kernel.close(c.task, readEnd ? gen.ends().rfd() : gen.ends().wfd());
            if (r != 0) {
                c.unexpected(op, "close returned " + r);
            }
            if (readEnd) {
                c.stats.laneDiscarded += gen.ends().pipe().bytesQueued();
            }
        } finally {
            lane.closed(readEnd);
        }
    }

    void reopen(Op op) {
        Lane lane = c.topo.lanes[op.a()];
        Lane.Gen old = lane.beginReopen();
        if (old == null) {
            c.stats.skipped++;
            return;
        }
        int number = old.number() + 1;
        Ends fresh = c.topo.tryNewPipe(c.kernel, c.task, Lane.nonblockFor(lane.index(), number));
        if (fresh == null) {
            c.unexpected(op, "pipe2 failed");
            lane.abortReopen();
            return;
        }
        c.topo.forget(old.ends().pipe());
        lane.publish(new Lane.Gen(number, fresh));
    }
}
