package dev.kemu.vfs;

import java.util.concurrent.locks.ReentrantLock;

/**
 * socketpair, getsockname and getpeername ({@code net/socket.c:__sys_socketpair()},
 * {@code __sys_getsockname()}, {@code __sys_getpeername()}, {@code move_addr_to_user()};
 * {@code net/unix/af_unix.c:unix_socketpair()}, {@code unix_getname()}).
 */
final class SocketPairCalls {
    private SocketPairCalls() {
    }

    /** {@code IPPROTO_TCP}. */
    private static final int IPPROTO_TCP = 6;
    /** {@code IPPROTO_UDP}. */
    private static final int IPPROTO_UDP = 17;

    /**
     * {@code __sys_socketpair}: EINVAL for flags other than SOCK_CLOEXEC and SOCK_NONBLOCK; two
     * descriptors reserved (EMFILE); {@code fds} written (EFAULT when null); then
     * {@code sock_create} twice: EAFNOSUPPORT for a family outside {@code [0, afMax)} or with no
     * implementation (AF_UNSPEC), EINVAL for a type at or above SOCK_MAX, the family's own checks
     * ({@code unix_create}: EPROTONOSUPPORT, ESOCKTNOSUPPORT); then the family's
     * {@code socketpair}: AF_UNIX connects the two ({@code unix_socketpair}), AF_INET and AF_INET6
     * stream and datagram sockets and NETLINK_ROUTE sockets have none ({@code sock_no_socketpair},
     * EOPNOTSUPP; a protocol that is not TCP or UDP for inet is EPROTONOSUPPORT first). Other families answer
     * {@link Net#NOT_MODELLED}.
     *
     * @param fds receives the two descriptors; null for an array the kernel cannot write
     */
    static long socketpair(Task task, int family, int type, int protocol, int[] fds, int afMax) {
        int flags = type & ~Net.SOCK_TYPE_MASK;
        if ((flags & ~(Net.SOCK_CLOEXEC | Net.SOCK_NONBLOCK)) != 0) {
            return Errno.EINVAL.neg();
        }
        type &= Net.SOCK_TYPE_MASK;
        boolean cloexec = (flags & Net.SOCK_CLOEXEC) != 0;
        long err = reserve(task, fds);
        if (err < 0) {
            return err;
        }
        if (family < 0 || family >= afMax || family == Net.AF_UNSPEC) {
            return Errno.EAFNOSUPPORT.neg();
        }
        if (type >= Net.SOCK_MAX) {
            return Errno.EINVAL.neg();
        }
        if (family == Net.AF_INET || family == Net.AF_INET6) {
            if (type == Net.SOCK_STREAM) {
                return protocol == 0 || protocol == IPPROTO_TCP ? Errno.EOPNOTSUPP.neg() : Errno.EPROTONOSUPPORT.neg();
            }
            if (type == Net.SOCK_DGRAM) {
                return protocol == 0 || protocol == IPPROTO_UDP ? Errno.EOPNOTSUPP.neg() : Errno.EPROTONOSUPPORT.neg();
            }
            return Net.NOT_MODELLED;
        }
        if (family == Net.AF_NETLINK && (type == Net.SOCK_RAW || type == Net.SOCK_DGRAM) && protocol == 0) {
            // netlink_create for NETLINK_ROUTE, then netlink_ops' sock_no_socketpair.
            return Errno.EOPNOTSUPP.neg();
        }
        if (family != Net.AF_UNIX) {
            return Net.NOT_MODELLED;
        }
        if (protocol != 0 && protocol != Net.AF_UNIX) {
            return Errno.EPROTONOSUPPORT.neg();
        }
        int sockType;
        switch (type) {
            case Net.SOCK_STREAM:
            case Net.SOCK_SEQPACKET:
            case Net.SOCK_DGRAM:
                sockType = type;
                break;
            case Net.SOCK_RAW:
                sockType = Net.SOCK_DGRAM;
                break;
            default:
                return Errno.ESOCKTNOSUPPORT.neg();
        }
        ReentrantLock lock = new ReentrantLock();
        UnixSock a = new UnixSock(sockType, lock);
        UnixSock b = new UnixSock(sockType, lock);
        // unix_socketpair: each the other's peer; stream and seqpacket ends are established.
        lock.lock();
        try {
            a.peer = b;
            b.peer = a;
            a.established = true;
            b.established = true;
        } finally {
            lock.unlock();
        }
        Sockfs sockfs = task.vfs().sockfs();
        File fa = sockfs.allocFile(a, flags);
        File fb = sockfs.allocFile(b, flags);
        int fd1 = task.files().install(fa, 0, cloexec);
        if (fd1 < 0) {
            fa.put();
            fb.put();
            return fd1;
        }
        int fd2 = task.files().install(fb, 0, cloexec);
        if (fd2 < 0) {
            task.files().remove(fd1);
            fa.put();
            fb.put();
            return fd2;
        }
        fds[0] = fd1;
        fds[1] = fd2;
        return 0;
    }

    /** {@code get_unused_fd_flags} twice, then {@code put_user}: EMFILE, then EFAULT. Nothing is kept. */
    private static long reserve(Task task, int[] fds) {
        FdTable table = task.files();
        int free = 0;
        for (int fd = 0; fd < table.limit() && free < 2; fd++) {
            if (table.peek(fd) == null) {
                free++;
            }
        }
        if (free < 2) {
            return Errno.EMFILE.neg();
        }
        return fds == null ? Errno.EFAULT.neg() : 0;
    }

    /**
     * {@code __sys_getsockname}/{@code __sys_getpeername}: EBADF, ENOTSOCK, then
     * {@code unix_getname}: for the peer, ENOTCONN without one; the bound address, or
     * {@code {sa_family=AF_UNIX}} of length 2 for an unnamed socket. Then
     * {@code move_addr_to_user}: EINVAL for a negative {@code *addrlen}. A pointer the kernel cannot
     * read or write (EFAULT) is not modelled.
     *
     * @param addrlen the value {@code *addrlen} holds on entry
     */
    static SockName getname(Task task, int fd, int addrlen, boolean peer) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return SockName.error(Errno.EBADF.neg());
        }
        try {
            UnixSock u = Sockfs.sockFromFile(f);
            if (u == null) {
                return SockName.error(Errno.ENOTSOCK.neg());
            }
            byte[] name;
            u.lock.lock();
            try {
                UnixSock s = peer ? u.peer : u;
                if (s == null) {
                    return SockName.error(Errno.ENOTCONN.neg());
                }
                name = s.nameLocked();
            } finally {
                u.lock.unlock();
            }
            if (addrlen < 0) {
                return SockName.error(Errno.EINVAL.neg());
            }
            int family = (name[0] & 0xff) | (name[1] & 0xff) << 8;
            byte[] data = java.util.Arrays.copyOfRange(name, 2, name.length);
            return new SockName(0, new Sockaddr(family, data), name.length);
        } finally {
            f.put();
        }
    }
}
