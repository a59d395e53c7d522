package dev.kemu.vfs;

/**
 * sendto and recvfrom without an address ({@code net/socket.c:__sys_sendto()},
 * {@code __sys_recvfrom()}): the buffer is checked first ({@code import_ubuf}: EFAULT past the
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
            return send ? SocketFile.sendmsg(task, u, it, flags) : SocketFile.recvmsg(task, u, it, flags);
        } finally {
            f.put();
        }
    }
}
