package dev.kemu.host;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import com.sun.jna.Memory;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.FdTable;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The state of one host machine that the call groups share: its directory, its user memory,
 * its watchdog, the descriptor map of each task, and the calls it refused. Also the steps every
 * call takes: entering the task, running the system call under watch (with SIGPIPE observed
 * where the call can raise it), and numbering new descriptors.
 */
final class Machine {
    final Sandbox sandbox;
    final UserMemory memory;
    final Watchdog watchdog;
    @GuardedBy("this")
    private final Map<Task, FdMap> tasks = new IdentityHashMap<>();
    @GuardedBy("this")
    private final List<Refusal> refusals = new ArrayList<>();
    @GuardedBy("this")
    private int nextPid = 1;

    Machine(Sandbox sandbox, UserMemory memory, Watchdog watchdog) {
        this.sandbox = sandbox;
        this.memory = memory;
        this.watchdog = watchdog;
    }

    /** A new task with no descriptors, known to this machine. */
    synchronized Task newTask() {
        Task t = new Task(nextPid++, null, new FdTable(), null);
        tasks.put(t, new FdMap());
        return t;
    }

    /** The descriptor map of {@code t}. */
    synchronized FdMap fds(Task t) {
        FdMap m = tasks.get(t);
        if (m == null) {
            throw new IllegalArgumentException(t + " does not belong to this host machine");
        }
        return m;
    }

    synchronized List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    /** Runs one call for {@code t}: the task is current during it, pending signals are delivered after it. */
    long run(Task t, LongSupplier body) {
        fds(t);
        t.enter();
        try {
            if (memory.hasRetained()) {
                memory.syncRetained();
            }
            return body.getAsLong();
        } finally {
            t.exit();
        }
    }

    /** System call {@code nr} under the watchdog; with {@code sigpipe}, a SIGPIPE the kernel sends is raised on {@code t}. */
    long sys(Task t, String what, boolean sigpipe, long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        if (sigpipe) {
            SigpipeProbe.block();
        }
        try {
            return watchdog.call(t, what, nr, a1, a2, a3, a4, a5, a6);
        } finally {
            if (sigpipe && SigpipeProbe.takeAndRestore()) {
                t.sendSignal(Signal.SIGPIPE);
            }
        }
    }

    /** The host descriptor a {@code dirfd} argument stands for: the machine's directory for AT_FDCWD and a relative path. */
    int dirfd(FdMap fds, int dfd, String path) {
        if (dfd == Fcntl.AT_FDCWD) {
            return path.startsWith("/") ? Fcntl.AT_FDCWD : cwdFd(fds);
        }
        return fds.host(dfd);
    }

    /** The host descriptor of the task's working directory (the machine's directory until chdir). */
    int cwdFd(FdMap fds) {
        int c = fds.cwd();
        return c < 0 ? sandbox.dirFd() : c;
    }

    /**
     * Numbers a descriptor the host just returned ({@code fs/file.c:alloc_fd()}): the lowest free
     * trace number at or above {@code start}; EMFILE (and the host descriptor closed) when the
     * trace's table is full. Errors pass through.
     */
    long install(FdMap fds, long hostRet, int start) {
        if (hostRet < 0) {
            return hostRet;
        }
        int fd = fds.install((int) hostRet, start);
        if (fd < 0) {
            Libc.sys(Libc.CLOSE, hostRet);
            return Errno.EMFILE.neg();
        }
        return fd;
    }

    /** Records a refused call and answers EACCES. */
    long refuse(String call, String path, String reason) {
        synchronized (this) {
            refusals.add(new Refusal(call, path, reason));
        }
        return Errno.EACCES.neg();
    }

    static long addr(Memory m) {
        return Libc.address(m);
    }

    /** Closes every descriptor of every task. */
    synchronized void closeAll() {
        for (FdMap m : tasks.values()) {
            for (int h : m.clear()) {
                Libc.sys(Libc.CLOSE, h);
            }
            int cwd = m.setCwd(-1);
            if (cwd >= 0) {
                Libc.sys(Libc.CLOSE, cwd);
            }
        }
        tasks.clear();
    }
}
