package dev.kemu.vfs;

/**
 * The process calls: clone, clone3, fork, vfork, execve, exit, exit_group, wait4, waitid, kill,
 * tkill, tgkill, setpgid, getpgid, getpgrp, setsid and getsid ({@code kernel/fork.c},
 * {@code fs/exec.c}, {@code kernel/exit.c}, {@code kernel/signal.c}, {@code kernel/sys.c}).
 * Every call returns a value or a negated errno; the details are on {@code Fork}, {@code Exec},
 * {@code Exit}, {@link Wait}, {@code Kill} and {@code ProcessGroups}.
 *
 * <p>Ids are the model's thread ids ({@link Task#pid()}) and thread group ids
 * ({@link Task#tgid()}), not the host's: a caller replaying a record maps one to the other.
 */
public final class ProcessSyscalls {
    private final CloneRules rules;
    private final boolean waitidPidfd;

    /**
     * @param waitidPidfd the 5.4 waitid: it knows P_PIDFD (before, an unknown id type: EINVAL) and
     *     takes P_PGID 0 for the caller's group (before, EINVAL)
     */
    public ProcessSyscalls(CloneRules rules, boolean waitidPidfd) {
        this.rules = rules;
        this.waitidPidfd = waitidPidfd;
    }

    /** {@code clone(flags, ...)}: the low byte of {@code flags} is ignored, the exit signal is {@code exitSignal}. */
    public CloneResult clone(Task parent, long flags, int exitSignal) {
        return Fork.clone(parent, flags, exitSignal, rules);
    }

    /** {@code clone3({.flags, .exit_signal})}. */
    public CloneResult clone3(Task parent, long flags, int exitSignal) {
        return Fork.clone3(parent, flags, exitSignal, rules);
    }

    /** {@code fork()} = {@code clone(SIGCHLD)}. */
    public CloneResult fork(Task parent) {
        return clone(parent, 0, Signal.SIGCHLD.number());
    }

    /** {@code vfork()} = {@code clone(CLONE_VM|CLONE_VFORK|SIGCHLD)}: returns once the child execs or exits. */
    public CloneResult vfork(Task parent) {
        return clone(parent, Sched.CLONE_VM | Sched.CLONE_VFORK, Signal.SIGCHLD.number());
    }

    public long execve(Task t, String path) {
        return Exec.execve(t, path);
    }

    /** {@code exit(code)}: this thread only. */
    public void exitTask(Task t, int code) {
        Exit.doExit(t, (code & 0xff) << 8);
    }

    /** {@code exit_group(code)}: every thread of the group. */
    public void exitGroup(Task t, int code) {
        Exit.doGroupExit(t, (code & 0xff) << 8);
    }

    /** The thread group of {@code t} ends killed by {@code sig} (status {@code sig}, {@code | 0x80} with a core dump). */
    public void killedBy(Task t, Signal sig, boolean core) {
        Exit.doGroupExit(t, sig.number() | (core ? 0x80 : 0));
    }

    public WaitResult wait4(Task t, int pid, int options) {
        return Wait.wait4(t, pid, options);
    }

    public WaitResult waitid(Task t, int idtype, int id, int options) {
        return Wait.waitid(t, idtype, id, options, waitidPidfd);
    }

    public long kill(Task t, int pid, int sig) {
        return Kill.kill(t, pid, sig);
    }

    public long tkill(Task t, int tid, int sig) {
        return Kill.tkill(t, tid, sig);
    }

    public long tgkill(Task t, int tgid, int tid, int sig) {
        return Kill.tgkill(t, tgid, tid, sig);
    }

    /** {@code setpgid(pid, pgid)}: see {@code ProcessGroups#setpgid} for the errors. */
    public long setpgid(Task t, int pid, int pgid) {
        return ProcessGroups.setpgid(t, pid, pgid);
    }

    /** {@code getpgid(pid)}: the process group id of task {@code pid} (0: the caller), or ESRCH. */
    public long getpgid(Task t, int pid) {
        return ProcessGroups.getpgid(t, pid);
    }

    /** {@code getpgrp()}: the caller's process group id. */
    public long getpgrp(Task t) {
        return ProcessGroups.getpgrp(t);
    }

    /** {@code setsid()}: the new session's id (the caller's process id), or EPERM. */
    public long setsid(Task t) {
        return ProcessGroups.setsid(t);
    }

    /** {@code getsid(pid)}: the session id of task {@code pid} (0: the caller), or ESRCH. */
    public long getsid(Task t, int pid) {
        return ProcessGroups.getsid(t, pid);
    }
}
