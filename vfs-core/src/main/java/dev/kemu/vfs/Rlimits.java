package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;

/**
 * The resource limits of a process ({@code signal->rlim}), shared by its threads and copied at
 * fork. A new process starts from {@code include/asm-generic/resource.h:INIT_RLIMITS}.
 *
 * <p>Only {@code RLIMIT_NOFILE} has an effect in the model: its soft value is the size of the
 * descriptor table ({@link FdTable#setLimit}). The others are kept and reported, nothing more.
 * All state is guarded by this object's monitor ({@code task_lock(tsk->group_leader)}).
 */
public final class Rlimits {
    public static final int RLIMIT_CPU = 0;
    public static final int RLIMIT_FSIZE = 1;
    public static final int RLIMIT_DATA = 2;
    public static final int RLIMIT_STACK = 3;
    public static final int RLIMIT_CORE = 4;
    public static final int RLIMIT_RSS = 5;
    public static final int RLIMIT_NPROC = 6;
    public static final int RLIMIT_NOFILE = 7;
    public static final int RLIMIT_MEMLOCK = 8;
    public static final int RLIMIT_AS = 9;
    public static final int RLIMIT_LOCKS = 10;
    public static final int RLIMIT_SIGPENDING = 11;
    public static final int RLIMIT_MSGQUEUE = 12;
    public static final int RLIMIT_NICE = 13;
    public static final int RLIMIT_RTPRIO = 14;
    public static final int RLIMIT_RTTIME = 15;
    /** {@code RLIM_NLIMITS}: a resource at or above it is EINVAL. */
    public static final int RLIM_NLIMITS = 16;

    /** {@code INR_OPEN_CUR}: the soft descriptor limit of init. */
    public static final long INR_OPEN_CUR = 1024;
    /** {@code INR_OPEN_MAX}: the hard descriptor limit of init. */
    public static final long INR_OPEN_MAX = 4096;
    /** {@code /proc/sys/fs/nr_open} ({@code sysctl_nr_open}, 1024 * 1024): no hard descriptor limit above it. */
    public static final long NR_OPEN = 1024 * 1024;

    private static final long INF = Rlimit.RLIM_INFINITY;
    /** {@code _STK_LIM}, {@code MLOCK_LIMIT} (8 MiB from 5.16), {@code MQ_BYTES_MAX}. */
    private static final long STK_LIM = 8L << 20;
    private static final long MQ_BYTES_MAX = 819200;

    @GuardedBy("this")
    private final Rlimit[] rlim;

    /** {@code INIT_RLIMITS}. */
    public Rlimits() {
        rlim = new Rlimit[] {
            new Rlimit(INF, INF), new Rlimit(INF, INF), new Rlimit(INF, INF), new Rlimit(STK_LIM, INF),
            new Rlimit(0, INF), new Rlimit(INF, INF), new Rlimit(0, 0), new Rlimit(INR_OPEN_CUR, INR_OPEN_MAX),
            new Rlimit(STK_LIM, STK_LIM), new Rlimit(INF, INF), new Rlimit(INF, INF), new Rlimit(0, 0),
            new Rlimit(MQ_BYTES_MAX, MQ_BYTES_MAX), new Rlimit(0, 0), new Rlimit(0, 0), new Rlimit(INF, INF),
        };
    }

    private Rlimits(Rlimit[] copy) {
        rlim = copy;
    }

    /** {@code copy_signal}: the child's limits start as the parent's. */
    public synchronized Rlimits copy() {
        return new Rlimits(rlim.clone());
    }

    /** {@code rlimit(resource)} (both values); {@code resource} is below {@link #RLIM_NLIMITS}. */
    public synchronized Rlimit get(int resource) {
        return rlim[resource];
    }

    /** Stores a limit {@code do_prlimit}'s checks have allowed; the caller holds this object's monitor for check-then-set. */
    public synchronized void set(int resource, Rlimit value) {
        rlim[resource] = value;
    }

    /** The soft descriptor limit as a table size (a limit past {@code int} range is the largest table). */
    public static int tableSize(Rlimit nofile) {
        return Long.compareUnsigned(nofile.cur(), Integer.MAX_VALUE) > 0 ? Integer.MAX_VALUE : (int) nofile.cur();
    }
}
