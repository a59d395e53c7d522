package dev.kemu.vfs;

/**
 * Socket constants of x86-64 ({@code include/linux/socket.h}, {@code include/linux/net.h},
 * {@code include/uapi/linux/un.h}) and the marker for sockets the model does not have.
 */
public final class Net {
    private Net() {
    }

    /**
     * The result of {@code socket} for a family the model does not implement (AF_INET, AF_INET6,
     * AF_NETLINK and every other family but AF_UNIX that a kernel may register), and of a
     * {@code connect} that would succeed into a data path the model does not have (a datagram
     * socket connected to a bound peer). It is no errno and no descriptor: the caller stops or
     * skips the call. Nothing was created or changed.
     */
    public static final long NOT_MODELLED = Long.MIN_VALUE;

    /** {@code AF_UNSPEC}: no family; a datagram {@code connect} to it dissolves the association. */
    public static final int AF_UNSPEC = 0;
    /** {@code AF_UNIX} / {@code AF_LOCAL} / {@code PF_UNIX}. */
    public static final int AF_UNIX = 1;
    /** {@code AF_INET}. */
    public static final int AF_INET = 2;
    /** {@code AF_INET6}. */
    public static final int AF_INET6 = 10;
    /** {@code AF_NETLINK}. */
    public static final int AF_NETLINK = 16;

    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_RDM = 4;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_DCCP = 6;
    public static final int SOCK_PACKET = 10;
    /** {@code SOCK_MAX}: a type at or above it is EINVAL. */
    public static final int SOCK_MAX = 11;
    /** {@code SOCK_TYPE_MASK}: the type proper; the bits above are flags. */
    public static final int SOCK_TYPE_MASK = 0xf;
    /** {@code SOCK_CLOEXEC} = {@code O_CLOEXEC}. */
    public static final int SOCK_CLOEXEC = Fcntl.O_CLOEXEC;
    /** {@code SOCK_NONBLOCK} = {@code O_NONBLOCK}. */
    public static final int SOCK_NONBLOCK = Fcntl.O_NONBLOCK;

    /** {@code MSG_OOB}: out-of-band data. */
    public static final int MSG_OOB = 0x1;
    /** {@code MSG_PEEK}: read without consuming. */
    public static final int MSG_PEEK = 0x2;
    /** {@code MSG_TRUNC}: a datagram read returns the datagram's full length. */
    public static final int MSG_TRUNC = 0x20;
    /** {@code MSG_DONTWAIT}: this call does not block. */
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code MSG_EOR}. */
    public static final int MSG_EOR = 0x80;
    /** {@code MSG_WAITALL}: a stream read waits for the whole count. */
    public static final int MSG_WAITALL = 0x100;
    /** {@code MSG_NOSIGNAL}: EPIPE without SIGPIPE. */
    public static final int MSG_NOSIGNAL = 0x4000;

    /** {@code sizeof(struct sockaddr_un)}: family and a 108-byte {@code sun_path}. */
    public static final int SOCKADDR_UN_SIZE = 110;
    /** {@code sizeof(struct sockaddr_storage)}: the most {@code move_addr_to_kernel} copies. */
    public static final int SOCKADDR_STORAGE_SIZE = 128;
}
