package dev.kemu.vfs;

import java.util.BitSet;

/**
 * select and pselect6 ({@code fs/select.c:core_sys_select()}, {@code do_select()},
 * {@code max_select_fd()}, {@code poll_select_set_timeout()}): each descriptor with a bit in any
 * set is asked through its file's {@code poll} for {@code POLLIN_SET} (readable: POLLIN,
 * POLLRDNORM, POLLRDBAND, POLLHUP, POLLERR), {@code POLLOUT_SET} (writable: POLLOUT, POLLWRNORM,
 * POLLWRBAND, POLLERR) and {@code POLLEX_SET} (POLLPRI), and every bit that holds counts once.
 *
 * <p>Errors: EINVAL for a negative {@code n} or an invalid timeout; EBADF for a set bit naming a
 * closed descriptor; ERESTARTNOHAND for a signal while nothing is ready. {@code n} is cut to the
 * descriptor table's size ({@code fdt->max_fds}: 64 until a higher descriptor is used), so bits
 * above it are ignored, not EBADF. Time is outside the model, as for poll: a positive timeout with
 * nothing ready returns 0 at once.
 */
final class SelectCalls {
    private SelectCalls() {
    }

    private static final int POLLIN_SET = PollTable.POLLRDNORM | PollTable.POLLRDBAND | PollTable.POLLIN
            | PollTable.POLLHUP | PollTable.POLLERR;
    private static final int POLLOUT_SET = PollTable.POLLWRBAND | PollTable.POLLWRNORM | PollTable.POLLOUT
            | PollTable.POLLERR;
    private static final int POLLEX_SET = PollTable.POLLPRI;

    /**
     * @param in the read set, or null (NULL)
     * @param timeout null waits; a zero timeout polls once
     */
    static SelectResult select(Task task, int n, BitSet in, BitSet out, BitSet ex, Timespec timeout) {
        if (timeout != null && (timeout.sec() < 0 || timeout.nsec() < 0 || timeout.nsec() >= 1_000_000_000L)) {
            return SelectResult.error(Errno.EINVAL.neg());
        }
        if (n < 0) {
            return SelectResult.error(Errno.EINVAL.neg());
        }
        n = Math.min(n, task.files().maxFds());
        BitSet all = new BitSet();
        for (BitSet s : new BitSet[] {in, out, ex}) {
            if (s != null) {
                all.or(s.get(0, n));
            }
        }
        for (int fd = all.nextSetBit(0); fd >= 0; fd = all.nextSetBit(fd + 1)) {
            if (task.files().peek(fd) == null) {
                return SelectResult.error(Errno.EBADF.neg());
            }
        }
        PollTable pt = new PollTable();
        try {
            for (;;) {
                BitSet rin = new BitSet();
                BitSet rout = new BitSet();
                BitSet rex = new BitSet();
                int count = 0;
                for (int fd = all.nextSetBit(0); fd >= 0; fd = all.nextSetBit(fd + 1)) {
                    File f = FdCalls.fdget(task, fd);
                    if (f == null) {
                        continue;
                    }
                    try {
                        boolean wantIn = in != null && in.get(fd);
                        boolean wantOut = out != null && out.get(fd);
                        boolean wantEx = ex != null && ex.get(fd);
                        pt.setKey(POLLEX_SET | (wantIn ? POLLIN_SET : 0) | (wantOut ? POLLOUT_SET : 0));
                        int mask = f.fop().poll(f, pt);
                        if (wantIn && (mask & POLLIN_SET) != 0) {
                            rin.set(fd);
                            count++;
                            pt.stopRegistering();
                        }
                        if (wantOut && (mask & POLLOUT_SET) != 0) {
                            rout.set(fd);
                            count++;
                            pt.stopRegistering();
                        }
                        if (wantEx && (mask & POLLEX_SET) != 0) {
                            rex.set(fd);
                            count++;
                            pt.stopRegistering();
                        }
                    } finally {
                        f.put();
                    }
                }
                pt.stopRegistering();
                if (count > 0) {
                    return result(count, in, out, ex, rin, rout, rex);
                }
                if (task.signalPending()) {
                    return SelectResult.error(Errno.ERESTARTNOHAND.neg());
                }
                if (timeout != null || !pt.schedule(task)) {
                    return timeout != null ? result(0, in, out, ex, rin, rout, rex) : SelectResult.error(Errno.ERESTARTNOHAND.neg());
                }
            }
        } finally {
            pt.freewait();
        }
    }

    private static SelectResult result(int count, BitSet in, BitSet out, BitSet ex, BitSet rin, BitSet rout, BitSet rex) {
        return new SelectResult(count, in == null ? null : rin, out == null ? null : rout, ex == null ? null : rex);
    }
}
