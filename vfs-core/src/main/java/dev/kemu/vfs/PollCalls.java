package dev.kemu.vfs;

import java.util.List;

/**
 * poll and ppoll ({@code fs/select.c:do_sys_poll()}, {@code do_poll()}, {@code do_pollfd()},
 * {@code sys_poll()}, {@code sys_ppoll()}; {@code include/linux/poll.h:vfs_poll()}).
 *
 * <p>Each descriptor's file answers through its {@code poll} method (pipes and FIFOs
 * {@code pipe_poll}, sockets {@code unix_poll}/{@code unix_dgram_poll}; files without one,
 * regular files, directories, {@code /dev/null} and the other memory devices, are always readable
 * and writable). The first pass registers the files' wait queues; with nothing ready the task
 * sleeps until one of them is woken and looks again, or a signal ends the wait (ERESTARTNOHAND;
 * ERESTART_RESTARTBLOCK for poll with a timeout).
 *
 * <p>Time is outside the model: a zero timeout returns at once, and so does a positive one when
 * nothing is ready, as if it had expired (0). A trace that shows a timed poll returning an event
 * some other task made ready later is therefore not reproduced; only an infinite timeout sleeps.
 */
final class PollCalls {
    private PollCalls() {
    }

    /**
     * {@code do_sys_poll}: EINVAL for more descriptors than RLIMIT_NOFILE allows, EFAULT for an
     * array the kernel cannot read ({@code fds} null with {@code nfds > 0}), then {@code do_poll}.
     *
     * @param timeoutMs negative for none, 0 to return at once, positive: see the class comment
     * @param restartBlock whether an interrupted call answers ERESTART_RESTARTBLOCK (poll with a timeout)
     */
    static PollResult poll(Task task, List<PollFd> fds, long nfds, long timeoutMs, boolean restartBlock) {
        if (Long.compareUnsigned(nfds, task.rlimits().get(Rlimits.RLIMIT_NOFILE).cur()) > 0) {
            return new PollResult(Errno.EINVAL.neg(), null);
        }
        if (nfds > 0 && (fds == null || fds.size() < nfds)) {
            return new PollResult(Errno.EFAULT.neg(), null);
        }
        int n = (int) nfds;
        int[] revents = new int[n];
        PollTable pt = new PollTable();
        try {
            for (;;) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    revents[i] = doPollfd(task, fds.get(i), pt);
                    if (revents[i] != 0) {
                        count++;
                        pt.stopRegistering();
                    }
                }
                pt.stopRegistering();
                if (count > 0) {
                    return new PollResult(count, revents);
                }
                if (task.signalPending()) {
                    return new PollResult((restartBlock ? Errno.ERESTART_RESTARTBLOCK : Errno.ERESTARTNOHAND).neg(), null);
                }
                if (timeoutMs >= 0) {
                    return new PollResult(0, revents);
                }
                if (!pt.schedule(task)) {
                    return new PollResult((restartBlock ? Errno.ERESTART_RESTARTBLOCK : Errno.ERESTARTNOHAND).neg(), null);
                }
            }
        } finally {
            pt.freewait();
        }
    }

    /**
     * {@code sys_ppoll}: EINVAL for a timeout that is not a valid timespec (negative seconds,
     * nanoseconds outside {@code [0, 1e9)}) before anything else; null is no timeout. The signal
     * mask it installs is outside the model.
     */
    static PollResult ppoll(Task task, List<PollFd> fds, long nfds, Timespec timeout) {
        if (timeout != null && (timeout.sec() < 0 || timeout.nsec() < 0 || timeout.nsec() >= 1_000_000_000L)) {
            return new PollResult(Errno.EINVAL.neg(), null);
        }
        long ms = timeout == null ? -1 : (timeout.sec() == 0 && timeout.nsec() == 0 ? 0 : 1);
        return poll(task, fds, nfds, ms, false);
    }

    /** {@code do_pollfd}: 0 for a negative descriptor, POLLNVAL for a closed one, else the file's events within those asked (plus POLLERR and POLLHUP). */
    private static int doPollfd(Task task, PollFd pfd, PollTable pt) {
        if (pfd.fd() < 0) {
            return 0;
        }
        File f = FdCalls.fdget(task, pfd.fd());
        if (f == null) {
            return PollTable.POLLNVAL;
        }
        try {
            int filter = (pfd.events() & 0xffff) | PollTable.POLLERR | PollTable.POLLHUP;
            pt.setKey(filter);
            return f.fop().poll(f, pt) & filter;
        } finally {
            f.put();
        }
    }
}
