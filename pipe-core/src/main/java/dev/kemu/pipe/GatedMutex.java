package dev.kemu.pipe;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code pipe->mutex} of a {@link PipeRingKind#LOCKFREE} pipe: the same reentrant lock, which on
 * its first acquisition by a thread shuts the lock-free path ({@link SpscRing#closeGate()}) and on
 * its last release opens it again. Every mutex-taking operation (splice, tee, vmsplice,
 * F_SETPIPE_SZ, close, poll, FIONREAD, a read or write that fell back) therefore has the ring to
 * itself, however it reaches the lock ({@link Pipe#lock()}, {@link PipeLocks#lockTwo}, the
 * snapshots of {@link Pipe}). A task asleep in {@code Condition.await} gave the lock up without
 * {@link #unlock()}, so the gate stays shut while it sleeps: nobody can write or read past it
 * without the mutex, and its wake-up comes from a call that holds the mutex, as in
 * {@code fs/pipe.c}.
 */
final class GatedMutex extends ReentrantLock {
    private static final long serialVersionUID = 1L;

    private final transient SpscRing ring;

    GatedMutex(SpscRing ring) {
        this.ring = ring;
    }

    @Override
    public void lock() {
        super.lock();
        shutIfFirst();
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        super.lockInterruptibly();
        shutIfFirst();
    }

    @Override
    public boolean tryLock() {
        if (!super.tryLock()) {
            return false;
        }
        shutIfFirst();
        return true;
    }

    @Override
    public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
        if (!super.tryLock(timeout, unit)) {
            return false;
        }
        shutIfFirst();
        return true;
    }

    @Override
    public void unlock() {
        if (getHoldCount() == 1 && isHeldByCurrentThread()) {
            ring.openGate();
        }
        super.unlock();
    }

    private void shutIfFirst() {
        if (getHoldCount() == 1) {
            ring.closeGate();
        }
    }
}
