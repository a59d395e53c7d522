package dev.kemu.vfs;

import dev.kemu.vfs.spi.AddressSpaceOperations;
import dev.kemu.vfs.spi.FileOperations;
import dev.kemu.vfs.spi.InodeOperations;
import dev.kemu.vfs.spi.SuperOperations;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * sockfs and the AF_UNIX name tables of one machine ({@code net/socket.c:sock_alloc()},
 * {@code sock_alloc_file()}, {@code socket_file_ops}; {@code net/unix/af_unix.c}:
 * {@code unix_socket_table} and {@code bsd_socket_buckets}).
 *
 * <p>A socket's inode is S_IFSOCK|0777 on sockfs, owned by its creator; its file is O_RDWR (plus
 * O_NONBLOCK), has no position (lseek and pread are ESPIPE) and reads and writes through
 * {@link SocketFile}. A bound socket is found by the inode its filesystem name was given, or by
 * its abstract name; closing the socket drops both, leaving the filesystem name behind.
 */
final class Sockfs {
    private final SuperBlock sb = new SuperBlock("sockfs", Page.SIZE, Long.MAX_VALUE, new SuperOperations() {
        @Override
        public Statfs statfs(SuperBlock s) {
            return Statfs.simple(Statfs.SOCKFS_MAGIC, s);
        }
    });
    private final Map<Inode, UnixSock> byInode = new ConcurrentHashMap<>();
    private final Map<String, UnixSock> byAbstractName = new ConcurrentHashMap<>();
    private final AtomicInteger autobindOrdernum = new AtomicInteger();
    private final SocketFile fops = new SocketFile(this);

    private static final InodeOperations SOCK_IOPS = new InodeOperations() {
    };

    private static final AddressSpaceOperations NO_AOPS = new AddressSpaceOperations() {
        @Override
        public int readFolio(File file, Page page) {
            return Errno.EIO.negInt();
        }

        @Override
        public int writeBegin(File file, AddressSpace mapping, long pos, int len, Page[] pagep) {
            return Errno.EIO.negInt();
        }

        @Override
        public int writeEnd(File file, AddressSpace mapping, long pos, int len, int copied, Page page) {
            return Errno.EIO.negInt();
        }
    };

    /** {@code sock_alloc} + {@code sock_alloc_file}: the open file of a new socket; {@code flags} may hold O_NONBLOCK. */
    File allocFile(UnixSock sock, int flags) {
        Inode inode = sb.newInode(StatMode.S_IFSOCK | 0777, SOCK_IOPS, fops, NO_AOPS);
        File f = new File(null, inode, fops, File.FMODE_READ | File.FMODE_WRITE | File.FMODE_STREAM,
                Fcntl.O_RDWR | (flags & Fcntl.O_NONBLOCK));
        f.setPrivateData(sock);
        f.opened();
        return f;
    }

    /** {@code sock_from_file}: the socket behind {@code f}, or null (ENOTSOCK). */
    static UnixSock sockFromFile(File f) {
        return f.fop() instanceof SocketFile ? (UnixSock) f.privateData() : null;
    }

    /** {@code unix_find_socket_byinode}. */
    UnixSock findByInode(Inode inode) {
        return byInode.get(inode);
    }

    /** {@code unix_find_socket_byname} for an abstract name. */
    UnixSock findAbstract(String name) {
        return byAbstractName.get(name);
    }

    /** Binds {@code sock} to the filesystem name whose inode is {@code inode}. */
    void insertBsd(Inode inode, UnixSock sock) {
        byInode.put(inode, sock);
    }

    /** Binds {@code sock} to an abstract name; false when the name is taken (EADDRINUSE). */
    boolean insertAbstract(String name, UnixSock sock) {
        return byAbstractName.putIfAbsent(name, sock) == null;
    }

    /** {@code unix_autobind}'s name: a NUL and five hex digits. */
    String nextAutobindName() {
        return "\0" + String.format("%05x", autobindOrdernum.getAndIncrement() & 0xfffff);
    }

    /** {@code unix_release_sock}: the socket's names are forgotten; a filesystem name stays on disk. */
    void release(UnixSock sock) {
        sock.lock.lock();
        try {
            Object a = sock.addrLocked();
            if (a instanceof Inode i) {
                byInode.remove(i, sock);
            } else if (a instanceof String s) {
                byAbstractName.remove(s, sock);
            }
            sock.setAddrLocked(null);
        } finally {
            sock.lock.unlock();
        }
    }

    FileOperations fops() {
        return fops;
    }
}
