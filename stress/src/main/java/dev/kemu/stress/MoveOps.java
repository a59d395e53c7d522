package dev.kemu.stress;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.UserLong;

/**
 * The operations that move data without user memory: splice between pipes (W to S, S to S in
 * both directions), tee into mirrors, splice into and out of the task's file, and F_SETPIPE_SZ.
 *
 * <p>Routing keeps 3.10's tee/splice aliasing (research §10.2) out of the mix: a partial
 * pipe-to-pipe splice leaves the input and output slots sharing a page, and on kernels before
 * 5.1 a later write(2) into the output would append inside that page and overwrite the input's
 * rest. Partial moves therefore only ever land in S pipes and mirrors, which never see
 * write(2), and nothing moves from an S pipe back into a W pipe.
 */
final class MoveOps {
    private final TaskContext c;

    MoveOps(TaskContext c) {
        this.c = c;
    }

    /** splice W → S. */
    void spliceWToS(Op op) {
        splicePipes(op, c.topo.w[op.a()], c.topo.s[op.b()]);
    }

    /** splice S → S (the pairs are drawn both ways round). */
    void spliceSToS(Op op) {
        splicePipes(op, c.topo.s[op.a()], c.topo.s[op.b()]);
    }

    private void splicePipes(Op op, Ends in, Ends out) {
        boolean nb = c.nonblocking(op);
        long r = c.kernel.splice(c.task, in.rfd(), null, out.wfd(), null, op.len(), c.spliceFlags(nb));
        if (r < 0) {
            c.failed(r, op, nb || in.nonblock() || out.nonblock(), false);
        } else if (r == 0) {
            c.unexpected(op, "spliced 0 bytes between pipes that always have writers");
        } else {
            moved(op, r);
        }
    }

    private void moved(Op op, long r) {
        c.stats.bytesSpliced += r;
        if (r % UnitCodec.UNIT != 0) {
            c.stats.tornRecords++;
        }
        if (r > op.len()) {
            c.unexpected(op, "moved " + r + " bytes, more than the " + op.len() + " asked for");
        }
    }

    /** tee from a W or S pipe into a mirror. */
    void tee(Op op) {
        Ends in = c.topo.source(op.a());
        Ends out = c.topo.mirrors[op.b()];
        boolean nb = c.nonblocking(op);
        long r = c.kernel.tee(c.task, in.rfd(), out.wfd(), op.len(), c.spliceFlags(nb));
        if (r < 0) {
            c.failed(r, op, nb || in.nonblock() || out.nonblock(), false);
        } else if (r > 0) {
            c.stats.bytesTeed += r;
            if (r % UnitCodec.UNIT != 0 || r > op.len()) {
                c.unexpected(op, "tee returned " + r);
            }
        }
    }

    /** splice from a W or S pipe into the task's file, at a fresh page. */
    void spliceToFile(Op op) {
        ScratchFile f = c.topo.files[c.index];
        if (!f.hasRoom()) {
            c.stats.skipped++;
            return;
        }
        Ends in = c.topo.source(op.a());
        boolean nb = c.nonblocking(op);
        long off = f.writeOffset();
        UserLong pos = UserLong.of(off);
        long r = c.kernel.splice(c.task, in.rfd(), null, f.fd, pos, op.len(), c.spliceFlags(nb));
        if (r < 0) {
            c.failed(r, op, nb || in.nonblock(), false);
            return;
        }
        if (r == 0) {
            c.unexpected(op, "spliced 0 bytes out of a pipe that always has writers");
            return;
        }
        if (pos.get() != off + r) {
            c.unexpected(op, "left *off_out at " + pos.get() + ", expected " + (off + r));
        }
        f.appended(off, r);
        moved(op, r);
    }

    /** splice the task's oldest file data into an S pipe. */
    void spliceFromFile(Op op) {
        ScratchFile f = c.topo.files[c.index];
        if (f.isEmpty()) {
            c.stats.skipped++;
            return;
        }
        Ends out = c.topo.s[op.b()];
        boolean nb = c.nonblocking(op);
        long off = f.headStart();
        long len = Math.min(op.len(), f.headLength());
        UserLong pos = UserLong.of(off);
        long r = c.kernel.splice(c.task, f.fd, pos, out.wfd(), null, len, c.spliceFlags(nb));
        if (r < 0) {
            c.failed(r, op, nb || out.nonblock(), false);
            return;
        }
        if (r == 0) {
            c.unexpected(op, "spliced 0 bytes from inside the file's data");
            return;
        }
        if (pos.get() != off + r) {
            c.unexpected(op, "left *off_in at " + pos.get() + ", expected " + (off + r));
        }
        f.consumed(r);
        moved(op, r);
        if (f.needsRotation()) {
            long t = c.kernel.ftruncate(c.task, f.fd, 0);
            if (t != 0) {
                c.unexpected(op, "ftruncate of the drained file returned " + t);
            }
            f.rotated();
        }
    }

    /** F_SETPIPE_SZ on a W, S or mirror pipe. */
    void setPipeSize(Op op) {
        Ends p = c.topo.permanent(op.a());
        long r = c.kernel.fcntl(c.task, p.wfd(), Fcntl.F_SETPIPE_SZ, op.len());
        if (r == Errno.EBUSY.neg()) {
            c.stats.ebusy++;
        } else if (r < op.len()) {
            c.unexpected(op, "F_SETPIPE_SZ returned " + r);
        }
    }
}
