package dev.kemu.vfs;

/**
 * The data path of a connected AF_UNIX stream socket ({@code net/unix/af_unix.c} of 6.18:
 * {@code unix_stream_sendmsg()}, {@code unix_stream_read_generic()},
 * {@code unix_stream_data_wait()}).
 *
 * <p>sendmsg cuts the data into buffers of at most half the send buffer less 64 bytes and at most
 * {@code SKB_MAX_HEAD(0) + 32 KiB}, each paid for by {@code sock_alloc_send_pskb} before it is
 * filled: a full socket blocks, or answers EAGAIN with MSG_DONTWAIT / O_NONBLOCK (bytes already
 * queued are returned instead). A peer gone or shut down for reading is EPIPE and SIGPIPE (not
 * with MSG_NOSIGNAL, nor once something was sent). recvmsg copies from the queue's head, stopping
 * after a buffer it leaves partly read; with nothing queued it returns what it has, the pending
 * error, 0 after the peer shut down, EAGAIN, or sleeps. Out-of-band data
 * ({@code CONFIG_AF_UNIX_OOB}) and passing descriptors are outside the model: MSG_OOB is EOPNOTSUPP
 * on send and EINVAL on receive, as with no urgent byte queued.
 */
final class UnixStream {
    private UnixStream() {
    }

    /** {@code UNIX_SKB_FRAGS_SZ}: 32 KiB of page fragments per buffer. */
    static final int FRAGS_SZ = 32768;

    static long sendmsg(Task task, UnixSock sk, IovIter from, int flags) {
        if ((flags & Net.MSG_OOB) != 0) {
            return Errno.EOPNOTSUPP.neg();
        }
        boolean nonblock = (flags & Net.MSG_DONTWAIT) != 0;
        long len = from.count();
        long sent = 0;
        sk.lock.lock();
        try {
            UnixSock other = sk.peer;
            if (other == null) {
                return Errno.ENOTCONN.neg();
            }
            if ((sk.shutdown & UnixSock.SEND_SHUTDOWN) != 0) {
                return pipe(task, sent, flags);
            }
            while (sent < len) {
                int size = (int) Math.min(len - sent, Integer.MAX_VALUE);
                size = Math.min(size, (sk.sndbuf >> 1) - 64);
                size = Math.min(size, Skb.MAX_HEAD0 + FRAGS_SZ);
                int dataLen = Math.max(0, size - Skb.MAX_HEAD0);
                dataLen = Math.min(size, Skb.align(dataLen, Page.SIZE));
                UnixSock.Alloc a = sk.allocSendSkbLocked(task, size - dataLen, dataLen, nonblock);
                if (a.err() < 0) {
                    return sent > 0 ? sent : a.err();
                }
                byte[] data = Skb.copyFromIter(from, size);
                Skb skb = new Skb(data == null ? new byte[0] : data, sk, a.truesize());
                if (data == null) {
                    sk.wfreeLocked(skb);
                    return sent > 0 ? sent : Errno.EFAULT.neg();
                }
                other = sk.peer;
                if (other == null || other.dead || (other.shutdown & UnixSock.RCV_SHUTDOWN) != 0) {
                    sk.wfreeLocked(skb);
                    return pipe(task, sent, flags);
                }
                other.receiveQueue.addLast(skb);
                other.sleep.signalAll();
                sent += size;
            }
            return sent;
        } finally {
            sk.lock.unlock();
        }
    }

    /** {@code out_pipe}: SIGPIPE unless something was sent or MSG_NOSIGNAL; EPIPE or the bytes sent. */
    private static long pipe(Task task, long sent, int flags) {
        if (sent == 0 && (flags & Net.MSG_NOSIGNAL) == 0 && task != null) {
            task.sendSignal(Signal.SIGPIPE);
        }
        return sent > 0 ? sent : Errno.EPIPE.neg();
    }

    static long recvmsg(Task task, UnixSock sk, IovIter to, int flags) {
        sk.lock.lock();
        try {
            if (!sk.established) {
                return Errno.EINVAL.neg();
            }
            if ((flags & Net.MSG_OOB) != 0) {
                return Errno.EINVAL.neg();
            }
            long size = to.count();
            long target = (flags & Net.MSG_WAITALL) != 0 ? size : Math.min(1, size);
            target = Math.max(target, 1);
            boolean nonblock = (flags & Net.MSG_DONTWAIT) != 0;
            boolean peek = (flags & Net.MSG_PEEK) != 0;
            long copied = 0;
            long err = 0;
            java.util.Iterator<Skb> it = null;
            do {
                Skb skb;
                if (peek) {
                    if (it == null) {
                        it = sk.receiveQueue.iterator();
                    }
                    skb = it.hasNext() ? it.next() : null;
                } else {
                    skb = sk.receiveQueue.peekFirst();
                }
                if (skb == null) {
                    if (copied >= target) {
                        break;
                    }
                    err = sk.sockErrorLocked();
                    if (err < 0) {
                        break;
                    }
                    if ((sk.shutdown & UnixSock.RCV_SHUTDOWN) != 0) {
                        break;
                    }
                    if (nonblock) {
                        err = Errno.EAGAIN.neg();
                        break;
                    }
                    if (task == null || !task.sleepOn(sk.sleep, "unix_stream_data_wait")) {
                        err = Errno.ERESTARTSYS.neg();
                        break;
                    }
                    it = null;
                    continue;
                }
                int chunk = (int) Math.min(skb.len(), size);
                int n = to.copyToIter(skb.data, skb.consumed, chunk);
                if (n < chunk) {
                    if (copied == 0) {
                        copied = Errno.EFAULT.neg();
                    }
                    break;
                }
                copied += chunk;
                size -= chunk;
                if (!peek) {
                    skb.consumed += chunk;
                    if (skb.len() > 0) {
                        break;
                    }
                    sk.receiveQueue.pollFirst();
                    skb.owner.wfreeLocked(skb);
                }
            } while (size > 0);
            return copied != 0 ? copied : err;
        } finally {
            sk.lock.unlock();
        }
    }
}
