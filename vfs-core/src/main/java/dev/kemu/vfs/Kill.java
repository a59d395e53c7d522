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
 * ({@code check_kill_permission}'s EPERM) are not made: tasks are root. kill reaches a process
 * group with pid 0 (the caller's) and below -1, and every process but init and the caller's with
 * -1 ({@link ProcessGroups}). Real-time signals (32..64), which are valid numbers, are not
 * modelled: {@link Net#NOT_MODELLED}.
 */
final class Kill {
    private Kill() {
    }

    /**
     * {@code kill(pid, sig)}: a process (pid &gt; 0; ESRCH for none, then EINVAL for a bad signal,
     * 0 probes); the caller's process group (0); every process but init and the caller's own
     * (-1); process group {@code -pid} (below -1).
     */
    static long kill(Task t, int pid, int sig) {
        if (pid == Integer.MIN_VALUE) {
            return Errno.ESRCH.neg(); // -INT_MIN is not defined
        }
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            if (pid > 0) {
                Task p = tl.findLocked(pid);
                if (p == null) {
                    return Errno.ESRCH.neg();
                }
                return sendChecked(p, sig, true);
            }
            if (pid != -1) {
                return killPgrpLocked(tl, pid == 0 ? t.signal().pgrpLocked() : -pid, sig);
            }
            return killAllLocked(tl, t, sig);
        } finally {
            tl.lock().unlock();
        }
    }

    /**
     * {@code __kill_pgrp_info}: the signal to every process of group {@code pgrp}. ESRCH when
     * the group is empty; 0 when one process got it, else the last process's error.
     */
    private static long killPgrpLocked(TaskList tl, int pgrp, int sig) {
        long ret = Errno.ESRCH.neg();
        for (Task p : tl.pgrpLocked(pgrp)) {
            long err = sendChecked(p, sig, true);
            if (ret != 0) {
                ret = err;
            }
        }
        return ret;
    }

    /**
     * {@code kill_something_info}'s pid -1: every process whose id is above 1 and that is not
     * the caller's. ESRCH when there is none; else the last error that is not EPERM, or 0.
     */
    private static long killAllLocked(TaskList tl, Task t, int sig) {
        long ret = 0;
        int count = 0;
        for (Task p : tl.processesLocked()) {
            if (p.tgid() > TaskList.INIT_PID && p.signal() != t.signal()) {
                long err = sendChecked(p, sig, true);
                count++;
                if (err != Errno.EPERM.neg()) {
                    ret = err;
                }
            }
        }
        return count > 0 ? ret : Errno.ESRCH.neg();
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
