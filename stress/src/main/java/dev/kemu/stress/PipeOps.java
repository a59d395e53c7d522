package dev.kemu.stress;

import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.UserBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The operations that put records into pipes or take bytes out to user memory: write(2),
 * vmsplice in both directions and read(2), for W, S and mirror pipes and for lanes.
 *
 * <p>A call drawn non-blocking (and every call of the pump, and every call once the run is
 * ending) cannot use read(2) or write(2) on a pipe file without O_NONBLOCK: it reads with
 * vmsplice and SPLICE_F_NONBLOCK instead (a copy into user memory, like readv), writes lane
 * records with vmsplice and SPLICE_F_NONBLOCK, and writes W records into the neighbouring
 * O_NONBLOCK W pipe. Drawn blocking, read(2) and write(2) on such a file sleep when they must.
 */
final class PipeOps {
    private final TaskContext c;

    PipeOps(TaskContext c) {
        this.c = c;
    }

    /**
     * write(2) of the drawn records into W pipe {@code op.a()}; a call that must not block
     * writes into the O_NONBLOCK W pipe next to a blocking one instead (W pipes with even
     * indices are O_NONBLOCK). The pump still reaches the blocking ones through its vmsplice
     * operations, which is what keeps their readers wakeable.
     */
    void write(Op op) {
        Ends p = c.topo.w[op.a()];
        if (!p.nonblock() && c.nonblocking(op)) {
            p = c.topo.w[op.a() & ~1];
        }
        writeRecords(op, p, c.data, true);
    }

    /** write(2) into a lane (records of at most PIPE_BUF in all). */
    void laneWrite(Op op, Ends p) {
        if (!p.nonblock() && c.nonblocking(op)) {
            vmspliceRecords(op, p, c.lane, false, true, true);
            return;
        }
        writeRecords(op, p, c.lane, false);
    }

    private void writeRecords(Op op, Ends p, RecordSource src, boolean tracked) {
        int bytes = op.writeBytes();
        boolean atomic = bytes <= TaskContext.PIPE_BUF;
        long first = src.fillWrite(c.wbuf, op, atomic ? UnitCodec.ATOMIC : 0);
        long units = bytes / UnitCodec.UNIT;
        long r = c.kernel.write(c.task, p.wfd(), c.wbuf, bytes);
        if (r == bytes) {
            written(tracked, r);
            return;
        }
        if (r < 0) {
            c.failed(r, op, p.nonblock(), !tracked);
            src.rewind(first);
            return;
        }
        if (atomic || r % UnitCodec.UNIT != 0) {
            // PIPE_BUF atomicity broken, or a unit split.
            c.stats.tornRecords++;
        } else if (r == 0 || !(p.nonblock() || c.ctl.signalsSent())) {
            c.unexpected(op, "wrote " + r + " of " + bytes + " bytes");
        }
        long delivered = r / UnitCodec.UNIT;
        written(tracked, delivered * UnitCodec.UNIT);
        voided(tracked, src, first + delivered, units - delivered);
    }

    /** vmsplice of the drawn records into W pipe {@code op.a()}, from fresh user memory. */
    void vmsplice(Op op) {
        vmspliceRecords(op, c.topo.w[op.a()], c.data, true, false, false);
    }

    /**
     * vmsplice of records in fresh user memory (the pipe will reference those pages, so they are
     * never written again). Records that fit in one page together go in one vector, which
     * becomes one pipe slot; otherwise each record gets its own page range and vector, so a
     * short vmsplice still ends between records.
     *
     * @param asWrite take the record sizes of a write, at page offset 0, rather than a vmsplice's
     */
    private void vmspliceRecords(Op op, Ends p, RecordSource src, boolean tracked, boolean lane, boolean asWrite) {
        int n = op.records();
        int start = asWrite ? 0 : op.vmspliceOffset(0);
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += (asWrite ? op.writeUnits(i) : op.vmspliceUnits(i)) * UnitCodec.UNIT;
        }
        List<Iovec> iov;
        long first = src.allocated();
        long units = total / UnitCodec.UNIT;
        if (start + total <= Page.SIZE) {
            UserBuffer b = UserBuffer.allocate(start, total);
            int pos = 0;
            for (int i = 0; i < n; i++) {
                int u = asWrite ? op.writeUnits(i) : op.vmspliceUnits(i);
                src.fillRecord(b, pos, u, UnitCodec.ATOMIC);
                pos += u * UnitCodec.UNIT;
            }
            iov = List.of(new Iovec(b, total));
        } else {
            iov = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int u = asWrite ? op.writeUnits(i) : op.vmspliceUnits(i);
                UserBuffer b = UserBuffer.allocate(asWrite ? 0 : op.vmspliceOffset(i), u * UnitCodec.UNIT);
                src.fillRecord(b, 0, u, UnitCodec.ATOMIC);
                iov.add(new Iovec(b, b.length()));
            }
        }
        boolean nb = c.nonblocking(op);
        long r = c.kernel.vmsplice(c.task, p.wfd(), iov, c.spliceFlags(nb));
        if (r < 0) {
            c.failed(r, op, nb, lane);
            src.rewind(first);
            return;
        }
        long whole = 0;
        for (Iovec v : iov) {
            if (whole + v.len() > r) {
                break;
            }
            whole += v.len();
        }
        if (whole != r) {
            c.stats.tornRecords++;
        }
        if (r == 0) {
            c.unexpected(op, "vmsplice moved nothing");
        }
        long delivered = r / UnitCodec.UNIT;
        written(tracked, delivered * UnitCodec.UNIT);
        voided(tracked, src, first + delivered, units - delivered);
    }

    private void written(boolean tracked, long bytes) {
        if (tracked) {
            c.stats.bytesWritten += bytes;
        } else {
            c.stats.laneWritten += bytes;
        }
    }

    private void voided(boolean tracked, RecordSource src, long first, long units) {
        if (tracked) {
            c.log.voided(src.stream(), first, units);
        }
    }

    /**
     * read(2) (or, for a task that must not block on a blocking pipe, vmsplice to user memory)
     * of up to {@code len} bytes, then the checks of the pipe's kind.
     */
    void read(Op op, Ends p, ChunkChecker.Kind kind, int orderKey, int len, boolean viaVmsplice) {
        boolean nb = c.nonblocking(op);
        boolean vm = viaVmsplice || (!p.nonblock() && nb);
        long r = vm
                ? c.kernel.vmsplice(c.task, p.rfd(), List.of(new Iovec(c.rbuf, len)), c.spliceFlags(nb || !viaVmsplice))
                : c.kernel.read(c.task, p.rfd(), c.rbuf, len);
        if (r < 0) {
            c.failed(r, op, p.nonblock() || (vm && (nb || !viaVmsplice)), false);
            return;
        }
        if (r == 0) {
            if (kind == ChunkChecker.Kind.LANE) {
                c.stats.eof++;
            } else {
                c.unexpected(op, "read 0 bytes (EOF) from a pipe that always has writers");
            }
            return;
        }
        if (r > len) {
            c.unexpected(op, "read " + r + " bytes, more than the " + len + " asked for");
            return;
        }
        c.checker.check(c.rbuf, (int) r, kind, orderKey);
        switch (kind) {
            case MIRROR -> c.stats.bytesMirrorRead += r;
            case LANE -> c.stats.laneRead += r;
            default -> c.stats.bytesRead += r;
        }
    }
}
