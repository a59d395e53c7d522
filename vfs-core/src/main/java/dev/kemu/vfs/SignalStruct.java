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

    SignalStruct(int tgid, Task leader) {
        this.tgid = tgid;
        this.leader = leader;
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
}
