package dev.kemu.vfs;

import java.util.List;

/**
 * The VFS system calls, each returning a result or a negated {@link Errno} in the order Linux
 * checks. This is the boundary: nothing here throws for bad input.
 *
 * <p>Errors, per call (beyond EBADF for a descriptor that is not open, and EFAULT for a null
 * buffer):
 * <ul>
 * <li>{@code openat}: ENOENT (empty or missing name, removed directory), ENAMETOOLONG, EMFILE,
 * ENOTDIR (a path through a file, O_DIRECTORY on a file), EEXIST (O_CREAT|O_EXCL), EISDIR
 * (writing or creating a directory);
 * <li>{@code read}/{@code write}: EBADF (wrong access mode), EINVAL (negative count, no
 * method), EISDIR (a directory), EFBIG (past {@code s_maxbytes});
 * <li>{@code pread64}/{@code pwrite64}: EINVAL (negative offset, checked first), ESPIPE;
 * <li>{@code readv}/{@code writev}: EINVAL (more than IOV_MAX vectors);
 * <li>{@code lseek}: EINVAL (whence, negative result), ESPIPE, ENXIO (SEEK_DATA/SEEK_HOLE past EOF);
 * <li>{@code ftruncate}: EINVAL (negative length, not a regular file, not open for writing), EFBIG;
 * <li>{@code fcntl}: EINVAL (unknown command, F_DUPFD past the limit), EBADF (pipe commands on a non-pipe);
 * <li>{@code dup2}/{@code dup3}: EBADF (bad old fd, new fd past the limit), EINVAL (dup3 flags or same fd);
 * <li>{@code mkdirat}: EEXIST, ENOENT; {@code unlinkat}: EINVAL (flags), EISDIR, ENOTDIR, ENOTEMPTY, ENOENT;
 * <li>{@code chdir}/{@code fchdir}/{@code getcwd}/{@code umask}: see {@code CwdCalls};
 * {@code faccessat2}: {@code AccessCalls}; {@code renameat2}: {@code Rename}; {@code linkat},
 * {@code symlinkat}, {@code readlinkat}: {@code Links}; {@code getdents64}: {@code Readdir};
 * {@code fchmodat}, {@code utimensat}: {@code AttrCalls}.
 * </ul>
 */
public final class VfsSyscalls {
    private final VfsBehaviour behaviour;
    private volatile FcntlHook fcntlHook = FcntlHook.NO_PIPES;

    public VfsSyscalls(VfsBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Installs the pipe layer's {@code pipe_fcntl}. */
    public void setFcntlHook(FcntlHook hook) {
        this.fcntlHook = hook;
    }

    public VfsBehaviour behaviour() {
        return behaviour;
    }

    public long openat(Task t, int dfd, String path, int flags, int mode) {
        return OpenCalls.openat(t, dfd, path, flags, mode, behaviour);
    }

    public long open(Task t, String path, int flags, int mode) {
        return OpenCalls.openat(t, Fcntl.AT_FDCWD, path, flags, mode, behaviour);
    }

    /** {@code creat} = open with O_CREAT|O_WRONLY|O_TRUNC. */
    public long creat(Task t, String path, int mode) {
        return OpenCalls.openat(t, Fcntl.AT_FDCWD, path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, mode, behaviour);
    }

    public long close(Task t, int fd) {
        return OpenCalls.close(t, fd);
    }

    /** {@code read}; {@code buf} null stands for a faulting address. */
    public long read(Task t, int fd, UserBuffer buf, long count) {
        return ReadWrite.readWrite(t, fd, buf, count, false);
    }

    public long write(Task t, int fd, UserBuffer buf, long count) {
        return ReadWrite.readWrite(t, fd, buf, count, true);
    }

    public long pread64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return ReadWrite.preadWrite(t, fd, buf, count, pos, false);
    }

    public long pwrite64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return ReadWrite.preadWrite(t, fd, buf, count, pos, true);
    }

    public long readv(Task t, int fd, List<Iovec> iov) {
        return ReadWrite.readvWritev(t, fd, iov, false);
    }

    public long writev(Task t, int fd, List<Iovec> iov) {
        return ReadWrite.readvWritev(t, fd, iov, true);
    }

    public long lseek(Task t, int fd, long offset, int whence) {
        return ReadWrite.lseek(t, fd, offset, whence);
    }

    public long ftruncate(Task t, int fd, long length) {
        return Truncate.ftruncate(t, fd, length);
    }

    /** {@code truncate(path, length)}. */
    public long truncate(Task t, String path, long length) {
        return Truncate.truncate(t, path, length);
    }

    /** {@code statfs}; a null path stands for one that faults. */
    public StatfsResult statfs(Task t, String path) {
        return StatfsCalls.statfs(t, path);
    }

    public StatfsResult fstatfs(Task t, int fd) {
        return StatfsCalls.fstatfs(t, fd);
    }

    /** {@code statx}; {@code mask} and {@code flags} as the caller passed them. */
    public StatxResult statx(Task t, int dfd, String path, int flags, int mask) {
        return StatCalls.statx(t, dfd, path, flags, mask);
    }

    public long fsync(Task t, int fd) {
        return SyncCalls.fsync(t, fd, false);
    }

    public long fdatasync(Task t, int fd) {
        return SyncCalls.fsync(t, fd, true);
    }

    public long syncfs(Task t, int fd) {
        return SyncCalls.syncfs(t, fd);
    }

    /** {@code fallocate} with the mode checks of {@code modes}' versions. */
    public long fallocate(Task t, int fd, int mode, long offset, long len, Fallocate.Modes modes) {
        return Fallocate.fallocate(t, fd, mode, offset, len, modes);
    }

    /** {@code close_range}; {@code hasCloexec}: the version knows CLOSE_RANGE_CLOEXEC (5.11). */
    public long closeRange(Task t, int first, int last, int flags, boolean hasCloexec) {
        return CloseRange.closeRange(t, first, last, flags, hasCloexec);
    }

    /** {@code prlimit64}; {@code newLimit} null for NULL. The old limit is reported on success. */
    public RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit) {
        return ResourceCalls.prlimit64(t, pid, resource, newLimit);
    }

    public RlimitResult getrlimit(Task t, int resource) {
        return ResourceCalls.getrlimit(t, resource);
    }

    /** {@code setrlimit}; a null limit stands for a pointer that faults. */
    public long setrlimit(Task t, int resource, Rlimit limit) {
        return ResourceCalls.setrlimit(t, resource, limit);
    }

    public long fadvise64(Task t, int fd, long offset, long len, int advice) {
        return Fadvise.fadvise64(t, fd, offset, len, advice);
    }

    /** {@code ioctl}: {@code arg} the argument as a number, {@code argp} the memory it points to (null if none). */
    public long ioctl(Task t, int fd, int cmd, long arg, UserBuffer argp) {
        return FileIoctl.ioctl(t, fd, cmd, arg, argp);
    }

    /** {@code memfd_create}; {@code execFlags}: the version knows MFD_NOEXEC_SEAL and MFD_EXEC (6.3). */
    public long memfdCreate(Task t, String name, int flags, boolean execFlags) {
        return Memfd.memfdCreate(t, name, flags, execFlags);
    }

    public StatResult fstat(Task t, int fd) {
        return StatCalls.fstat(t, fd);
    }

    public StatResult newfstatat(Task t, int dfd, String path, int flags) {
        return StatCalls.fstatat(t, dfd, path, flags);
    }

    public long mkdirat(Task t, int dfd, String path, int mode) {
        return Namespace.mkdirat(t, dfd, path, mode);
    }

    public long mkdir(Task t, String path, int mode) {
        return Namespace.mkdirat(t, Fcntl.AT_FDCWD, path, mode);
    }

    /** {@code mknodat}: EPERM (directory type, device without CAP_MKNOD), EINVAL (unknown type), ENOENT, EEXIST. */
    public long mknodat(Task t, int dfd, String path, int mode, long dev) {
        return Namespace.mknodat(t, dfd, path, mode, dev);
    }

    /** {@code mknod} = mknodat at the working directory. */
    public long mknod(Task t, String path, int mode, long dev) {
        return Namespace.mknodat(t, Fcntl.AT_FDCWD, path, mode, dev);
    }

    public long unlinkat(Task t, int dfd, String path, int flags) {
        return Namespace.unlinkat(t, dfd, path, flags);
    }

    public long unlink(Task t, String path) {
        return Namespace.unlinkat(t, Fcntl.AT_FDCWD, path, 0);
    }

    public long rmdir(Task t, String path) {
        return Namespace.unlinkat(t, Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR);
    }

    public long chdir(Task t, String path) {
        return CwdCalls.chdir(t, path);
    }

    public long fchdir(Task t, int fd) {
        return CwdCalls.fchdir(t, fd);
    }

    /** {@code getcwd} into a buffer of {@code size} bytes (unsigned). */
    public GetcwdResult getcwd(Task t, long size) {
        return CwdCalls.getcwd(t, size);
    }

    public long umask(Task t, int mask) {
        return CwdCalls.umask(t, mask);
    }

    public long access(Task t, String path, int mode) {
        return AccessCalls.faccessat(t, Fcntl.AT_FDCWD, path, mode, 0);
    }

    public long faccessat(Task t, int dfd, String path, int mode) {
        return AccessCalls.faccessat(t, dfd, path, mode, 0);
    }

    public long faccessat2(Task t, int dfd, String path, int mode, int flags) {
        return AccessCalls.faccessat(t, dfd, path, mode, flags);
    }

    public long rename(Task t, String oldname, String newname) {
        return Rename.renameat2(t, Fcntl.AT_FDCWD, oldname, Fcntl.AT_FDCWD, newname, 0);
    }

    public long renameat(Task t, int olddfd, String oldname, int newdfd, String newname) {
        return Rename.renameat2(t, olddfd, oldname, newdfd, newname, 0);
    }

    public long renameat2(Task t, int olddfd, String oldname, int newdfd, String newname, int flags) {
        return Rename.renameat2(t, olddfd, oldname, newdfd, newname, flags);
    }

    public long link(Task t, String oldname, String newname) {
        return Links.linkat(t, Fcntl.AT_FDCWD, oldname, Fcntl.AT_FDCWD, newname, 0);
    }

    public long linkat(Task t, int olddfd, String oldname, int newdfd, String newname, int flags) {
        return Links.linkat(t, olddfd, oldname, newdfd, newname, flags);
    }

    public long symlink(Task t, String target, String linkpath) {
        return Links.symlinkat(t, target, Fcntl.AT_FDCWD, linkpath);
    }

    public long symlinkat(Task t, String target, int newdfd, String linkpath) {
        return Links.symlinkat(t, target, newdfd, linkpath);
    }

    /** {@code readlink}; {@code buf} null stands for a faulting address. */
    public long readlink(Task t, String path, UserBuffer buf, int bufsiz) {
        return Links.readlinkat(t, Fcntl.AT_FDCWD, path, buf, bufsiz);
    }

    public long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz) {
        return Links.readlinkat(t, dfd, path, buf, bufsiz);
    }

    /** {@code getdents64} with a buffer of {@code count} bytes (an unsigned int). */
    public Getdents getdents64(Task t, int fd, long count) {
        return Readdir.getdents64(t, fd, count);
    }

    public long chmod(Task t, String path, int mode) {
        return AttrCalls.fchmodat(t, Fcntl.AT_FDCWD, path, mode);
    }

    public long fchmod(Task t, int fd, int mode) {
        return AttrCalls.fchmod(t, fd, mode);
    }

    public long fchmodat(Task t, int dfd, String path, int mode) {
        return AttrCalls.fchmodat(t, dfd, path, mode);
    }

    /** {@code setxattr}: {@code value} null for NULL; see {@code XattrCalls} for the errors. */
    public long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return XattrCalls.setxattrat(t, Fcntl.AT_FDCWD, path, 0, name, value, size, flags, behaviour);
    }

    public long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return XattrCalls.setxattrat(t, Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW, name, value, size, flags, behaviour);
    }

    public long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags) {
        return XattrCalls.fsetxattr(t, fd, name, value, size, flags, behaviour);
    }

    /** {@code getxattr}: the value's length (size 0 asks for it), or an errno. */
    public long getxattr(Task t, String path, String name, UserBuffer value, long size) {
        return XattrCalls.getxattrat(t, Fcntl.AT_FDCWD, path, 0, name, value, size, behaviour);
    }

    public long lgetxattr(Task t, String path, String name, UserBuffer value, long size) {
        return XattrCalls.getxattrat(t, Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW, name, value, size, behaviour);
    }

    public long fgetxattr(Task t, int fd, String name, UserBuffer value, long size) {
        return XattrCalls.fgetxattr(t, fd, name, value, size, behaviour);
    }

    /** {@code listxattr}: the length of the NUL-terminated names (size 0 asks for it), or an errno. */
    public long listxattr(Task t, String path, UserBuffer list, long size) {
        return XattrCalls.listxattrat(t, Fcntl.AT_FDCWD, path, 0, list, size);
    }

    public long llistxattr(Task t, String path, UserBuffer list, long size) {
        return XattrCalls.listxattrat(t, Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW, list, size);
    }

    public long flistxattr(Task t, int fd, UserBuffer list, long size) {
        return XattrCalls.flistxattr(t, fd, list, size);
    }

    public long removexattr(Task t, String path, String name) {
        return XattrCalls.removexattrat(t, Fcntl.AT_FDCWD, path, 0, name, behaviour);
    }

    public long lremovexattr(Task t, String path, String name) {
        return XattrCalls.removexattrat(t, Fcntl.AT_FDCWD, path, Fcntl.AT_SYMLINK_NOFOLLOW, name, behaviour);
    }

    public long fremovexattr(Task t, int fd, String name) {
        return XattrCalls.fremovexattr(t, fd, name, behaviour);
    }

    /** {@code utimensat}; {@code path} null for NULL, {@code times} null for NULL or two times. */
    public long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags) {
        return AttrCalls.utimensat(t, dfd, path, times, flags);
    }

    /** {@code chown}: fchownat at the working directory, following a trailing link; {@code -1} leaves an id unchanged. */
    public long chown(Task t, String path, int user, int group) {
        return OwnerCalls.fchownat(t, Fcntl.AT_FDCWD, path, user, group, 0, behaviour);
    }

    /** {@code fchown}: EBADF for a closed or O_PATH descriptor. */
    public long fchown(Task t, int fd, int user, int group) {
        return OwnerCalls.fchown(t, fd, user, group, behaviour);
    }

    /** {@code lchown}: chown of a symbolic link itself. */
    public long lchown(Task t, String path, int user, int group) {
        return OwnerCalls.fchownat(t, Fcntl.AT_FDCWD, path, user, group, Fcntl.AT_SYMLINK_NOFOLLOW, behaviour);
    }

    /** {@code fchownat}: flags AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH (EINVAL for others). */
    public long fchownat(Task t, int dfd, String path, int user, int group, int flags) {
        return OwnerCalls.fchownat(t, dfd, path, user, group, flags, behaviour);
    }

    /**
     * {@code socket}: an AF_UNIX socket's descriptor, a negated errno, or {@link Net#NOT_MODELLED}
     * for another family the kernel may have (see {@code SocketCalls}).
     *
     * @param afMax the version's {@code AF_MAX}: families at or above it are EAFNOSUPPORT
     */
    public long socket(Task t, int family, int type, int protocol, int afMax) {
        return SocketCalls.socket(t, family, type, protocol, afMax);
    }

    /**
     * {@code connect} of an AF_UNIX socket: {@code addr} null for an unreadable address; 0, a
     * negated errno, or {@link Net#NOT_MODELLED} for a datagram connect that finds its peer.
     *
     * @param addrBeforeSock the 5.5+ order: the address is checked before ENOTSOCK
     */
    public long connect(Task t, int fd, Sockaddr addr, int addrlen, boolean addrBeforeSock) {
        return SocketCalls.connect(t, fd, addr, addrlen, addrBeforeSock);
    }

    /** {@code bind} of an AF_UNIX socket to a filesystem or abstract name; {@code addr} null for an unreadable address. */
    public long bind(Task t, int fd, Sockaddr addr, int addrlen) {
        return SocketCalls.bind(t, fd, addr, addrlen);
    }

    public long dup(Task t, int fd) {
        return FdCalls.dup(t, fd);
    }

    public long dup2(Task t, int oldfd, int newfd) {
        return FdCalls.dup2(t, oldfd, newfd);
    }

    public long dup3(Task t, int oldfd, int newfd, int flags) {
        return FdCalls.dup3(t, oldfd, newfd, flags);
    }

    public long fcntl(Task t, int fd, int cmd, long arg) {
        return FdCalls.fcntl(t, fd, cmd, arg, fcntlHook, behaviour);
    }

    /** {@code mmap}, the model choosing the address ({@code addr} is a hint unless MAP_FIXED). */
    public long mmap(Task t, long addr, long len, int prot, int flags, int fd, long off) {
        return MmapCalls.mmap(t, -1, addr, len, prot, flags, fd, off);
    }

    /** {@code mmap} with the checks of the arguments given, placed at {@code at} (replacing what was there). */
    public long mmapAt(Task t, long at, long addr, long len, int prot, int flags, int fd, long off) {
        return MmapCalls.mmap(t, at, addr, len, prot, flags, fd, off);
    }

    public long munmap(Task t, long addr, long len) {
        return MmapCalls.munmap(t, addr, len);
    }

    public long mprotect(Task t, long addr, long len, int prot) {
        return MmapCalls.mprotect(t, addr, len, prot);
    }

    public long mremap(Task t, long addr, long oldLen, long newLen, int flags, long newAddr) {
        return MmapCalls.mremap(t, addr, oldLen, newLen, flags, newAddr);
    }

    public long msync(Task t, long addr, long len, int flags) {
        return MmapCalls.msync(t, addr, len, flags);
    }

    public long madvise(Task t, long addr, long len, int advice) {
        return MmapCalls.madvise(t, addr, len, advice);
    }

    public long brk(Task t, long addr) {
        return MmapCalls.brk(t, addr);
    }

    /** The task's memory at {@code addr}: a buffer over its mappings, or -EFAULT (see {@link UserMemory}). */
    public UserMemory userMemory(Task t, long addr, long len, boolean write) {
        return t.mm().userMemory(addr, len, write);
    }

    /** {@code fdget}: the open file behind {@code fd} with a reference the caller must put, or null (also for O_PATH files). */
    public File fdget(Task t, int fd) {
        return FdCalls.fdget(t, fd);
    }

    /** Installs a new file at the lowest free descriptor; consumes the reference. -EMFILE when full. */
    public long installFd(Task t, File file, boolean cloexec) {
        int fd = t.files().install(file, 0, cloexec);
        if (fd < 0) {
            file.put();
        }
        return fd;
    }

    /** {@code vfs_read} on an open file at {@code pos} (kernel-internal readers). */
    public long kernelRead(File f, IovIter to, long pos, long[] posOut) {
        return ReadWrite.vfsRead(f, to, pos, posOut);
    }

    /** {@code rw_verify_area} for kernel-internal callers (splice, copy_file_range). */
    public static long rwVerifyArea(File f, long pos, long count) {
        return ReadWrite.rwVerifyArea(f, pos, count, (f.mode() & File.FMODE_STREAM) == 0);
    }

    /** The attributes of an inode, as stat reports them. */
    public static Kstat getattr(Inode inode) {
        return StatCalls.getattr(inode);
    }

    // socketpair, socket names, socket messages, poll.

    /** {@code socketpair} (see {@code SocketPairCalls}); {@code fds} null for an array the kernel cannot write. */
    public long socketpair(Task t, int family, int type, int protocol, int[] fds, int afMax) {
        return SocketPairCalls.socketpair(t, family, type, protocol, fds, afMax);
    }

    /** {@code getsockname(fd, addr, &addrlen)} with {@code addrlen} the value {@code *addrlen} holds. */
    public SockName getsockname(Task t, int fd, int addrlen) {
        return SocketPairCalls.getname(t, fd, addrlen, false);
    }

    /** {@code getpeername(fd, addr, &addrlen)}. */
    public SockName getpeername(Task t, int fd, int addrlen) {
        return SocketPairCalls.getname(t, fd, addrlen, true);
    }

    /** {@code sendto(fd, buf, len, flags, NULL, 0)} (see {@code SocketMsgCalls}). */
    public long sendto(Task t, int fd, UserBuffer buf, long len, int flags) {
        return SocketMsgCalls.sendto(t, fd, buf, len, flags);
    }

    /** {@code recvfrom(fd, buf, len, flags, NULL, NULL)}. */
    public long recvfrom(Task t, int fd, UserBuffer buf, long len, int flags) {
        return SocketMsgCalls.recvfrom(t, fd, buf, len, flags);
    }

    /** {@code sendmsg(fd, {msg_iov=iov}, flags)} without a name or control data. */
    public long sendmsg(Task t, int fd, java.util.List<Iovec> iov, int flags) {
        return SocketMsgCalls.sendmsg(t, fd, iov, flags);
    }

    /** {@code recvmsg(fd, {msg_iov=iov}, flags)} without a name or control data. */
    public MsgResult recvmsg(Task t, int fd, java.util.List<Iovec> iov, int flags) {
        return SocketMsgCalls.recvmsg(t, fd, iov, flags);
    }

    /** {@code select}/{@code pselect6}: sets null for NULL pointers; a null timeout waits (see {@code SelectCalls}). */
    public SelectResult select(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex, Timespec timeout) {
        return SelectCalls.select(t, n, in, out, ex, timeout);
    }

    /** {@code poll(fds, nfds, timeout)}; {@code fds} null for an array the kernel cannot read. */
    public PollResult poll(Task t, java.util.List<PollFd> fds, long nfds, int timeoutMs) {
        return PollCalls.poll(t, fds, nfds, timeoutMs, timeoutMs >= 0);
    }

    /** {@code ppoll(fds, nfds, timeout, NULL, 8)}; a null timeout waits. */
    public PollResult ppoll(Task t, java.util.List<PollFd> fds, long nfds, Timespec timeout) {
        return PollCalls.ppoll(t, fds, nfds, timeout);
    }
}
