package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;

/**
 * A thread ({@code include/linux/sched.h:struct task_struct}): its descriptor table, its
 * working directory and umask ({@code fs_struct}), its signal dispositions ({@code sighand_struct})
 * and pending signals, its thread group ({@code signal_struct}, whose id {@link #tgid()} is the
 * "pid" user space sees), its parent and children, and its exit state.
 *
 * <p>The relations (parent, children, exit state, exit status, the thread group's members) are
 * guarded by the machine's {@link TaskList} lock ({@code tasklist_lock}); the syscalls that
 * change them are in {@link ProcessSyscalls}.
 *
 * <p>Tasks are run by Java threads: whichever thread is inside a syscall for the task is the
 * task's {@linkplain #current() current} thread. A blocking call sleeps on a
 * {@link Condition} of the lock it holds ({@link #sleepOn}); raising a signal
 * ({@link #sendSignal}) marks it pending and interrupts that thread, so every wait can be
 * broken and returns {@code -ERESTARTSYS}, as {@code signal_pending()} makes
 * {@code wait_event_interruptible} do.
 */
public final class Task {
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    /** The thread id; exchanged with the group leader's by a non-leader's execve ({@code exchange_tids}). */
    private volatile int pid;
    private final Vfs vfs;
    private volatile FdTable files;
    private volatile Rlimits rlimits = new Rlimits();
    private volatile FsStruct fs;
    private volatile SighandStruct sighand;
    private volatile SignalStruct signal;
    // Guarded by the TaskList lock.
    private Task realParent;
    private final List<Task> children = new ArrayList<>();
    private volatile ExitState exitState = ExitState.RUNNING;
    private int exitCode;
    private int exitSignal = Signal.SIGCHLD.number();
    /** {@code vfork_done != NULL}: a vfork parent waits until this task execs or exits. */
    private boolean vforkPending;
    /** {@code PF_FORKNOEXEC}: forked and not exec'd since (set by clone, cleared by execve). */
    private boolean forkNoExec;
    private final java.util.concurrent.atomic.AtomicLong pendingSignals = new java.util.concurrent.atomic.AtomicLong();
    /** {@code current->blocked}: bit {@code 1 << signo} set for a blocked signal, which stays pending undelivered. */
    private volatile long blocked;
    private final List<Signal> raised = new ArrayList<>();
    private volatile Thread thread;
    private volatile SleepHook sleepHook = SleepHook.NONE;
    /** What the task sleeps on while in {@link #sleepOn}, else null. */
    private volatile Object sleeping;
    private Object splicePipe;
    private volatile Ftrace tracer;
    private volatile MmStruct mm = new MmStruct();
    /** {@code current->cred}: replaced whole, never changed in place (only the task itself commits new ones). */
    private volatile Cred cred = Cred.ROOT;

    public Task(int pid, Vfs vfs, FdTable files, VfsPath cwd) {
        this.pid = pid;
        this.vfs = vfs;
        this.files = files;
        this.fs = new FsStruct(cwd);
        this.sighand = new SighandStruct();
        this.signal = new SignalStruct(pid, this);
    }

    /** The task the calling thread is running a syscall for ({@code current}), or null. */
    public static Task current() {
        return CURRENT.get();
    }

    /** The thread id ({@code task_pid_vnr}); the thread group leader's is the group's id. */
    public int pid() {
        return pid;
    }

    void setPid(int pid) {
        this.pid = pid;
    }

    /** The thread group id ({@code task_tgid_vnr}): the "pid" user space sees, the leader's thread id. */
    public int tgid() {
        return signal.tgid();
    }

    public Vfs vfs() {
        return vfs;
    }

    public FdTable files() {
        return files;
    }

    /**
     * Replaces the descriptor table ({@code unshare_fd} for {@code close_range(CLOSE_RANGE_UNSHARE)}):
     * the task stops sharing the old one.
     */
    public void setFiles(FdTable files) {
        this.files = files;
    }

    /** The resource limits of the task's process ({@code current->signal->rlim}). */
    public Rlimits rlimits() {
        return rlimits;
    }

    /** Gives the task the limits of a forked parent (a copy) or of its thread group (shared). */
    public void setRlimits(Rlimits limits) {
        this.rlimits = limits;
    }

    public VfsPath cwd() {
        return fs.cwd();
    }

    /** Changes the working directory of every task sharing this one's {@code fs_struct}. */
    public void setCwd(VfsPath cwd) {
        fs.setCwd(cwd);
    }

    public int umask() {
        return fs.umask();
    }

    public void setUmask(int umask) {
        fs.setUmask(umask);
    }

    /** {@code xchg(&current->fs->umask, mask & S_IRWXUGO)}: the old mask. */
    public int swapUmask(int umask) {
        return fs.swapUmask(umask);
    }

    public void setSleepHook(SleepHook hook) {
        this.sleepHook = hook == null ? SleepHook.NONE : hook;
    }

    /** Marks the calling thread as running a syscall for this task; pairs with {@link #exit()}. */
    public void enter() {
        thread = Thread.currentThread();
        CURRENT.set(this);
    }

    /**
     * Leaves the syscall: pending signals are delivered (recorded in {@link #takeRaisedSignals()}),
     * as on the return to user mode, and the thread's interrupt status is cleared.
     */
    public void exit() {
        CURRENT.remove();
        thread = null;
        Thread.interrupted();
        deliverPendingSignals();
    }

    /**
     * Delivers the pending signals ({@code kernel/signal.c:get_signal()} on the way back to user
     * mode): they are recorded in {@link #takeRaisedSignals()} and no longer pending. A replayer calls
     * it for a task in user space, where a signal is taken as soon as it is sent.
     */
    public void deliverPendingSignals() {
        // Take the pending set atomically: a signal raised meanwhile is either taken now or stays pending.
        long mask = blocked;
        long pending = pendingSignals.getAndUpdate(p -> p & mask) & ~mask;
        if (pending != 0) {
            synchronized (raised) {
                for (Signal s : Signal.values()) {
                    if ((pending & (1L << s.number())) != 0) {
                        raised.add(s);
                    }
                }
            }
        }
    }

    /**
     * Forces {@code sig} on the task ({@code force_sig}): it is marked pending whatever its
     * disposition and, unless the task blocks it, a sleeping syscall wakes with ERESTARTSYS. Signals sent by
     * {@code kill} and by a child's exit go through {@link ProcessSyscalls}, which discards the
     * ignored ones first.
     */
    public void sendSignal(Signal sig) {
        pendingSignals.getAndUpdate(p -> p | 1L << sig.number());
        if ((blocked & 1L << sig.number()) != 0) {
            return; // signal_wake_up() is not called for a blocked signal
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        // signal_wake_up(): a task asleep in an interruptible wait is made runnable.
        if (sleeping != null) {
            sleepHook.woken(this);
        }
    }

    /** Called by a {@link WaitQueue} being woken up while this task sleeps on it ({@code try_to_wake_up}). */
    void wokenBy() {
        sleepHook.woken(this);
    }

    /** What the task sleeps on ({@link #sleepOn}'s {@code what}), or null when it does not sleep. */
    public Object sleepingOn() {
        return sleeping;
    }

    /** True when {@code sig} is pending on this thread. */
    public boolean isPending(Signal sig) {
        return (pendingSignals.get() & 1L << sig.number()) != 0;
    }

    /** {@code signal_pending(current)}. */
    public boolean signalPending() {
        return (pendingSignals.get() & ~blocked) != 0;
    }

    /** {@code current->blocked} ({@code rt_sigprocmask}): bit {@code 1 << signo} per blocked signal. */
    public long blocked() {
        return blocked;
    }

    /**
     * Sets the blocked signals ({@code kernel/signal.c:set_current_blocked()}): a blocked signal stays pending and
     * neither breaks a sleep nor is delivered until it is unblocked. SIGKILL and SIGSTOP cannot be blocked.
     */
    public void setBlocked(long mask) {
        blocked = mask & ~(1L << Signal.SIGKILL.number() | 1L << Signal.SIGSTOP.number());
    }

    /** Signals delivered since the last call, in order; the list is cleared. */
    public List<Signal> takeRaisedSignals() {
        synchronized (raised) {
            List<Signal> out = List.copyOf(raised);
            raised.clear();
            return out;
        }
    }

    /**
     * Sleeps on {@code queue} ({@code wait_event_interruptible} with the lock dropped while
     * asleep). The caller holds the lock that owns {@code queue} and rechecks its condition after
     * waking.
     *
     * @param what names the wait for hooks and watchdogs
     * @return true when woken, false when a signal is pending (return {@code -ERESTARTSYS})
     */
    public boolean sleepOn(Condition queue, Object what) {
        if (signalPending()) {
            return false;
        }
        WaitQueue wq = queue instanceof WaitQueue w ? w : null;
        if (wq != null) {
            wq.add(this);
        }
        sleeping = what;
        sleepHook.beforeSleep(this, what);
        try {
            if (signalPending()) {
                return false;
            }
            // Untimed on purpose: a missed wake-up is a model bug that a watchdog must see,
            // not something a timeout may paper over.
            queue.await();
            return !signalPending();
        } catch (InterruptedException e) {
            // An interrupt with no signal pending is left over from sendSignal racing exit() for
            // an earlier signal: a spurious wake-up, which every caller's recheck absorbs.
            return !signalPending();
        } finally {
            if (wq != null) {
                wq.remove(this);
            }
            sleeping = null;
            sleepHook.afterSleep(this, what);
        }
    }

    /** {@code current->mm}: the task's address space. */
    public MmStruct mm() {
        return mm;
    }

    /** Shares {@code other}'s address space (a thread, CLONE_VM) or takes a copy of it (fork). */
    void takeMm(Task other, boolean share) {
        this.mm = share ? other.mm : other.mm.copy();
    }

    /** {@code current_cred()}: the task's credentials. */
    public Cred cred() {
        return cred;
    }

    /** {@code commit_creds}: installs {@code c} as the task's credentials. */
    public void setCred(Cred c) {
        this.cred = java.util.Objects.requireNonNull(c);
    }

    /** {@code capable(cap)}: the capability is in the effective set. Tasks start with every capability, as root. */
    public boolean capable(Capability cap) {
        return cred.capable(cap.number());
    }

    /** Drops {@code cap} from the task's effective set ({@code capset} without it). */
    public void dropCapability(Capability cap) {
        Cred c = cred;
        cred = c.withCaps(c.capEffective() & ~(1L << cap.number()), c.capPermitted(), c.capBset());
    }

    /** Gives {@code cap} back (to the permitted and the effective set). */
    public void raiseCapability(Capability cap) {
        Cred c = cred;
        long bit = 1L << cap.number();
        cred = c.withCaps(c.capEffective() | bit, c.capPermitted() | bit, c.capBset());
    }

    /** {@code current_fsuid()}: the user the task acts as on files; 0 (root) unless changed. */
    public int fsuid() {
        return cred.fsuid();
    }

    /** {@code current_fsgid()}. */
    public int fsgid() {
        return cred.fsgid();
    }

    /**
     * Sets the task's file-system credentials and supplementary groups, leaving the real,
     * effective and saved ids and the capabilities as they are (see {@link #setCred} for all).
     */
    public void setCredentials(int fsuid, int fsgid, java.util.Set<Integer> supplementaryGroups) {
        Cred c = cred;
        cred = c.withUids(c.uid(), c.euid(), c.suid(), fsuid).withGids(c.gid(), c.egid(), c.sgid(), fsgid)
                .withGroups(supplementaryGroups);
    }

    /** The supplementary groups ({@code current_cred()->group_info}). */
    public java.util.Set<Integer> supplementaryGroups() {
        return java.util.Set.copyOf(cred.groups());
    }

    /** {@code kernel/groups.c:in_group_p()}: {@code gid} is the task's fsgid or one of its supplementary groups. */
    public boolean inGroup(int gid) {
        return cred.inGroup(gid);
    }

    /** The function-graph tracer of this task, or null. */
    public Ftrace tracer() {
        return tracer;
    }

    /** Starts (non-null) or stops (null) tracing this task's kernel functions. */
    public synchronized void setTracer(Ftrace f) {
        if ((tracer == null) != (f == null)) {
            Ftrace.attached(f != null);
        }
        tracer = f;
    }

    /** {@code current->splice_pipe}: the private pipe of sendfile and copy_file_range, owned by the pipe layer. */
    public Object splicePipe() {
        return splicePipe;
    }

    public void setSplicePipe(Object pipe) {
        this.splicePipe = pipe;
    }

    // Process relations (kernel/fork.c, kernel/exit.c, kernel/signal.c).

    /**
     * Records {@code rt_sigaction} installing a handler for {@code sig} ({@code on}) or restoring
     * SIG_DFL: a handled signal wakes a sleeping syscall even when its default is to be ignored.
     * Shared by the tasks cloned with CLONE_SIGHAND.
     *
     * @throws IllegalArgumentException for SIGKILL and SIGSTOP
     */
    public void setHandled(Signal sig, boolean on) {
        sighand.setHandled(sig, on);
    }

    /**
     * Records {@code rt_sigaction(sig, SIG_IGN)} ({@code on}) or restoring SIG_DFL: an ignored
     * signal is discarded when sent ({@code kernel/signal.c:sig_ignored()}).
     *
     * @throws IllegalArgumentException for SIGKILL and SIGSTOP
     */
    public void setIgnored(Signal sig, boolean on) {
        sighand.setIgnored(sig, on);
    }

    /** A handler is installed for {@code sig}. */
    public boolean isHandled(Signal sig) {
        return sighand.handled(sig);
    }

    /** {@code sig} is set to SIG_IGN. */
    public boolean isIgnored(Signal sig) {
        return sighand.ignored(sig);
    }

    /** {@code real_parent}: the task that forked this one's process (init once that one exited), or null for init. */
    public Task parent() {
        TaskList tl = taskList();
        if (tl == null) {
            return realParent;
        }
        tl.lock().lock();
        try {
            return realParent;
        } finally {
            tl.lock().unlock();
        }
    }

    /** The processes this thread forked that are not reaped yet (live or zombie). */
    public List<Task> children() {
        TaskList tl = taskList();
        if (tl == null) {
            return List.copyOf(children);
        }
        tl.lock().lock();
        try {
            return List.copyOf(children);
        } finally {
            tl.lock().unlock();
        }
    }

    /** Where the task is in its life. */
    public ExitState exitState() {
        return exitState;
    }

    /** The status word {@code wait4} reports once the task has exited ({@code exit_code}). */
    public int exitStatus() {
        return exitCode;
    }

    /** The signal the parent gets when this process exits ({@code exit_signal}); -1 for a thread. */
    public int exitSignal() {
        return exitSignal;
    }

    private TaskList taskList() {
        return vfs == null ? null : vfs.taskList();
    }

    FsStruct fs() {
        return fs;
    }

    void setFs(FsStruct fs) {
        this.fs = fs;
    }

    SighandStruct sighand() {
        return sighand;
    }

    void setSighand(SighandStruct sighand) {
        this.sighand = sighand;
    }

    SignalStruct signal() {
        return signal;
    }

    void setSignal(SignalStruct signal) {
        this.signal = signal;
    }

    Task realParentLocked() {
        return realParent;
    }

    void setRealParentLocked(Task parent) {
        this.realParent = parent;
    }

    List<Task> childrenLocked() {
        return children;
    }

    void setExitStateLocked(ExitState state) {
        this.exitState = state;
    }

    void setExitCodeLocked(int code) {
        this.exitCode = code;
    }

    void setExitSignalLocked(int sig) {
        this.exitSignal = sig;
    }

    boolean vforkPendingLocked() {
        return vforkPending;
    }

    void setVforkPendingLocked(boolean pending) {
        this.vforkPending = pending;
    }

    boolean forkNoExecLocked() {
        return forkNoExec;
    }

    void setForkNoExecLocked(boolean on) {
        this.forkNoExec = on;
    }

    /** Replaces the address space ({@code exec_mmap}): the old one is returned to the caller to drop. */
    MmStruct replaceMm(MmStruct fresh) {
        MmStruct old = mm;
        mm = fresh;
        return old;
    }

    @Override
    public String toString() {
        return "task " + pid;
    }
}
