package dev.kemu.vfs;

/**
 * sendto, recvfrom, sendmsg and recvmsg without an address or control data
 * ({@code net/socket.c:__sys_sendto()}, {@code __sys_recvfrom()}, {@code ___sys_sendmsg()},
 * {@code ___sys_recvmsg()}): the buffer is checked first ({@code import_ubuf}: EFAULT past the
 * end of user space; counts above MAX_RW_COUNT are cut), then EBADF and ENOTSOCK; an O_NONBLOCK
 * socket adds MSG_DONTWAIT; then the family's {@code sendmsg}/{@code recvmsg}. Sending to an
 * address and receiving the sender's address are outside the model (the replayer refuses them).
 */
final class SocketMsgCalls {
    private SocketMsgCalls() {
    }

    static long sendto(Task task, int fd, UserBuffer buf, long len, int flags) {
        return transfer(task, fd, buf, len, flags, true);
    }

    static long recvfrom(Task task, int fd, UserBuffer buf, long len, int flags) {
        return transfer(task, fd, buf, len, flags, false);
    }

    private static long transfer(Task task, int fd, UserBuffer buf, long len, int flags, boolean send) {
        long n = Long.compareUnsigned(len, Fcntl.MAX_RW_COUNT) > 0 ? Fcntl.MAX_RW_COUNT : len;
        if (!ReadWrite.accessOk(n)) {
            return Errno.EFAULT.neg();
        }
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            UnixSock u = Sockfs.sockFromFile(f);
            if (u == null) {
                return Errno.ENOTSOCK.neg();
            }
            if ((f.flags() & Fcntl.O_NONBLOCK) != 0) {
                flags |= Net.MSG_DONTWAIT;
            }
            IovIter it = UserIovIter.single(buf, buf == null ? n : Math.min(n, buf.length()));
            return send ? SocketFile.sendmsg(task, u, it, flags) : SocketFile.recvmsg(task, u, it, flags, null);
        } finally {
            f.put();
        }
    }

    /**
     * {@code __sys_sendmsg} without a name or control data: EBADF, ENOTSOCK, then the iovecs
     * ({@code import_iovec}: EMSGSIZE above UIO_MAXIOV, EFAULT, EINVAL), MSG_DONTWAIT for an
     * O_NONBLOCK socket, then the family's {@code sendmsg} (which runs even for zero bytes).
     */
    static long sendmsg(Task task, int fd, java.util.List<Iovec> iov, int flags) {
        return msg(task, fd, iov, flags, true, null);
    }

    /** {@code __sys_recvmsg} without a name or control data: as {@link #sendmsg}, and the returned {@code msg_flags}. */
    static MsgResult recvmsg(Task task, int fd, java.util.List<Iovec> iov, int flags) {
        int[] msgFlags = new int[1];
        long ret = msg(task, fd, iov, flags, false, msgFlags);
        return new MsgResult(ret, ret < 0 ? 0 : msgFlags[0]);
    }

    private static long msg(Task task, int fd, java.util.List<Iovec> iov, int flags, boolean send, int[] msgFlags) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            UnixSock u = Sockfs.sockFromFile(f);
            if (u == null) {
                return Errno.ENOTSOCK.neg();
            }
            if (iov.size() > Fcntl.IOV_MAX) {
                return Errno.EMSGSIZE.neg();
            }
            IovIter[] it = new IovIter[1];
            long err = ReadWrite.importIovec(iov, it);
            if (err < 0) {
                return err;
            }
            if ((f.flags() & Fcntl.O_NONBLOCK) != 0) {
                flags |= Net.MSG_DONTWAIT;
            }
            return send ? SocketFile.sendmsg(task, u, it[0], flags) : SocketFile.recvmsg(task, u, it[0], flags, msgFlags);
        } finally {
            f.put();
        }
    }
}
