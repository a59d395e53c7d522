package dev.kemu.host;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.Arrays;

/**
 * A task's descriptor numbers as the trace sees them, each standing for a descriptor of the
 * JVM process on the host: trace fd N ↔ host fd H. The JVM has many descriptors open, so the
 * host's numbers are never shown; the trace gets the numbers a fresh process would get
 * ({@code fs/file.c:alloc_fd()}: the lowest free number, below {@code RLIMIT_NOFILE}).
 *
 * <p>Only the numbering is kept here; whether a descriptor is valid, what it refers to and its
 * close-on-exec flag are the host kernel's. All state is guarded by the map's monitor, which is
 * never held across a system call.
 */
final class FdMap {
    /** The soft {@code RLIMIT_NOFILE} of a fresh process, the size of the trace's table. */
    static final int NR_OPEN = 1024;
    /** A host descriptor number no process can have open: lookups of unmapped numbers give EBADF. */
    static final int BAD = Integer.MAX_VALUE;

    /** The largest table: the hard {@code RLIMIT_NOFILE} a task starts with, which it cannot raise. */
    static final int MAX_TABLE = (int) dev.kemu.vfs.Rlimits.INR_OPEN_MAX;

    @GuardedBy("this")
    private final int[] host = new int[MAX_TABLE];
    /** The soft {@code RLIMIT_NOFILE} of the task: trace numbers are below it. */
    @GuardedBy("this")
    private int limit = NR_OPEN;
    /** The host descriptor of the task's working directory; -1 for the machine's directory. */
    private int cwd = -1;

    FdMap() {
        Arrays.fill(host, -1);
    }

    /** The host descriptor for trace descriptor {@code fd}; negative numbers pass through, unmapped ones give {@link #BAD}. */
    /** The host descriptor of the working directory, or -1 while it is the machine's directory. */
    synchronized int cwd() {
        return cwd;
    }

    /** Sets the working directory's host descriptor; returns the previous one (-1: none to close). */
    synchronized int setCwd(int hostFd) {
        int old = cwd;
        cwd = hostFd;
        return old;
    }

    synchronized int host(int fd) {
        if (fd < 0) {
            return fd;
        }
        return fd < MAX_TABLE && host[fd] >= 0 ? host[fd] : BAD;
    }

    synchronized boolean mapped(int fd) {
        return fd >= 0 && fd < MAX_TABLE && host[fd] >= 0;
    }

    /** The number of free trace numbers at or above {@code start}. */
    synchronized int free(int start) {
        int n = 0;
        for (int fd = Math.max(0, start); fd < limit; fd++) {
            if (host[fd] < 0) {
                n++;
            }
        }
        return n;
    }

    /** Maps {@code hostFd} at the lowest free trace number at or above {@code start}; -1 when the table is full. */
    synchronized int install(int hostFd, int start) {
        for (int fd = Math.max(0, start); fd < limit; fd++) {
            if (host[fd] < 0) {
                host[fd] = hostFd;
                return fd;
            }
        }
        return -1;
    }

    /** Maps trace number {@code fd} to {@code hostFd}; returns the host descriptor it stood for, or -1. */
    synchronized int replace(int fd, int hostFd) {
        int old = host[fd];
        host[fd] = hostFd;
        return old;
    }

    /** Unmaps trace number {@code fd}; returns its host descriptor, or -1 when it was not mapped. */
    synchronized int remove(int fd) {
        if (!mapped(fd)) {
            return -1;
        }
        int old = host[fd];
        host[fd] = -1;
        return old;
    }

    /** {@code rlimit(RLIMIT_NOFILE)} of the task. */
    synchronized int limit() {
        return limit;
    }

    /** Follows a new soft {@code RLIMIT_NOFILE} (at most {@link #MAX_TABLE}); open numbers above it stay. */
    synchronized void setLimit(long soft) {
        limit = (int) Math.min(soft, MAX_TABLE);
    }

    /** The mapped trace numbers in {@code [first, last]}, ascending. */
    synchronized int[] mappedIn(long first, long last) {
        return java.util.stream.IntStream.range((int) Math.min(first, MAX_TABLE), (int) Math.min(last + 1, MAX_TABLE))
                .filter(fd -> host[fd] >= 0).toArray();
    }

    /** The trace number mapped to {@code hostFd}, or -1. */
    synchronized int traceFd(int hostFd) {
        for (int fd = 0; fd < MAX_TABLE; fd++) {
            if (host[fd] == hostFd) {
                return fd;
            }
        }
        return -1;
    }

    /** Unmaps everything; returns the host descriptors to close. */
    synchronized int[] clear() {
        int[] open = Arrays.stream(host).filter(h -> h >= 0).toArray();
        Arrays.fill(host, -1);
        return open;
    }
}
