package dev.kemu.vfs;

/**
 * setpgid, getpgid, getpgrp, setsid and getsid ({@code kernel/sys.c:setpgid()},
 * {@code do_getpgid()}, {@code ksys_setsid()}, {@code getsid()}).
 *
 * <p>A process group and a session are named by the id of the process that made them; both
 * belong to the thread group ({@code signal->pids[PIDTYPE_PGID]}, {@code [PIDTYPE_SID]}), are
 * inherited at fork and kept across execve. A group exists while a process of it, live or
 * zombie, is not released ({@code pid_task(pgrp, PIDTYPE_PGID)}). Ids are the model's and are
 * never reused, so an id stands for its {@code struct pid}. Init leads group and session 1; the
 * first task ({@link Vfs#newTask}) is in group and session 0, which no task leads (it was started
 * from outside the machine). Everything runs under the {@link TaskList} lock ({@code tasklist_lock}).
 */
final class ProcessGroups {
    private ProcessGroups() {
    }

    /**
     * {@code setpgid(pid, pgid)}: pid 0 is the caller's process, pgid 0 the process's own id.
     * Errors, in this order: EINVAL for a negative group; ESRCH for no such task; EINVAL for a
     * thread that does not lead its group; for a child of the caller's process, EPERM when it is
     * in another session and EACCES once it has exec'd; ESRCH for any other process but the
     * caller's; EPERM for a session leader; EPERM when {@code pgid} is not the process's own id
     * and names no group of the caller's session.
     */
    static long setpgid(Task t, int pid, int pgid) {
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            SignalStruct me = t.signal();
            Task groupLeader = me.leaderLocked();
            if (pid == 0) {
                pid = me.tgid();
            }
            if (pgid == 0) {
                pgid = pid;
            }
            if (pgid < 0) {
                return Errno.EINVAL.neg();
            }
            Task p = tl.findLocked(pid);
            if (p == null) {
                return Errno.ESRCH.neg();
            }
            if (p.signal().leaderLocked() != p) {
                return Errno.EINVAL.neg();
            }
            Task parent = p.realParentLocked();
            if (parent != null && parent.signal() == me) {
                if (p.signal().sessionLocked() != me.sessionLocked()) {
                    return Errno.EPERM.neg();
                }
                if (!p.forkNoExecLocked()) {
                    return Errno.EACCES.neg();
                }
            } else if (p != groupLeader) {
                return Errno.ESRCH.neg();
            }
            if (p.signal().sessionLeaderLocked()) {
                return Errno.EPERM.neg();
            }
            if (pgid != pid) {
                java.util.List<Task> group = tl.pgrpLocked(pgid);
                if (group.isEmpty() || group.get(0).signal().sessionLocked() != me.sessionLocked()) {
                    return Errno.EPERM.neg();
                }
            }
            p.signal().setPgrpLocked(pgid);
            return 0;
        } finally {
            tl.lock().unlock();
        }
    }

    /** {@code getpgid(pid)}: the process group of task {@code pid} (0: the caller); ESRCH for no such task. */
    static long getpgid(Task t, int pid) {
        return idOf(t, pid, false);
    }

    /** {@code getsid(pid)}: the session of task {@code pid} (0: the caller); ESRCH for no such task. */
    static long getsid(Task t, int pid) {
        return idOf(t, pid, true);
    }

    /** {@code getpgrp()} = {@code getpgid(0)}. */
    static long getpgrp(Task t) {
        return idOf(t, 0, false);
    }

    private static long idOf(Task t, int pid, boolean session) {
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            Task p = pid == 0 ? t : tl.findLocked(pid);
            if (p == null) {
                return Errno.ESRCH.neg();
            }
            return session ? p.signal().sessionLocked() : p.signal().pgrpLocked();
        } finally {
            tl.lock().unlock();
        }
    }

    /**
     * {@code setsid()}: the caller's process leads a new session and a new process group, both
     * named by its id, which is returned. EPERM when it already leads a session, or when a
     * process group with its id exists (it leads a group, or its group outlived it as leader).
     * The controlling terminal it drops is outside the model.
     */
    static long setsid(Task t) {
        TaskList tl = t.vfs().taskList();
        tl.lock().lock();
        try {
            SignalStruct me = t.signal();
            if (me.sessionLeaderLocked()) {
                return Errno.EPERM.neg();
            }
            if (!tl.pgrpLocked(me.tgid()).isEmpty()) {
                return Errno.EPERM.neg();
            }
            me.newSessionLocked();
            return me.tgid();
        } finally {
            tl.lock().unlock();
        }
    }
}
