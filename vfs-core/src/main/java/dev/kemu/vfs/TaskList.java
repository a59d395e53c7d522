package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The machine's tasks by thread id ({@code kernel/pid.c}'s pid hash) and {@code tasklist_lock},
 * which guards every task's parent, children, exit state, thread group membership, process group
 * and session. The machine keeps an init task (pid 1, leading session 1 and process group 1) that
 * adopts orphans and reaps them at once.
 *
 * <p>Lock order: the TaskList lock is a leaf with respect to the VFS: descriptors are closed and
 * address spaces dropped outside it. Sending a signal under it only sets a pending bit and
 * interrupts a thread.
 */
public final class TaskList {
    /** The pid of init. */
    public static final int INIT_PID = 1;

    private final ReentrantLock lock = new ReentrantLock();
    /** {@code signal->wait_chldexit}: a child exited (or was reparented). */
    private final Condition childExit = WaitQueue.of(lock);
    /** {@code vfork_done}: a vfork child exec'd or exited. */
    private final Condition vforkDone = WaitQueue.of(lock);
    private final Map<Integer, Task> byTid = new HashMap<>();
    private final Task init;

    /** {@code init} leads its session and process group (1 and 1). */
    TaskList(Task init) {
        this.init = init;
        byTid.put(init.pid(), init);
        init.signal().newSessionLocked();
    }

    /** The live or zombie task whose thread id is {@code tid}, or null ({@code find_task_by_vpid}). */
    public Task task(int tid) {
        lock.lock();
        try {
            return byTid.get(tid);
        } finally {
            lock.unlock();
        }
    }

    /** The init task (pid 1). */
    public Task init() {
        return init;
    }

    ReentrantLock lock() {
        return lock;
    }

    Condition childExit() {
        return childExit;
    }

    Condition vforkDone() {
        return vforkDone;
    }

    Task findLocked(int tid) {
        return byTid.get(tid);
    }

    /**
     * {@code for_each_process}: the thread group leaders, live or zombie, until they are released
     * (in id order).
     */
    List<Task> processesLocked() {
        List<Task> out = new ArrayList<>();
        for (Task o : byTid.values()) {
            if (o.signal().leaderLocked() == o) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparingInt(Task::pid));
        return out;
    }

    /** {@code do_each_pid_task(pgrp, PIDTYPE_PGID)}: the processes of group {@code pgrp} (empty when there is no such group). */
    List<Task> pgrpLocked(int pgrp) {
        List<Task> out = processesLocked();
        out.removeIf(p -> p.signal().pgrpLocked() != pgrp);
        return out;
    }

    /** Adds a new task as a child of {@code parent} (a process; a thread has no parent link of its own here). */
    void attachLocked(Task t, Task parent, boolean process) {
        byTid.put(t.pid(), t);
        t.setRealParentLocked(parent);
        if (process && parent != null) {
            parent.childrenLocked().add(t);
        }
    }

    /** {@code release_task}: the task is dead, its id free, its parent forgets it. */
    void releaseLocked(Task t) {
        t.setExitStateLocked(ExitState.DEAD);
        byTid.remove(t.pid(), t);
        Task p = t.realParentLocked();
        if (p != null) {
            p.childrenLocked().remove(t);
        }
    }

    /** {@code exchange_tids}: {@code t} takes {@code leader}'s thread id (a non-leader's execve). */
    void takeTidLocked(Task t, Task leader) {
        byTid.remove(t.pid(), t);
        byTid.remove(leader.pid(), leader);
        t.setPid(leader.pid());
        byTid.put(t.pid(), t);
    }

    /** True when a task other than {@code t} that has not exited uses {@code mm}. */
    boolean mmUsedByOthersLocked(Task t, MmStruct mm) {
        for (Task o : byTid.values()) {
            if (o != t && o.mm() == mm && o.exitState() == ExitState.RUNNING) {
                return true;
            }
        }
        return false;
    }

    /** True when a task other than {@code t} that has not exited uses {@code sh}. */
    boolean sighandUsedByOthersLocked(Task t, SighandStruct sh) {
        for (Task o : byTid.values()) {
            if (o != t && o.sighand() == sh && o.exitState() == ExitState.RUNNING) {
                return true;
            }
        }
        return false;
    }
}
