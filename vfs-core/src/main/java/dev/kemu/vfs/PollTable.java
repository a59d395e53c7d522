package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A poll table ({@code include/linux/poll.h:poll_table_struct} inside
 * {@code fs/select.c:struct poll_wqueues}): what a file's {@code poll} method is asked for
 * ({@code _key}, the requested events plus EPOLLERR and EPOLLHUP) and where it registers the wait
 * queues whose wake-up makes the poller look again ({@code poll_wait()} → {@code __pollwait()}).
 *
 * <p>A registered queue runs {@code pollwake} at each wake-up: it sets {@code triggered} and wakes
 * the polling task, which sleeps on the table's own queue under the table's own lock. That lock
 * is taken inside whatever lock the waker holds (a pipe's mutex, a socket's state lock) and never
 * the other way round: {@code poll} methods run without it.
 */
public final class PollTable {
    public static final int POLLIN = 0x0001;
    public static final int POLLPRI = 0x0002;
    public static final int POLLOUT = 0x0004;
    public static final int POLLERR = 0x0008;
    public static final int POLLHUP = 0x0010;
    public static final int POLLNVAL = 0x0020;
    public static final int POLLRDNORM = 0x0040;
    public static final int POLLRDBAND = 0x0080;
    public static final int POLLWRNORM = 0x0100;
    public static final int POLLWRBAND = 0x0200;
    public static final int POLLMSG = 0x0400;
    public static final int POLLRDHUP = 0x2000;
    /** {@code DEFAULT_POLLMASK}: what {@code vfs_poll} answers for a file without a {@code poll} method. */
    public static final int DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue wait = WaitQueue.of(lock);
    private final List<WaitQueue> registered = new ArrayList<>();
    private final Runnable pollwake = this::pollwake;
    private int key;
    /** {@code pt->_qproc != NULL}: poll methods still register their queues. */
    private boolean registering = true;
    /** {@code pwq->triggered}, guarded by {@link #lock}. */
    private boolean triggered;

    /** A table that registers, for a task about to poll. */
    public PollTable() {
    }

    /** {@code poll_requested_events()}: the events the current descriptor asks for. */
    public int requestedEvents() {
        return key;
    }

    void setKey(int key) {
        this.key = key;
    }

    /** {@code poll_wait(filp, queue, p)}: registers {@code queue} unless the table stopped registering. */
    public void pollWait(Condition queue) {
        if (registering && queue instanceof WaitQueue wq && !registered.contains(wq)) {
            registered.add(wq);
            wq.addPollEntry(pollwake);
        }
    }

    /** {@code pt->_qproc = NULL}: an event was found (or there is no wait), later calls do not register. */
    void stopRegistering() {
        registering = false;
    }

    /** {@code fs/select.c:pollwake()}: on the waker's thread, inside the waker's lock. */
    private void pollwake() {
        lock.lock();
        try {
            triggered = true;
            wait.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code poll_schedule_timeout()}: sleeps until a registered queue is woken (or was woken since
     * the poll methods ran) or a signal comes; false for the signal. {@code triggered} is cleared.
     */
    boolean schedule(Task task) {
        lock.lock();
        try {
            while (!triggered) {
                if (!task.sleepOn(wait, "do_poll")) {
                    return false;
                }
            }
            triggered = false;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** {@code poll_freewait()}: every registration is removed. */
    void freewait() {
        for (WaitQueue wq : registered) {
            wq.removePollEntry(pollwake);
        }
        registered.clear();
    }
}
