package dev.kemu.stress;

import dev.kemu.kernel.Kernel;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import java.util.function.Consumer;

/**
 * The final drain, after every worker has returned: one more task empties every pipe (its read
 * ends set to O_NONBLOCK first) and reads what is left in the scratch files, with the same
 * checks as during the run. Runs on the engine thread; nothing else touches the pipes then.
 */
final class Drainer {
    private static final int CHUNK = 64 * 1024;

    private final Kernel kernel;
    private final Task task;
    private final Topology topo;
    private final TaskStats stats;
    private final ChunkChecker checker;
    private final Consumer<String> unexpected;
    private final UserBuffer buf = UserBuffer.allocate(CHUNK);

    Drainer(Kernel kernel, Task task, Topology topo, TaskStats stats, ChunkChecker checker, Consumer<String> unexpected) {
        this.kernel = kernel;
        this.task = task;
        this.topo = topo;
        this.stats = stats;
        this.checker = checker;
        this.unexpected = unexpected;
    }

    void drain() {
        for (int i = 0; i < topo.w.length; i++) {
            pipe(topo.w[i], ChunkChecker.Kind.STRICT, i);
        }
        for (Ends e : topo.s) {
            pipe(e, ChunkChecker.Kind.TOLERANT, 0);
        }
        for (Ends e : topo.mirrors) {
            pipe(e, ChunkChecker.Kind.MIRROR, 0);
        }
        for (Lane lane : topo.lanes) {
            if (lane.readOpen()) {
                int key = topo.laneOrderKey(lane.index());
                checker.resetOrder(key);
                pipe(lane.current().ends(), ChunkChecker.Kind.LANE, key);
            }
        }
        for (ScratchFile f : topo.files) {
            for (long[] ext : f.extents()) {
                file(f, ext[0], ext[1]);
            }
        }
    }

    private void pipe(Ends e, ChunkChecker.Kind kind, int orderKey) {
        long fl = kernel.fcntl(task, e.rfd(), Fcntl.F_GETFL, 0);
        if (fl < 0 || kernel.fcntl(task, e.rfd(), Fcntl.F_SETFL, fl | Fcntl.O_NONBLOCK) != 0) {
            unexpected.accept("drain: cannot make fd " + e.rfd() + " non-blocking: " + fl);
            return;
        }
        for (;;) {
            long r = kernel.read(task, e.rfd(), buf, CHUNK);
            if (r == Errno.EAGAIN.neg() || (r == 0 && kind == ChunkChecker.Kind.LANE)) {
                return;
            }
            if (r <= 0) {
                unexpected.accept("drain: read of " + e.pipe() + " returned " + r);
                return;
            }
            checker.check(buf, (int) r, kind, orderKey);
            switch (kind) {
                case MIRROR -> stats.bytesMirrorRead += r;
                case LANE -> stats.laneRead += r;
                default -> stats.bytesRead += r;
            }
        }
    }

    private void file(ScratchFile f, long from, long to) {
        for (long pos = from; pos < to;) {
            int n = (int) Math.min(CHUNK, to - pos);
            long r = kernel.pread64(task, f.fd, buf, n, pos);
            if (r != n) {
                unexpected.accept("drain: pread64 of " + f.path + " at " + pos + " returned " + r + ", expected " + n);
                return;
            }
            checker.check(buf, n, ChunkChecker.Kind.TOLERANT, 0);
            stats.bytesRead += n;
            pos += n;
        }
    }
}
