package dev.kemu.vfs;

/**
 * kill, tkill and tgkill ({@code kernel/signal.c:kill_something_info()}, {@code do_tkill()},
 * {@code do_send_specific()}, {@code __send_signal_locked()}, {@code prepare_signal()},
 * {@code complete_signal()}).
 *
 * <p>Ids are the model's thread ids and thread group ids. A signal whose disposition discards
 * it ({@code sig_ignored}: SIG_IGN, or SIG_DFL for SIGCHLD, SIGURG, SIGWINCH and SIGCONT) is
 * dropped when sent; otherwise it is marked pending on the target thread (for kill, the thread
 * with that id if it is alive, else a live thread of its group) and a sleeping syscall of that
 * thread returns ERESTARTSYS. Whether the signal kills is user space's (the default action):
 * the caller ends the group with {@link ProcessSyscalls#killedBy}. Permission checks
 * ({@code check_kill_permission}'s EPERM) are not made: tasks are root. Process groups
 * (pid 0, -1, below -1) are not modelled: {@link Net#NOT_MODELLED}; so are real-time signals
 * (32..64), which are valid numbers.
 */
final class Kill {
    private Kill() {
    }

    /** {@code kill(pid, sig)}: ESRCH for no such task, then EINVAL for a bad signal; 0 probes. */
    static long kill(Task t, int pid, int sig) {
        if (pid > 0) {
            TaskList tl = t.vfs().taskList();
            tl.lock().lock();
            try {
                Task p = tl.findLocked(pid);
                if (p == null) {
                    return Errno.ESRCH.neg();
                }
                return sendChecked(p, sig, true);
            } finally {
                tl.lock().unlock();
            }
        }
        if (pid == Integer.MIN_VALUE) {
            return Errno.ESRCH.neg(); // -INT_MIN is not defined
        }
        return Net.NOT_MODELLED;
    }

    /** {@code tkill(tid, sig)}. */
    static long tkill(Task t, int tid, int sig) {
        if (tid <= 0) {
            return Errno.EINVAL.neg();
        }
        return sendSpecific(t, 0, tid, sig);
    }

    /** {@code tgkill(tgid, tid, sig)}: ESRCH unless thread {@code tid} belongs to group {@code tgid}. */
    static long tgkill(Task t, int tgid, int tid, int sig) {
        if (tid <= 0 || tgid <= 0) {
            return Errno.EINVAL.neg();
        }
        return sendSpecific(t, tgid, tid, sig);
    }

    private static long sendSpecific(Task t, int tgid, int tid, int sig) {
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            Task p = tl.findLocked(tid);
            if (p == null || (tgid > 0 && p.tgid() != tgid)) {
                return Errno.ESRCH.neg();
            }
            return sendChecked(p, sig, false);
        } finally {
            tl.lock().unlock();
        }
    }

    private static long sendChecked(Task p, int sig, boolean group) {
        if (!Signal.valid(sig)) {
            return Errno.EINVAL.neg();
        }
        if (sig == 0) {
            return 0;
        }
        Signal s = Signal.of(sig);
        if (s == null) {
            return Net.NOT_MODELLED;
        }
        sendLocked(p, s, group);
        return 0;
    }

    /**
     * Delivers {@code sig} to {@code p} (its thread group when {@code group}): discarded when
     * ignored, else pending on a live thread, which is woken. A task that has exited gets
     * nothing. Called with the TaskList lock held.
     */
    static void sendLocked(Task p, Signal sig, boolean group) {
        if (p.sighand().discards(sig)) {
            return;
        }
        Task target = p.exitState() == ExitState.RUNNING ? p : null;
        if (target == null && group && !p.signal().liveLocked().isEmpty()) {
            target = p.signal().liveLocked().get(0);
        }
        if (target != null) {
            target.sendSignal(sig);
        }
    }
}
