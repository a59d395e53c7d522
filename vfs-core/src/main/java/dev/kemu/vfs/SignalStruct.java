package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code include/linux/sched/signal.h:struct signal_struct}: one thread group (a process), shared
 * by the tasks cloned with {@code CLONE_THREAD}. Its id is the leader's thread id. Every field
 * but the id is guarded by the {@link TaskList} lock.
 */
final class SignalStruct {
    private final int tgid;
    private Task leader;
    /** The threads that have not started to exit ({@code signal->live} counts them). */
    private final List<Task> live = new ArrayList<>();
    /** {@code SIGNAL_GROUP_EXIT}: {@code exit_group} or a fatal signal ended the group. */
    private boolean groupExit;
    private int groupExitCode;
    /** {@code pids[PIDTYPE_PGID]}: the process group, by id. */
    private int pgrp;
    /** {@code pids[PIDTYPE_SID]}: the session, by id. */
    private int session;
    /** {@code signal->leader}: this process made the session ({@code setsid}); not inherited. */
    private boolean sessionLeader;

    /** A group of one thread, leading its own process group and session id (not a session leader). */
    SignalStruct(int tgid, Task leader) {
        this.tgid = tgid;
        this.leader = leader;
        this.pgrp = tgid;
        this.session = tgid;
        live.add(leader);
    }

    int tgid() {
        return tgid;
    }

    Task leaderLocked() {
        return leader;
    }

    void setLeaderLocked(Task t) {
        leader = t;
    }

    List<Task> liveLocked() {
        return live;
    }

    boolean groupExitLocked() {
        return groupExit;
    }

    int groupExitCodeLocked() {
        return groupExitCode;
    }

    void setGroupExitLocked(int code) {
        groupExit = true;
        groupExitCode = code;
    }

    int pgrpLocked() {
        return pgrp;
    }

    int sessionLocked() {
        return session;
    }

    boolean sessionLeaderLocked() {
        return sessionLeader;
    }

    /** {@code change_pid(PIDTYPE_PGID)}. */
    void setPgrpLocked(int pgrp) {
        this.pgrp = pgrp;
    }

    /** {@code init_task_pid(PIDTYPE_PGID/PIDTYPE_SID)} at fork: the parent's group and session; never a session leader. */
    void inheritLocked(SignalStruct parent) {
        this.pgrp = parent.pgrp;
        this.session = parent.session;
        this.sessionLeader = false;
    }

    /** {@code setsid}'s {@code signal->leader = 1; set_special_pids(sid)}: a new session and group of its own. */
    void newSessionLocked() {
        this.sessionLeader = true;
        this.session = tgid;
        this.pgrp = tgid;
    }

    /**
     * Puts the process in group 0 and session 0, those of no task ({@code init_struct_pid}, as for
     * a program the kernel starts): it was started from outside the machine.
     */
    void startedOutsideLocked() {
        this.pgrp = 0;
        this.session = 0;
    }
}
