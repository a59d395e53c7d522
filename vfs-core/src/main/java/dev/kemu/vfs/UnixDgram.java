package dev.kemu.vfs;

/**
 * The data path of AF_UNIX datagram and seqpacket sockets ({@code net/unix/af_unix.c} of 6.18:
 * {@code unix_dgram_sendmsg()}, {@code unix_seqpacket_sendmsg()}, {@code __unix_dgram_recvmsg()},
 * {@code unix_seqpacket_recvmsg()}; {@code net/core/datagram.c:__skb_try_recv_datagram()},
 * {@code __skb_wait_for_more_packets()}).
 *
 * <p>sendmsg: EMSGSIZE above {@code sk_sndbuf - 32}; the buffer is paid for first (EAGAIN or a
 * sleep on a full send buffer), then the peer is looked for (ENOTCONN without one; a dead peer
 * is ECONNREFUSED and disconnects a datagram socket, EPIPE for seqpacket; EPIPE when the peer
 * shut down reading). A datagram to an address ({@code sendto} with a name) is outside the model.
 * The receiver-queue limit ({@code unix_recvq_full}, {@code max_dgram_qlen}) never applies: it
 * only concerns a peer not connected back, and a socketpair's ends are connected to each other.
 * recvmsg: the pending error first; one datagram per call, cut to the buffer (MSG_TRUNC returns
 * its full length); an empty queue is EAGAIN without waiting (0 for a shut-down seqpacket
 * socket), else 0 after a shutdown, ENOTCONN for an unconnected seqpacket socket, or a sleep.
 */
final class UnixDgram {
    private UnixDgram() {
    }

    static long sendmsg(Task task, UnixSock sk, IovIter from, int flags) {
        if (sk.type == Net.SOCK_SEQPACKET) {
            sk.lock.lock();
            try {
                long e = sk.sockErrorLocked();
                if (e < 0) {
                    return e;
                }
                if (!sk.established) {
                    return Errno.ENOTCONN.neg();
                }
            } finally {
                sk.lock.unlock();
            }
        }
        if ((flags & Net.MSG_OOB) != 0) {
            return Errno.EOPNOTSUPP.neg();
        }
        long len = from.count();
        if (len > sk.sndbuf - 32) {
            return Errno.EMSGSIZE.neg();
        }
        int dataLen = 0;
        if (len > Skb.MAX_ALLOC) {
            dataLen = (int) Math.min(len - Skb.MAX_ALLOC, (long) Skb.MAX_FRAGS * Page.SIZE);
            dataLen = Skb.align(dataLen, Page.SIZE);
        }
        sk.lock.lock();
        try {
            UnixSock.Alloc a = sk.allocSendSkbLocked(task, (int) len - dataLen, dataLen, (flags & Net.MSG_DONTWAIT) != 0);
            if (a.err() < 0) {
                return a.err();
            }
            byte[] data = Skb.copyFromIter(from, (int) len);
            Skb skb = new Skb(data == null ? new byte[0] : data, sk, a.truesize());
            long err = deliverLocked(sk, skb, data == null);
            if (err < 0) {
                sk.wfreeLocked(skb);
                return err;
            }
            return len;
        } finally {
            sk.lock.unlock();
        }
    }

    private static long deliverLocked(UnixSock sk, Skb skb, boolean fault) {
        if (fault) {
            return Errno.EFAULT.neg();
        }
        UnixSock other = sk.peer;
        if (other == null) {
            return Errno.ENOTCONN.neg();
        }
        if (other.dead) {
            if (sk.type == Net.SOCK_SEQPACKET) {
                return Errno.EPIPE.neg();
            }
            sk.peer = null;
            sk.established = false;
            return Errno.ECONNREFUSED.neg();
        }
        if ((other.shutdown & UnixSock.RCV_SHUTDOWN) != 0) {
            return Errno.EPIPE.neg();
        }
        other.receiveQueue.addLast(skb);
        other.sleep.signalAll();
        return 0;
    }

    static long recvmsg(Task task, UnixSock sk, IovIter to, int flags, int[] msgFlags) {
        sk.lock.lock();
        try {
            if (sk.type == Net.SOCK_SEQPACKET && !sk.established) {
                return Errno.ENOTCONN.neg();
            }
            if ((flags & Net.MSG_OOB) != 0) {
                return Errno.EOPNOTSUPP.neg();
            }
            boolean nonblock = (flags & Net.MSG_DONTWAIT) != 0;
            Skb skb;
            for (;;) {
                long err = sk.sockErrorLocked();
                if (err < 0) {
                    return err;
                }
                skb = sk.receiveQueue.peekFirst();
                if (skb != null) {
                    break;
                }
                if (nonblock) {
                    boolean eof = sk.type == Net.SOCK_SEQPACKET && (sk.shutdown & UnixSock.RCV_SHUTDOWN) != 0;
                    return eof ? 0 : Errno.EAGAIN.neg();
                }
                err = sk.sockErrorLocked();
                if (err < 0) {
                    return err;
                }
                if ((sk.shutdown & UnixSock.RCV_SHUTDOWN) != 0) {
                    return 0;
                }
                if (sk.type == Net.SOCK_SEQPACKET && !sk.established) {
                    return Errno.ENOTCONN.neg();
                }
                if (task == null || !task.sleepOn(sk.sleep, "unix_dgram_recvmsg")) {
                    return Errno.ERESTARTSYS.neg();
                }
            }
            int size = (int) Math.min(to.count(), skb.len());
            if (msgFlags != null && size < skb.len()) {
                msgFlags[0] |= Net.MSG_TRUNC;
            }
            int n = to.copyToIter(skb.data, 0, size);
            long ret = (flags & Net.MSG_TRUNC) != 0 ? skb.len() : size;
            if (n < size) {
                ret = Errno.EFAULT.neg();
            }
            if ((flags & Net.MSG_PEEK) == 0) {
                sk.receiveQueue.pollFirst();
                skb.owner.wfreeLocked(skb);
            }
            return ret;
        } finally {
            sk.lock.unlock();
        }
    }
}
