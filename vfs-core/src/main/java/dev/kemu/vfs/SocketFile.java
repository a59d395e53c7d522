package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code net/socket.c:socket_file_ops} for an AF_UNIX socket: {@code sock_read_iter},
 * {@code sock_write_iter}, {@code sock_poll}, {@code sock_splice_read}, {@code splice_write}
 * ({@code splice_to_socket} from 6.5) and {@code sock_close}, over the family's
 * {@code unix_stream_ops}, {@code unix_dgram_ops} and {@code unix_seqpacket_ops}.
 *
 * <p>read: 0 for an empty buffer, else {@code recvmsg} with MSG_DONTWAIT when the file is
 * O_NONBLOCK. write: {@code sendmsg} with MSG_DONTWAIT likewise (and MSG_EOR on seqpacket,
 * which changes nothing here), even for an empty buffer. The socket-to-pipe splice reads through
 * {@code read_iter} into the pipe's own pages ({@code copy_splice_read}); Linux's
 * {@code unix_stream_splice_read} hands the buffers' pages over instead, which moves the same
 * bytes and also honours SPLICE_F_NONBLOCK, which the model's copy path does not see.
 */
final class SocketFile implements FileOperations {
    private final Sockfs sockfs;

    SocketFile(Sockfs sockfs) {
        this.sockfs = sockfs;
    }

    /** {@code sock_read_iter}/{@code sock_write_iter}: MSG_DONTWAIT for an O_NONBLOCK file or an IOCB_NOWAIT request. */
    private static int msgFlags(Kiocb iocb) {
        boolean nowait = (iocb.file().flags() & Fcntl.O_NONBLOCK) != 0 || (iocb.flags() & Kiocb.IOCB_NOWAIT) != 0;
        return nowait ? Net.MSG_DONTWAIT : 0;
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        if (to.count() == 0) {
            return 0;
        }
        UnixSock u = (UnixSock) iocb.file().privateData();
        return recvmsg(iocb.task(), u, to, msgFlags(iocb), null);
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        UnixSock u = (UnixSock) iocb.file().privateData();
        return sendmsg(iocb.task(), u, from, msgFlags(iocb));
    }

    /** {@code sock->ops->sendmsg}. */
    static long sendmsg(Task task, UnixSock u, IovIter from, int flags) {
        return u.type == Net.SOCK_STREAM ? UnixStream.sendmsg(task, u, from, flags) : UnixDgram.sendmsg(task, u, from, flags);
    }

    /** {@code sock->ops->recvmsg}; {@code msgFlags}, when not null, receives the returned {@code msg_flags}. */
    static long recvmsg(Task task, UnixSock u, IovIter to, int flags, int[] msgFlags) {
        return u.type == Net.SOCK_STREAM ? UnixStream.recvmsg(task, u, to, flags) : UnixDgram.recvmsg(task, u, to, flags, msgFlags);
    }

    /**
     * {@code sock_poll}: {@code unix_poll} for stream sockets, {@code unix_dgram_poll} for datagram
     * and seqpacket ones. Both register {@code sk_sleep}; the datagram form leaves the write
     * tests out when no write event is asked for.
     */
    @Override
    public int poll(File file, PollTable pt) {
        UnixSock sk = (UnixSock) file.privateData();
        pt.pollWait(sk.sleep);
        sk.lock.lock();
        try {
            int mask = 0;
            boolean stream = sk.type == Net.SOCK_STREAM;
            if (sk.err != 0) {
                mask |= PollTable.POLLERR;
            }
            if (sk.shutdown == UnixSock.SHUTDOWN_MASK) {
                mask |= PollTable.POLLHUP;
            }
            if ((sk.shutdown & UnixSock.RCV_SHUTDOWN) != 0) {
                mask |= PollTable.POLLRDHUP | PollTable.POLLIN | PollTable.POLLRDNORM;
            }
            if (!sk.receiveQueue.isEmpty()) {
                mask |= PollTable.POLLIN | PollTable.POLLRDNORM;
            }
            if ((stream || sk.type == Net.SOCK_SEQPACKET) && !sk.established) {
                mask |= PollTable.POLLHUP;
            }
            int out = PollTable.POLLOUT | PollTable.POLLWRNORM | PollTable.POLLWRBAND;
            if (!stream && (pt.requestedEvents() & out) == 0) {
                return mask;
            }
            if (sk.writableLocked()) {
                mask |= out;
            }
            return mask;
        } finally {
            sk.lock.unlock();
        }
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public SpliceRead spliceRead() {
        return SpliceRead.COPY;
    }

    @Override
    public SpliceWrite spliceWrite() {
        return SpliceWrite.SOCKET;
    }

    /** {@code sock_close}: {@code unix_release_sock}, and the socket's names go with it. */
    @Override
    public void release(Inode inode, File file) {
        UnixSock u = (UnixSock) file.privateData();
        sockfs.release(u);
        u.lock.lock();
        try {
            u.releaseLocked();
        } finally {
            u.lock.unlock();
        }
    }
}
