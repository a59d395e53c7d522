package dev.kemu.vfs;

import static dev.kemu.vfs.Sched.*;

/**
 * clone, clone3, fork and vfork ({@code kernel/fork.c:kernel_clone()}, {@code copy_process()},
 * {@code clone3_args_valid()}, {@code wait_for_vfork_done()}).
 *
 * <p>Errors, in the order {@code copy_process} checks: EINVAL for CLONE_NEWNS|CLONE_FS,
 * CLONE_NEWUSER|CLONE_FS, CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM,
 * CLONE_PARENT from init, CLONE_THREAD with CLONE_NEWUSER or CLONE_NEWPID, CLONE_PIDFD with
 * CLONE_DETACHED (or with CLONE_THREAD before 6.9). Then namespaces, which are not modelled:
 * EPERM without CAP_SYS_ADMIN for a namespace other than a user namespace, else
 * {@link Net#NOT_MODELLED}, as for CLONE_PIDFD (a pidfd) and CLONE_INTO_CGROUP. Stacks, TLS and
 * the tid pointers are user space's (CLONE_SETTLS, CLONE_*_SETTID, CLONE_CHILD_CLEARTID).
 */
final class Fork {
    private Fork() {
    }

    /**
     * The legacy {@code clone}: the low byte of {@code flags} (CSIGNAL) and the bits above 32 are
     * not clone flags there; the exit signal is {@code exitSignal}, never checked (an invalid one
     * is simply not sent).
     */
    static CloneResult clone(Task parent, long flags, int exitSignal, CloneRules rules) {
        long f = flags & CLONE_LEGACY_FLAGS & ~CSIGNAL;
        if (!rules.pidfd()) {
            f &= ~CLONE_PIDFD;
        }
        return kernelClone(parent, f, exitSignal, rules);
    }

    /** {@code clone3}: {@code copy_clone_args_from_user} and {@code clone3_args_valid} first. */
    static CloneResult clone3(Task parent, long flags, int exitSignal, CloneRules rules) {
        if (exitSignal < 0 || exitSignal > CSIGNAL || !Signal.valid(exitSignal)) {
            return CloneResult.error(Errno.EINVAL.neg());
        }
        long known = CLONE_LEGACY_FLAGS | (rules.clearSighand() ? CLONE_CLEAR_SIGHAND : 0)
                | (rules.intoCgroup() ? CLONE_INTO_CGROUP : 0);
        if ((flags & ~known) != 0) {
            return CloneResult.error(Errno.EINVAL.neg());
        }
        long reserved = CLONE_DETACHED | (rules.newTimeInClone3() ? CSIGNAL & ~CLONE_NEWTIME : CSIGNAL);
        if ((flags & reserved) != 0) {
            return CloneResult.error(Errno.EINVAL.neg());
        }
        if ((flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) {
            return CloneResult.error(Errno.EINVAL.neg());
        }
        if ((flags & (CLONE_THREAD | CLONE_PARENT)) != 0 && exitSignal != 0) {
            return CloneResult.error(Errno.EINVAL.neg());
        }
        return kernelClone(parent, flags, exitSignal, rules);
    }

    /** {@code kernel_clone}: copy_process, then the vfork wait. */
    private static CloneResult kernelClone(Task parent, long flags, int exitSignal, CloneRules rules) {
        long err = checkFlags(parent, flags, rules);
        if (err != 0) {
            return CloneResult.error(err);
        }
        // copy_process(): with a signal pending the call is restarted once it has been handled
        // (-ERESTARTNOINTR). Newer trees (6.x) check before anything is copied ("Force any signals received
        // before this point to be delivered before the fork happens"); older ones (3.10) after the pid was
        // allocated, under tasklist_lock. The caller sees the same result either way.
        if (parent.signalPending()) {
            return CloneResult.error(Errno.ERESTARTNOINTR.neg());
        }
        CloneResult r = copyProcess(parent, flags, exitSignal);
        if ((flags & CLONE_VFORK) != 0) {
            waitForVforkDone(parent, r.child());
        }
        return r;
    }

    /** The flag checks at the top of {@code copy_process}, then the parts outside the model. */
    static long checkFlags(Task parent, long flags, CloneRules rules) {
        if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)) {
            return Errno.EINVAL.neg();
        }
        if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)) {
            return Errno.EINVAL.neg();
        }
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & CLONE_PARENT) != 0 && parent.tgid() == TaskList.INIT_PID) {
            return Errno.EINVAL.neg(); // SIGNAL_UNKILLABLE: init may not make siblings
        }
        if ((flags & CLONE_THREAD) != 0 && (flags & (CLONE_NEWUSER | CLONE_NEWPID)) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & CLONE_PIDFD) != 0 && (flags & (CLONE_DETACHED | (rules.pidfdThread() ? 0 : CLONE_THREAD))) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & NS_FLAGS) != 0 && !parent.capable(Capability.CAP_SYS_ADMIN)) {
            return Errno.EPERM.neg();
        }
        if ((flags & (NS_FLAGS | CLONE_NEWUSER | CLONE_PIDFD | CLONE_INTO_CGROUP)) != 0) {
            return Net.NOT_MODELLED;
        }
        return 0;
    }

    /**
     * {@code copy_process} past its checks: the child shares or copies the descriptor table
     * (CLONE_FILES, else {@code dup_fd}), the fs info (CLONE_FS), the signal handlers
     * (CLONE_SIGHAND; CLONE_CLEAR_SIGHAND resets the copy's handlers), the thread group
     * (CLONE_THREAD: same group, same parent) and the address space (CLONE_VM); credentials
     * and capabilities are copied. CLONE_PARENT makes it a sibling of the caller. A new process
     * is in the caller's process group and session, and leads no session; the task is marked
     * {@code PF_FORKNOEXEC} until it execs.
     */
    static CloneResult copyProcess(Task parent, long flags, int exitSignal) {
        boolean thread = (flags & CLONE_THREAD) != 0;
        TaskList tl = parent.vfs().taskList();
        Task child = copyTask(parent, flags);
        tl.lock().lock();
        try {
            Task realParent;
            if ((flags & (CLONE_PARENT | CLONE_THREAD)) != 0) {
                realParent = parent.realParentLocked();
                child.setExitSignalLocked(thread ? -1 : parent.signal().leaderLocked().exitSignal());
            } else {
                realParent = parent;
                child.setExitSignalLocked(exitSignal);
            }
            if (thread) {
                child.setSignal(parent.signal());
                parent.signal().liveLocked().add(child);
            } else {
                child.signal().inheritLocked(parent.signal());
            }
            child.setForkNoExecLocked(true);
            child.setVforkPendingLocked((flags & CLONE_VFORK) != 0);
            tl.attachLocked(child, realParent, !thread);
        } finally {
            tl.lock().unlock();
        }
        return new CloneResult(child.pid(), child);
    }

    /**
     * The new task with what it shares or copies, not yet in the process tree: CLONE_FILES,
     * CLONE_FS, CLONE_SIGHAND (CLONE_CLEAR_SIGHAND), CLONE_THREAD (the limits), CLONE_VM; the
     * credentials and capabilities are copied.
     */
    static Task copyTask(Task parent, long flags) {
        Vfs vfs = parent.vfs();
        boolean thread = (flags & CLONE_THREAD) != 0;
        FdTable files = (flags & CLONE_FILES) != 0 ? parent.files() : parent.files().copy();
        if ((flags & CLONE_FILES) != 0) {
            files.share();
        }
        Task child = new Task(vfs.allocPid(), vfs, files, parent.cwd());
        child.setFs((flags & CLONE_FS) != 0 ? parent.fs() : parent.fs().copy());
        SighandStruct sh = (flags & CLONE_SIGHAND) != 0 ? parent.sighand() : parent.sighand().copy();
        if ((flags & CLONE_CLEAR_SIGHAND) != 0) {
            sh.flushHandlers();
        }
        child.setSighand(sh);
        child.setRlimits(thread ? parent.rlimits() : parent.rlimits().copy());
        child.takeMm(parent, (flags & CLONE_VM) != 0);
        // copy_creds: the child shares the parent's (immutable) credentials.
        child.setCred(parent.cred());
        return child;
    }

    /**
     * {@code wait_for_vfork_done}: the parent sleeps until the child execs or exits. The sleep is
     * interruptible here; when a signal breaks it the call still returns the child's id, as
     * Linux does when a fatal signal ends the (killable) wait.
     */
    private static void waitForVforkDone(Task parent, Task child) {
        TaskList tl = parent.vfs().taskList();
        tl.lock().lock();
        try {
            while (child.vforkPendingLocked()) {
                if (!parent.sleepOn(tl.vforkDone(), "vfork_done")) {
                    return;
                }
            }
        } finally {
            tl.lock().unlock();
        }
    }

    /** {@code complete_vfork_done}: releases a vfork parent waiting on {@code t}. */
    static void completeVforkDoneLocked(TaskList tl, Task t) {
        if (t.vforkPendingLocked()) {
            t.setVforkPendingLocked(false);
            tl.vforkDone().signalAll();
        }
    }
}
