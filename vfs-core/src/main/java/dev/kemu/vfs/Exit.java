package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * exit and exit_group ({@code kernel/exit.c:do_exit()}, {@code do_group_exit()},
 * {@code exit_notify()}, {@code forget_original_parent()}).
 *
 * <p>{@code do_exit} releases a vfork parent, then the descriptor table ({@code exit_files}: the
 * last task using it closes every descriptor, so a pipe's last writer gives its reader EOF) and
 * the address space ({@code exit_mm}), outside the TaskList lock; then {@code exit_notify}
 * hands the children to a live thread of the group or to init, and makes the task a zombie its
 * parent reaps (a group leader, once every thread has exited; the parent gets its exit signal)
 * or releases it at once (a thread; a child of init; a child whose parent ignores SIGCHLD).
 * CLONE_CHILD_CLEARTID's futex wake is user space's.
 */
final class Exit {
    private Exit() {
    }

    /** {@code do_exit(code)} with {@code status} the status word ({@code (code & 0xff) << 8}, or a signal). */
    static void doExit(Task t, int status) {
        TaskList tl = t.vfs().taskList();
        List<File> toClose = List.of();
        MmStruct dropMm = null;
        tl.lock().lock();
        try {
            if (t.exitState() != ExitState.RUNNING) {
                return;
            }
            t.setExitStateLocked(ExitState.EXITING);
            SignalStruct group = t.signal();
            group.liveLocked().remove(t);
            t.setExitCodeLocked(group.groupExitLocked() ? group.groupExitCodeLocked() : status);
            Fork.completeVforkDoneLocked(tl, t);
            if (!tl.mmUsedByOthersLocked(t, t.mm())) {
                dropMm = t.mm();
            }
            if (t.files().release()) {
                toClose = t.files().removeRange(0, Integer.MAX_VALUE);
            }
        } finally {
            tl.lock().unlock();
        }
        for (File f : toClose) {
            f.put();
        }
        if (dropMm != null) {
            dropMm.exitMmap();
        }
        tl.lock().lock();
        try {
            exitNotifyLocked(tl, t);
        } finally {
            tl.lock().unlock();
        }
    }

    /**
     * {@code do_group_exit}: the first caller sets the group's exit status, every other thread is
     * sent SIGKILL ({@code zap_other_threads}) and exits with it, then the caller exits.
     */
    static void doGroupExit(Task t, int status) {
        TaskList tl = t.vfs().taskList();
        List<Task> others;
        tl.lock().lock();
        try {
            SignalStruct group = t.signal();
            if (!group.groupExitLocked()) {
                group.setGroupExitLocked(status);
            }
            others = new ArrayList<>(group.liveLocked());
            others.remove(t);
            for (Task o : others) {
                o.sendSignal(Signal.SIGKILL);
            }
        } finally {
            tl.lock().unlock();
        }
        for (Task o : others) {
            doExit(o, status);
        }
        doExit(t, status);
    }

    private static void exitNotifyLocked(TaskList tl, Task t) {
        forgetOriginalParentLocked(tl, t);
        SignalStruct group = t.signal();
        boolean groupDead = group.liveLocked().isEmpty();
        Task leader = group.leaderLocked();
        if (t != leader) {
            // A thread is never waited for: exit_signal -1, released at once.
            tl.releaseLocked(t);
            if (groupDead && leader.exitState() == ExitState.ZOMBIE) {
                notifyParentLocked(tl, leader);
            }
        } else {
            t.setExitStateLocked(ExitState.ZOMBIE);
            if (groupDead) {
                notifyParentLocked(tl, t); // else delay_group_leader: reported when the last thread exits
            }
        }
        tl.childExit().signalAll();
    }

    /**
     * {@code do_notify_parent}: sends the exit signal (none when the parent set SIGCHLD to
     * SIG_IGN) and releases the zombie at once when nobody will wait for it (SIGCHLD ignored, or
     * the parent is init, which reaps its adopted children).
     */
    private static void notifyParentLocked(TaskList tl, Task t) {
        Task parent = t.realParentLocked();
        int sig = t.exitSignal();
        boolean autoreap = parent == null || parent == tl.init();
        if (parent != null && sig == Signal.SIGCHLD.number() && parent.isIgnored(Signal.SIGCHLD)) {
            autoreap = true;
            sig = 0;
        }
        Signal s = Signal.of(sig);
        if (parent != null && s != null) {
            Kill.sendLocked(parent, s, true);
        }
        if (autoreap) {
            tl.releaseLocked(t);
        }
        tl.childExit().signalAll();
    }

    /**
     * {@code forget_original_parent}: the children go to a live thread of the group
     * ({@code find_new_reaper}) or to init; a zombie given to init is reaped by it.
     */
    private static void forgetOriginalParentLocked(TaskList tl, Task t) {
        List<Task> kids = t.childrenLocked();
        if (kids.isEmpty()) {
            return;
        }
        List<Task> live = t.signal().liveLocked();
        Task reaper = live.isEmpty() ? tl.init() : live.get(0);
        for (Task c : new ArrayList<>(kids)) {
            c.setRealParentLocked(reaper);
            reaper.childrenLocked().add(c);
            if (reaper == tl.init() && c.exitState() == ExitState.ZOMBIE && c.signal().liveLocked().isEmpty()) {
                tl.releaseLocked(c);
            }
        }
        kids.clear();
    }
}
