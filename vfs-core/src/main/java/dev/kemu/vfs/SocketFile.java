package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileOperations;

/**
 * {@code net/socket.c:socket_file_ops} for an unconnected AF_UNIX socket
 * ({@code sock_read_iter}, {@code sock_write_iter}, {@code sock_close}), with the answers of
 * {@code net/unix/af_unix.c} for a socket that has no peer.
 *
 * <p>read: 0 for an empty buffer ({@code sock_read_iter}), else EINVAL on a stream socket
 * ({@code unix_stream_read_generic}: not TCP_ESTABLISHED), ENOTCONN on a seqpacket socket
 * ({@code unix_seqpacket_recvmsg}), and on a datagram socket EAGAIN with O_NONBLOCK or a sleep
 * only a signal ends (ERESTARTSYS), since nothing can send to it in the model. write: ENOTCONN
 * for every type ({@code unix_stream_sendmsg}, {@code unix_seqpacket_sendmsg},
 * {@code unix_dgram_sendmsg} without a peer), even for an empty buffer; EPIPE needs a shut-down
 * connection, which the model never has.
 */
final class SocketFile implements FileOperations {
    private final Sockfs sockfs;

    SocketFile(Sockfs sockfs) {
        this.sockfs = sockfs;
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        if (to.count() == 0) {
            return 0;
        }
        UnixSock u = (UnixSock) iocb.file().privateData();
        switch (u.type) {
            case Net.SOCK_STREAM:
                return Errno.EINVAL.neg();
            case Net.SOCK_SEQPACKET:
                return Errno.ENOTCONN.neg();
            default:
                return dgramWait(iocb, u);
        }
    }

    /** {@code __skb_wait_for_more_packets}: EAGAIN without waiting, or sleep until a signal. */
    private static long dgramWait(Kiocb iocb, UnixSock u) {
        if ((iocb.file().flags() & Fcntl.O_NONBLOCK) != 0) {
            return Errno.EAGAIN.neg();
        }
        Task task = iocb.task();
        u.lock.lock();
        try {
            while (true) {
                if (task == null || !task.sleepOn(u.readable, "unix_dgram_recvmsg")) {
                    return Errno.ERESTARTSYS.neg();
                }
            }
        } finally {
            u.lock.unlock();
        }
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        return Errno.ENOTCONN.neg();
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    /** {@code sock_close}: the socket's names go with it. */
    @Override
    public void release(Inode inode, File file) {
        sockfs.release((UnixSock) file.privateData());
    }
}
