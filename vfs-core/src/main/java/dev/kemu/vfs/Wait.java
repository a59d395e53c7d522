package dev.kemu.vfs;

/**
 * wait4 and waitid ({@code kernel/exit.c:kernel_wait4()}, {@code kernel_waitid()},
 * {@code do_wait()}, {@code eligible_child()}, {@code wait_task_zombie()}).
 *
 * <p>The children of every thread of the caller's group are considered (only the caller's with
 * __WNOTHREAD). A child whose exit signal is not SIGCHLD is a "clone" child, waited for only
 * with __WCLONE (and the others then not) or __WALL. A group leader whose threads still run is
 * not reported. Stopped and continued children are not modelled: WUNTRACED/WSTOPPED and
 * WCONTINUED never report. wait4's pid 0 and waitid's P_PGID with id 0 (from 5.4; EINVAL
 * before) are the children in the caller's process group, wait4's pid below -1 and P_PGID's id
 * those in that group (none when there is no such group: ECHILD); P_PIDFD answers
 * {@link Net#NOT_MODELLED}.
 *
 * <p>Errors: EINVAL for unknown options; ECHILD when no child matches; with WNOHANG 0 when the
 * matching children are all running; otherwise the caller sleeps until one exits, and a signal
 * ends the sleep with ERESTARTSYS.
 */
public final class Wait {
    public static final int WNOHANG = 0x1;
    public static final int WUNTRACED = 0x2;
    public static final int WSTOPPED = WUNTRACED;
    public static final int WEXITED = 0x4;
    public static final int WCONTINUED = 0x8;
    public static final int WNOWAIT = 0x01000000;
    public static final int __WNOTHREAD = 0x20000000;
    public static final int __WALL = 0x40000000;
    public static final int __WCLONE = 0x80000000;
    public static final int P_ALL = 0;
    public static final int P_PID = 1;
    public static final int P_PGID = 2;
    public static final int P_PIDFD = 3;

    private Wait() {
    }

    static WaitResult wait4(Task t, int pid, int options) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
            return new WaitResult(Errno.EINVAL.neg(), 0);
        }
        if (pid == Integer.MIN_VALUE) {
            return new WaitResult(Errno.ESRCH.neg(), 0); // -INT_MIN is not defined
        }
        WaitResult r = pid > 0 ? doWait(t, P_PID, pid, options | WEXITED)
                : pid == -1 ? doWait(t, P_ALL, 0, options | WEXITED)
                : doWait(t, P_PGID, -pid, options | WEXITED);
        return r.ret() > 0 ? new WaitResult(r.ret(), r.status()) : r;
    }

    /**
     * {@code waitid}: {@code status} is si_status (the exit code or the signal).
     *
     * @param v54 the 5.4 waitid: P_PIDFD, and P_PGID 0 for the caller's group
     */
    static WaitResult waitid(Task t, int idtype, int id, int options, boolean v54) {
        if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) != 0) {
            return new WaitResult(Errno.EINVAL.neg(), 0);
        }
        if ((options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
            return new WaitResult(Errno.EINVAL.neg(), 0);
        }
        switch (idtype) {
            case P_ALL -> id = 0;
            case P_PID -> {
                if (id <= 0) {
                    return new WaitResult(Errno.EINVAL.neg(), 0);
                }
            }
            case P_PGID -> {
                if (id < 0 || (id == 0 && !v54)) {
                    return new WaitResult(Errno.EINVAL.neg(), 0);
                }
            }
            case P_PIDFD -> {
                if (!v54) {
                    return new WaitResult(Errno.EINVAL.neg(), 0);
                }
                return new WaitResult(Net.NOT_MODELLED, 0);
            }
            default -> {
                return new WaitResult(Errno.EINVAL.neg(), 0);
            }
        }
        WaitResult r = doWait(t, idtype, id, options);
        if (r.ret() <= 0) {
            return new WaitResult(r.ret(), 0, 0, 0);
        }
        int word = r.status();
        int code = WaitResult.codeOf(word);
        int siStatus = code == WaitResult.CLD_EXITED ? (word >> 8) & 0xff : word & 0x7f;
        return new WaitResult(0, siStatus, (int) r.ret(), code);
    }

    /**
     * {@code do_wait} for the children {@code type} and {@code id} select (P_ALL; P_PID, a thread
     * group id; P_PGID, a process group id, 0 for the caller's): the child's id and status word,
     * 0 (WNOHANG), or a negated errno.
     */
    private static WaitResult doWait(Task t, int type, int id, int options) {
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            if (type == P_PGID && id == 0) {
                id = t.signal().pgrpLocked(); // get_task_pid(current, PIDTYPE_PGID), once
            }
            while (true) {
                boolean eligibleSeen = false;
                Iterable<Task> threads = (options & __WNOTHREAD) != 0 ? java.util.List.of(t)
                        : java.util.List.copyOf(t.signal().liveLocked());
                for (Task th : threads) {
                    for (Task c : java.util.List.copyOf(th.childrenLocked())) {
                        if (!eligible(c, type, id, options)) {
                            continue;
                        }
                        eligibleSeen = true;
                        if ((options & WEXITED) != 0 && c.exitState() == ExitState.ZOMBIE
                                && c.signal().liveLocked().isEmpty()) {
                            int status = c.exitStatus();
                            if ((options & WNOWAIT) == 0) {
                                tl.releaseLocked(c);
                            }
                            return new WaitResult(c.tgid(), status);
                        }
                    }
                }
                if (!eligibleSeen) {
                    return new WaitResult(Errno.ECHILD.neg(), 0);
                }
                if ((options & WNOHANG) != 0) {
                    return new WaitResult(0, 0);
                }
                // do_wait(): the children are scanned again after every wake-up, before the signal is looked
                // at, so a child's exit that also sent the waiter SIGCHLD is reaped, not interrupted.
                if (t.signalPending()) {
                    return new WaitResult(Errno.ERESTARTSYS.neg(), 0);
                }
                t.sleepOn(tl.childExit(), "wait4");
            }
        } finally {
            tl.lock().unlock();
        }
    }

    /** {@code eligible_pid} and {@code eligible_child}. */
    private static boolean eligible(Task c, int type, int id, int options) {
        if (type == P_PID && c.tgid() != id) {
            return false;
        }
        if (type == P_PGID && c.signal().pgrpLocked() != id) {
            return false;
        }
        if ((options & __WALL) != 0) {
            return true;
        }
        boolean cloneChild = c.exitSignal() != Signal.SIGCHLD.number();
        return cloneChild == ((options & __WCLONE) != 0);
    }
}
