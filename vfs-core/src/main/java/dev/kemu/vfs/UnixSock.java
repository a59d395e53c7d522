package dev.kemu.vfs;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An AF_UNIX socket ({@code net/unix/af_unix.c:struct unix_sock} with its {@code struct sock}):
 * its type, the name it is bound to, and once {@code socketpair} connected it, its peer, receive
 * queue ({@link Skb}s) and send-buffer accounting ({@code sk_wmem_alloc} against
 * {@code sk_sndbuf}).
 *
 * <p>{@link #lock} is {@code unix_state_lock}; the two ends of a pair share one, which also stands
 * for {@code u->iolock} and the receive queue's spinlock. {@link #sleep} is {@code sk_sleep(sk)}:
 * readers wait there for data, writers for buffer space ({@code sock_wait_for_wmem}), pollers
 * register there. {@code listen}, {@code accept} and connecting to a bound name are outside the
 * model; a socket from {@code socket} has its own lock and never gets a peer.
 */
final class UnixSock {
    /** {@code net.core.wmem_default} of 6.18 x86-64: {@code SK_WMEM_MAX}, 256 packets of 832 bytes. */
    static final int WMEM_DEFAULT = 212992;
    static final int RCV_SHUTDOWN = 1;
    static final int SEND_SHUTDOWN = 2;
    static final int SHUTDOWN_MASK = 3;

    /** {@code sk_type}: SOCK_STREAM, SOCK_DGRAM or SOCK_SEQPACKET (SOCK_RAW becomes SOCK_DGRAM). */
    final int type;
    final ReentrantLock lock;
    /** {@code sk_sleep(sk)}. */
    final WaitQueue sleep;
    /** The wait queue a datagram read without a peer sleeps on (the same queue). */
    final Condition readable;
    /** {@code u->addr}: null, the inode of a filesystem name, or an abstract name (a String). */
    @GuardedBy("lock")
    private Object addr;
    /** The bound address as {@code getsockname} copies it out: family and {@code sun_path}, or null. */
    @GuardedBy("lock")
    private byte[] name;
    /** {@code unix_peer(sk)}. */
    @GuardedBy("lock")
    UnixSock peer;
    /** {@code sk_state == TCP_ESTABLISHED}; otherwise TCP_CLOSE. */
    @GuardedBy("lock")
    boolean established;
    /** {@code sk_shutdown}: RCV_SHUTDOWN and SEND_SHUTDOWN bits. */
    @GuardedBy("lock")
    int shutdown;
    /** {@code sk_err}: a positive errno, or 0. */
    @GuardedBy("lock")
    int err;
    /** {@code SOCK_DEAD}: released. */
    @GuardedBy("lock")
    boolean dead;
    /** {@code sk_receive_queue}. */
    @GuardedBy("lock")
    final ArrayDeque<Skb> receiveQueue = new ArrayDeque<>();
    /** {@code sk_wmem_alloc} minus its initial reference: the truesize of this socket's buffers in flight. */
    @GuardedBy("lock")
    long wmemAlloc;
    /** {@code sk_sndbuf}. */
    final int sndbuf = WMEM_DEFAULT;

    UnixSock(int type) {
        this(type, new ReentrantLock());
    }

    UnixSock(int type, ReentrantLock lock) {
        this.type = type;
        this.lock = lock;
        this.sleep = WaitQueue.of(lock);
        this.readable = sleep;
    }

    /** The bound name: null, an {@link Inode} or an abstract name; the caller holds {@link #lock}. */
    Object addrLocked() {
        return addr;
    }

    void setAddrLocked(Object a) {
        this.addr = a;
        if (a == null) {
            name = null;
        }
    }

    /** The address {@code unix_getname} copies: the bound one, or the bare family of an unnamed socket. */
    byte[] nameLocked() {
        return name != null ? name.clone() : new byte[] {(byte) Net.AF_UNIX, 0};
    }

    void setNameLocked(byte[] n) {
        this.name = n.clone();
    }

    /** {@code unix_writable()}: at most a quarter of the send buffer is in flight. */
    boolean writableLocked() {
        return (wmemAlloc + 1) << 2 <= sndbuf;
    }

    /** {@code sock_error()}: the pending error, cleared, as a negated errno; 0 for none. */
    long sockErrorLocked() {
        int e = err;
        err = 0;
        return e == 0 ? 0 : -e;
    }

    /**
     * {@code sock_wfree()} + {@code unix_write_space()}: a buffer of this socket's was freed; its
     * writers and pollers wake once the socket is writable again.
     */
    void wfreeLocked(Skb skb) {
        wmemAlloc -= skb.truesize;
        if (writableLocked()) {
            sleep.signalAll();
        }
    }

    /** The result of {@link #allocSendSkbLocked}: a buffer charged to the socket, or an errno. */
    record Alloc(long err, int truesize) {
    }

    /**
     * {@code net/core/sock.c:sock_alloc_send_pskb()}: the pending error, EPIPE after SEND_SHUTDOWN,
     * then room while {@code sk_wmem_alloc < sk_sndbuf} (a buffer may overshoot it); else EAGAIN
     * without waiting, or sleep ({@code sock_wait_for_wmem}) until room, an error, a shutdown or a
     * signal (ERESTARTSYS). On success the truesize is charged ({@code skb_set_owner_w}).
     */
    Alloc allocSendSkbLocked(Task task, int header, int dataLen, boolean nonblock) {
        for (;;) {
            long e = sockErrorLocked();
            if (e < 0) {
                return new Alloc(e, 0);
            }
            if ((shutdown & SEND_SHUTDOWN) != 0) {
                return new Alloc(Errno.EPIPE.neg(), 0);
            }
            if (wmemAlloc < sndbuf) {
                break;
            }
            if (nonblock) {
                return new Alloc(Errno.EAGAIN.neg(), 0);
            }
            if (task == null || !task.sleepOn(sleep, "sock_wait_for_wmem")) {
                return new Alloc(Errno.ERESTARTSYS.neg(), 0);
            }
        }
        int truesize = Skb.truesize(header, dataLen);
        wmemAlloc += truesize;
        return new Alloc(0, truesize);
    }

    /**
     * {@code unix_release_sock()}: the socket is dead and shut down; a stream or seqpacket peer is
     * shut down both ways (ECONNRESET pending when unread data is lost) and woken; the unread
     * buffers are freed, which gives their senders room.
     */
    void releaseLocked() {
        UnixSock skpair = peer;
        shutdown = SHUTDOWN_MASK;
        established = false;
        dead = true;
        peer = null;
        if (skpair != null) {
            if (type == Net.SOCK_STREAM || type == Net.SOCK_SEQPACKET) {
                skpair.shutdown = SHUTDOWN_MASK;
                if (!receiveQueue.isEmpty()) {
                    skpair.err = Errno.ECONNRESET.code();
                }
                skpair.sleep.signalAll();
            }
        }
        Skb skb;
        while ((skb = receiveQueue.pollFirst()) != null) {
            skb.owner.wfreeLocked(skb);
        }
        sleep.signalAll();
    }
}
