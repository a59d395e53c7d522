package dev.kemu.vfs;

import java.nio.charset.StandardCharsets;

/**
 * socket, connect and bind for AF_UNIX ({@code net/socket.c:__sys_socket()},
 * {@code __sock_create()}, {@code __sys_connect()}, {@code __sys_bind()},
 * {@code move_addr_to_kernel()}; {@code net/unix/af_unix.c:unix_create()},
 * {@code unix_validate_addr()}, {@code unix_find_other()}, {@code unix_stream_connect()},
 * {@code unix_dgram_connect()}, {@code unix_bind()}, {@code unix_autobind()}).
 *
 * <p>Only AF_UNIX is modelled; another family a kernel may register answers
 * {@link Net#NOT_MODELLED}. Sockets never listen ({@code listen}, {@code accept},
 * {@code socketpair} and data transfer are outside the model), so a stream or seqpacket
 * {@code connect} to an existing socket name is ECONNREFUSED, and a datagram {@code connect} that
 * would succeed answers {@link Net#NOT_MODELLED}. Permission checks on the socket file
 * ({@code path_permission(MAY_WRITE)}, EACCES) are not made: tasks are root.
 */
final class SocketCalls {
    private SocketCalls() {
    }

    /**
     * {@code __sys_socket}: EINVAL for flags other than SOCK_CLOEXEC and SOCK_NONBLOCK;
     * EAFNOSUPPORT for a family outside {@code [0, afMax)}; EINVAL for a type at or above
     * SOCK_MAX; EAFNOSUPPORT for AF_UNSPEC; then {@code unix_create} (EPROTONOSUPPORT for a
     * protocol other than 0 and PF_UNIX, ESOCKTNOSUPPORT for a type other than stream, datagram,
     * raw and seqpacket; raw becomes datagram); EMFILE last.
     *
     * @param afMax the version's {@code NPROTO} ({@code AF_MAX})
     */
    static long socket(Task task, int family, int type, int protocol, int afMax) {
        int flags = type & ~Net.SOCK_TYPE_MASK;
        if ((flags & ~(Net.SOCK_CLOEXEC | Net.SOCK_NONBLOCK)) != 0) {
            return Errno.EINVAL.neg();
        }
        type &= Net.SOCK_TYPE_MASK;
        if (family < 0 || family >= afMax) {
            return Errno.EAFNOSUPPORT.neg();
        }
        if (type >= Net.SOCK_MAX) {
            return Errno.EINVAL.neg();
        }
        if (family == Net.AF_UNSPEC) {
            return Errno.EAFNOSUPPORT.neg();
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
        File f = task.vfs().sockfs().allocFile(new UnixSock(sockType), flags);
        int fd = task.files().install(f, 0, (flags & Net.SOCK_CLOEXEC) != 0);
        if (fd < 0) {
            f.put();
        }
        return fd;
    }

    /**
     * {@code __sys_connect}: EBADF; then, from 5.5 ({@code __sys_connect_file}), the address
     * (EINVAL for a length below 0 or above 128, EFAULT for an unreadable one) before ENOTSOCK,
     * and before 5.5 ENOTSOCK first; then the family's {@code connect}.
     *
     * @param addr null for an address the kernel cannot read
     * @param addrBeforeSock true from 5.5
     */
    static long connect(Task task, int fd, Sockaddr addr, int addrlen, boolean addrBeforeSock) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            UnixSock u = Sockfs.sockFromFile(f);
            if (!addrBeforeSock && u == null) {
                return Errno.ENOTSOCK.neg();
            }
            long err = moveAddrToKernel(addr, addrlen);
            if (err < 0) {
                return err;
            }
            if (u == null) {
                return Errno.ENOTSOCK.neg();
            }
            byte[] raw = addrlen == 0 ? new byte[0] : addr.raw(addrlen);
            return u.type == Net.SOCK_DGRAM ? dgramConnect(task, u, raw) : streamConnect(task, u, raw);
        } finally {
            f.put();
        }
    }

    /** {@code unix_stream_connect}: the address, the peer (ENOENT, ECONNREFUSED, EPROTOTYPE), then no listener: ECONNREFUSED. */
    private static long streamConnect(Task task, UnixSock u, byte[] raw) {
        long err = unixValidateAddr(raw);
        if (err < 0) {
            return err;
        }
        Found other = unixFindOther(task, raw, u.type);
        if (other.err() < 0) {
            return other.err();
        }
        // other->sk_state != TCP_LISTEN: nothing listens in the model.
        return Errno.ECONNREFUSED.neg();
    }

    /**
     * {@code unix_dgram_connect}: EINVAL below a family's two bytes; AF_UNSPEC dissolves an
     * association (0: there never is one); else the address and the peer's errors; a peer found
     * is {@link Net#NOT_MODELLED}.
     */
    private static long dgramConnect(Task task, UnixSock u, byte[] raw) {
        if (raw.length < 2) {
            return Errno.EINVAL.neg();
        }
        if (family(raw) == Net.AF_UNSPEC) {
            return 0;
        }
        long err = unixValidateAddr(raw);
        if (err < 0) {
            return err;
        }
        Found other = unixFindOther(task, raw, u.type);
        if (other.err() < 0) {
            return other.err();
        }
        return Net.NOT_MODELLED;
    }

    /**
     * {@code __sys_bind}: EBADF, ENOTSOCK, the address (EINVAL, EFAULT), then {@code unix_bind}:
     * a bare family autobinds to an abstract name (0 when already bound); EINVAL for a bad
     * address; a filesystem name is made as {@code mknod(S_IFSOCK | 0777 & ~umask)} (its lookup
     * errors, EADDRINUSE when it exists), then EINVAL if the socket already had a name (the new
     * node is removed again); an abstract name is EINVAL on a bound socket and EADDRINUSE when
     * taken.
     */
    static long bind(Task task, int fd, Sockaddr addr, int addrlen) {
        File f = FdCalls.fdget(task, fd);
        if (f == null) {
            return Errno.EBADF.neg();
        }
        try {
            UnixSock u = Sockfs.sockFromFile(f);
            if (u == null) {
                return Errno.ENOTSOCK.neg();
            }
            long err = moveAddrToKernel(addr, addrlen);
            if (err < 0) {
                return err;
            }
            byte[] raw = addrlen == 0 ? new byte[0] : addr.raw(addrlen);
            Sockfs sockfs = task.vfs().sockfs();
            if (raw.length == 2 && family(raw) == Net.AF_UNIX) {
                return autobind(sockfs, u);
            }
            err = unixValidateAddr(raw);
            if (err < 0) {
                return err;
            }
            return raw[2] != 0 ? bindBsd(task, sockfs, u, bsdPath(raw)) : bindAbstract(sockfs, u, abstractName(raw));
        } finally {
            f.put();
        }
    }

    private static long autobind(Sockfs sockfs, UnixSock u) {
        u.lock.lock();
        try {
            if (u.addrLocked() != null) {
                return 0;
            }
            String name;
            do {
                name = sockfs.nextAutobindName();
            } while (!sockfs.insertAbstract(name, u));
            u.setAddrLocked(name);
            u.setNameLocked(unixName(name.getBytes(StandardCharsets.ISO_8859_1), false));
            return 0;
        } finally {
            u.lock.unlock();
        }
    }

    /** {@code unix_bind_bsd}. */
    private static long bindBsd(Task task, Sockfs sockfs, UnixSock u, String path) {
        long err = Namespace.mknodat(task, Fcntl.AT_FDCWD, path, StatMode.S_IFSOCK | 0777, 0);
        if (err < 0) {
            return err == Errno.EEXIST.neg() ? Errno.EADDRINUSE.neg() : err;
        }
        Namei.Result r = Namei.lookup(task, Fcntl.AT_FDCWD, path, false, false);
        if (r.err() < 0) {
            return r.err();
        }
        u.lock.lock();
        try {
            if (u.addrLocked() != null) {
                Namespace.unlinkat(task, Fcntl.AT_FDCWD, path, 0);
                return Errno.EINVAL.neg();
            }
            Inode inode = r.path().inode();
            u.setAddrLocked(inode);
            u.setNameLocked(unixName(path.getBytes(StandardCharsets.UTF_8), true));
            sockfs.insertBsd(inode, u);
            return 0;
        } finally {
            u.lock.unlock();
        }
    }

    /** {@code unix_bind_abstract}. */
    private static long bindAbstract(Sockfs sockfs, UnixSock u, String name) {
        u.lock.lock();
        try {
            if (u.addrLocked() != null) {
                return Errno.EINVAL.neg();
            }
            if (!sockfs.insertAbstract(name, u)) {
                return Errno.EADDRINUSE.neg();
            }
            u.setAddrLocked(name);
            u.setNameLocked(unixName(name.getBytes(StandardCharsets.ISO_8859_1), false));
            return 0;
        } finally {
            u.lock.unlock();
        }
    }

    /** {@code u->addr->name}: AF_UNIX, then {@code sun_path}; a filesystem name keeps its NUL ({@code unix_mkname_bsd}). */
    private static byte[] unixName(byte[] path, boolean nul) {
        byte[] n = new byte[2 + path.length + (nul ? 1 : 0)];
        n[0] = (byte) Net.AF_UNIX;
        System.arraycopy(path, 0, n, 2, path.length);
        return n;
    }

    /** {@code move_addr_to_kernel}: EINVAL for a length outside {@code [0, 128]}, EFAULT for an unreadable address. */
    static long moveAddrToKernel(Sockaddr addr, int addrlen) {
        if (addrlen < 0 || addrlen > Net.SOCKADDR_STORAGE_SIZE) {
            return Errno.EINVAL.neg();
        }
        if (addrlen > 0 && addr == null) {
            return Errno.EFAULT.neg();
        }
        return 0;
    }

    /** {@code unix_validate_addr}: EINVAL unless the length is within {@code (2, 110]} and the family AF_UNIX. */
    private static long unixValidateAddr(byte[] raw) {
        if (raw.length <= 2 || raw.length > Net.SOCKADDR_UN_SIZE || family(raw) != Net.AF_UNIX) {
            return Errno.EINVAL.neg();
        }
        return 0;
    }

    private record Found(long err, UnixSock sock) {
    }

    /**
     * {@code unix_find_other}: a filesystem name is looked up following links (its errors), must
     * be a socket inode with a bound socket (ECONNREFUSED) of the caller's type (EPROTOTYPE); an
     * abstract name must be bound (ECONNREFUSED) by a socket of the caller's type (EPROTOTYPE).
     */
    private static Found unixFindOther(Task task, byte[] raw, int type) {
        Sockfs sockfs = task.vfs().sockfs();
        UnixSock other;
        if (raw[2] != 0) {
            Namei.Result r = Namei.lookup(task, Fcntl.AT_FDCWD, bsdPath(raw), false, true);
            if (r.err() < 0) {
                return new Found(r.err(), null);
            }
            Inode inode = r.path().inode();
            if (!StatMode.isSock(inode.mode())) {
                return new Found(Errno.ECONNREFUSED.neg(), null);
            }
            other = sockfs.findByInode(inode);
        } else {
            other = sockfs.findAbstract(abstractName(raw));
        }
        if (other == null) {
            return new Found(Errno.ECONNREFUSED.neg(), null);
        }
        if (other.type != type) {
            return new Found(Errno.EPROTOTYPE.neg(), null);
        }
        return new Found(0, other);
    }

    private static int family(byte[] raw) {
        return (raw[0] & 0xff) | (raw[1] & 0xff) << 8;
    }

    /** {@code unix_mkname_bsd}: {@code sun_path} up to its first NUL (the kernel terminates it at the length). */
    private static String bsdPath(byte[] raw) {
        int end = 2;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        return new String(raw, 2, end - 2, StandardCharsets.UTF_8);
    }

    /** An abstract name: every byte of {@code sun_path} within the length, the leading NUL included. */
    private static String abstractName(byte[] raw) {
        return new String(raw, 2, raw.length - 2, StandardCharsets.ISO_8859_1);
    }
}
