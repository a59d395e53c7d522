package dev.kemu.pipe;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import dev.kemu.vfs.Inode;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pipe ({@code include/linux/pipe_fs_i.h:struct pipe_inode_info}): a ring of
 * {@link PipeBuffer} slots with free-running {@code head} and {@code tail} counters (the 5.5+
 * layout; 3.10's {@code curbuf}/{@code nrbufs} describe the same ring and behave the same),
 * {@code max_usage} slots usable, reader and writer counts, and two wait queues.
 *
 * <p>Capacity is counted in slots, not bytes: a slot holding one byte is full as far as new
 * slots go. Everything is guarded by {@link #mutex()} ({@code pipe->mutex}); the wait queues
 * are conditions of that lock. A {@link PipeRingKind#LOCKFREE} pipe also lets one writing and
 * one reading task past the mutex ({@link SpscRing}), while no one holds it. Two pipes are locked together only through
 * {@link PipeLocks#lockTwo}, in the order of their {@link #id()}.
 */
public final class Pipe {
    /** {@code PIPE_DEF_BUFFERS}. */
    public static final int DEF_BUFFERS = 16;

    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final ReentrantLock mutex;
    final Condition rdWait;
    final Condition wrWait;
    /** The lock-free path's state, or null for a {@link PipeRingKind#MUTEX} pipe. */
    final SpscRing spsc;
    private final Inode inode;
    @GuardedBy("mutex")
    PipeBuffer[] bufs;
    @GuardedBy("mutex")
    int head;
    @GuardedBy("mutex")
    int tail;
    @GuardedBy("mutex")
    int maxUsage;
    @GuardedBy("mutex")
    int readers;
    @GuardedBy("mutex")
    int writers;
    /** Files open on the pipe; guarded by the inode's monitor ({@code i_lock}), see {@link FifoOpen}. */
    int files;
    /** {@code r_counter}: opens for reading so far; a FIFO writer waiting for a reader watches it change. */
    @GuardedBy("mutex")
    int rCounter;
    /** {@code w_counter}: opens for writing so far. */
    @GuardedBy("mutex")
    int wCounter;
    /** {@code user}: the real uid whose slot count this pipe adds to (when {@link #limits} is set). */
    int user;
    /** The machine's limits the pipe's slots are charged against; null for a pipe nobody is charged for. */
    dev.kemu.vfs.PipeSysctl limits;
    /** {@code nr_accounted}: the slots charged to {@link #user}. */
    @GuardedBy("mutex")
    int nrAccounted;

    Pipe(Inode inode, int slots) {
        this(inode, slots, PipeRingKind.MUTEX);
    }

    Pipe(Inode inode, int slots, PipeRingKind ring) {
        this.spsc = ring == PipeRingKind.LOCKFREE ? new SpscRing() : null;
        this.mutex = spsc == null ? new ReentrantLock() : new GatedMutex(spsc);
        this.rdWait = dev.kemu.vfs.WaitQueue.of(mutex);
        this.wrWait = dev.kemu.vfs.WaitQueue.of(mutex);
        this.inode = inode;
        this.bufs = newRing(slots);
        this.maxUsage = slots;
    }

    static PipeBuffer[] newRing(int slots) {
        PipeBuffer[] ring = new PipeBuffer[slots];
        for (int i = 0; i < slots; i++) {
            ring[i] = new PipeBuffer();
        }
        return ring;
    }

    /** A stable identity, used to order the locking of two pipes (the kernel compares addresses). */
    public long id() {
        return id;
    }

    /** Which ring this pipe is. */
    public PipeRingKind ringKind() {
        return spsc == null ? PipeRingKind.MUTEX : PipeRingKind.LOCKFREE;
    }

    /** {@code pipe->mutex}. */
    public ReentrantLock mutex() {
        return mutex;
    }

    /** This pipe's name in the current task's function-graph trace. */
    public String traceName() {
        return dev.kemu.vfs.Ftrace.label(this, "pipe");
    }

    /** {@code pipe_lock}: takes the mutex (traced as a lock acquisition). */
    public void lock() {
        if (dev.kemu.vfs.Ftrace.on()) {
            dev.kemu.vfs.Ftrace.note("mutex_lock(" + traceName() + ")");
        }
        lockCounted(mutex);
    }

    /** Takes a lock, counting a wait when it was held by someone else. */
    static void lockCounted(ReentrantLock lock) {
        if (lock.tryLock()) {
            return;
        }
        if (!dev.kemu.vfs.KernelStats.enabled()) {
            lock.lock();
            return;
        }
        long t0 = System.nanoTime();
        lock.lock();
        dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.LOCK_WAITS, 1);
        dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.LOCK_WAIT_NANOS, System.nanoTime() - t0);
    }

    /** {@code pipe_unlock}. */
    public void unlock() {
        mutex.unlock();
    }

    /** The pipefs (or FIFO) inode. */
    public Inode inode() {
        return inode;
    }

    /** {@code ring_size}. */
    int ringSize() {
        return bufs.length;
    }

    /** {@code pipe_buf(pipe, slot)}. Caller holds the mutex. */
    PipeBuffer buf(int slot) {
        return bufs[slot & (bufs.length - 1)];
    }

    /** {@code pipe_occupancy}. */
    int occupancy() {
        return head - tail;
    }

    boolean isEmpty() {
        return head == tail;
    }

    /** {@code pipe_full}: occupancy reached {@code max_usage}. */
    boolean isFull() {
        return occupancy() >= maxUsage;
    }

    /** {@code pipe_readable}: data or no writers. */
    boolean readable() {
        return !isEmpty() || writers == 0;
    }

    /** {@code pipe_writable}: room or no readers. */
    boolean writable() {
        return !isFull() || readers == 0;
    }

    /** Wakes everything waiting on either queue ({@code wake_up_interruptible_all}). Caller holds the mutex. */
    void wakeAll() {
        rdWait.signalAll();
        wrWait.signalAll();
    }

    /** Frees the tail slot and advances the tail ({@code pipe_update_tail}). Caller holds the mutex. */
    void consumeTail() {
        buf(tail).release();
        tail++;
    }

    /** Capacity in bytes, as F_GETPIPE_SZ reports it. */
    public int sizeBytes() {
        mutex.lock();
        try {
            return maxUsage * dev.kemu.vfs.Page.SIZE;
        } finally {
            mutex.unlock();
        }
    }

    /** A snapshot of the occupied slots, oldest first, for traces and tests. */
    public java.util.List<String> describeSlots() {
        mutex.lock();
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (int s = tail; s != head; s++) {
                out.add("slot " + (s & (bufs.length - 1)) + ": " + buf(s));
            }
            return out;
        } finally {
            mutex.unlock();
        }
    }

    /** A copy of the whole ring, every slot as it stands, taken under the mutex (for pictures and tests). */
    public PipeRing ring() {
        mutex.lock();
        try {
            java.util.List<PipeRing.Slot> slots = new java.util.ArrayList<>();
            int mask = bufs.length - 1;
            for (int i = 0; i < bufs.length; i++) {
                PipeBuffer b = bufs[i];
                // occupied when some free-running index in [tail, head) maps to slot i
                boolean used = head - tail > 0 && ((i - (tail & mask)) & mask) < head - tail;
                slots.add(new PipeRing.Slot(i, used, b.page, b.offset, b.len, b.ops == null ? null : b.ops.kernelName(),
                        b.flags));
            }
            return new PipeRing(id, head, tail, maxUsage, slots);
        } finally {
            mutex.unlock();
        }
    }

    /** Bytes queued. */
    public long bytesQueued() {
        mutex.lock();
        try {
            long n = 0;
            for (int s = tail; s != head; s++) {
                n += buf(s).len;
            }
            return n;
        } finally {
            mutex.unlock();
        }
    }

    /** Readers and writers still open. */
    public int[] endCounts() {
        mutex.lock();
        try {
            return new int[] {readers, writers};
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public String toString() {
        return "pipe#" + id;
    }
}
