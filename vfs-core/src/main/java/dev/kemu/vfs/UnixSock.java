package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An AF_UNIX socket ({@code net/unix/af_unix.c:struct unix_sock}) as far as the model takes it:
 * its type and the name it is bound to. It is never connected and never listens: {@code listen},
 * {@code accept}, {@code socketpair} and data transfer between sockets are outside the model, so
 * a stream or seqpacket {@code connect} always finds no listener.
 *
 * <p>{@link #lock} is {@code unix_state_lock}; it guards the name and is the lock a blocking
 * datagram read sleeps under ({@code sk_sleep}).
 */
final class UnixSock {
    /** {@code sk_type}: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET (SOCK_RAW becomes SOCK_DGRAM). */
    final int type;
    final ReentrantLock lock = new ReentrantLock();
    /** {@code sk_sleep}: nothing ever queues a datagram, so only a signal ends the wait. */
    final Condition readable = WaitQueue.of(lock);
    /** {@code u->addr}: null, the inode of a filesystem name, or an abstract name (a String). */
    @GuardedBy("lock")
    private Object addr;

    UnixSock(int type) {
        this.type = type;
    }

    /** The bound name: null, an {@link Inode} or an abstract name; the caller holds {@link #lock}. */
    Object addrLocked() {
        return addr;
    }

    void setAddrLocked(Object a) {
        this.addr = a;
    }
}
