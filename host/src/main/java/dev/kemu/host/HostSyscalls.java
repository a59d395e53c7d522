package dev.kemu.host;

import dev.kemu.kernel.Syscalls;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine kemu runs on, as a {@link Syscalls}: every call is made for real on the host's
 * Linux kernel through glibc's {@code syscall(2)} (JNA), inside a fresh directory that is
 * removed, with everything in it, when the machine is {@linkplain #close() closed}.
 *
 * <ul>
 * <li><b>Paths.</b> The directory is each task's working directory until the task changes it
 * ({@code chdir}, {@code fchdir}, kept per task as a host descriptor): a relative path from
 * AT_FDCWD is looked up from there, and {@code getcwd} reports the host's path. Absolute paths
 * may be read anywhere; a call that would create, truncate, open for writing, rename, link,
 * change the attributes of or remove anything outside the directory is not made: it returns
 * EACCES and is listed in {@link #refusals()} (a refusal is a result, so a trace that reads the
 * machine's own files, like the replayer's rebuilding of them, still runs).</li>
 * <li><b>Descriptors.</b> Each task sees the numbers a fresh process would see (0, 1 and 2 open
 * on {@code /dev/null}, then the lowest free number), mapped to the JVM's real descriptors.</li>
 * <li><b>Memory.</b> User buffers are mirrored in native memory for each call; buffers given to
 * {@code vmsplice} stay mapped until the machine closes.</li>
 * <li><b>Signals.</b> SIGPIPE is raised on the task exactly when the kernel sends it.</li>
 * <li><b>Processes.</b> clone, clone3, fork, vfork, execve, wait4, waitid, kill, tkill, tgkill,
 * setpgid, getpgid, getpgrp, setsid and getsid answer ENOSYS and exit, exit_group and killedBy do
 * nothing: the tasks are the JVM's own threads, and a JVM cannot fork (only the calling thread
 * would survive in the child, holding locks whose owners are gone), exec would replace the JVM,
 * and a signal sent for real would reach the JVM itself.</li>
 * <li><b>Sleeping.</b> A call that sleeps is handed to the task's sleep hook and interrupted
 * when a signal is raised ({@code ? ERESTARTSYS}), so a call that would sleep forever never hangs
 * the tool.</li>
 * </ul>
 *
 * <p>Only on Linux for x86-64 ({@link #open} says why not elsewhere). The directory is put on ext4
 * when one of the usual temporary directories is on ext4, as the emulated root is ext4;
 * {@link #filesystemType()} tells where it landed. Tasks may run on several threads at once,
 * one thread per task at a time.
 */
public final class HostSyscalls implements Syscalls, AutoCloseable {
    /** How long a sleep nobody decides about may last before the call is interrupted. */
    public static final long DEFAULT_MAX_SLEEP_MILLIS = 10_000;

    private final Machine m;
    private final PathCalls paths;
    private final FdCalls fds;
    private final IoCalls io;
    private final NameCalls names;
    private final XattrHostCalls xattrs;
    private final FileStateCalls state;
    private final MemCalls mem;
    private final OwnerCalls owners;
    private final SocketCalls sockets;
    private final String release;

    private HostSyscalls(Machine m) {
        this.m = m;
        this.paths = new PathCalls(m);
        this.fds = new FdCalls(m);
        this.io = new IoCalls(m);
        this.names = new NameCalls(m);
        this.xattrs = new XattrHostCalls(m);
        this.state = new FileStateCalls(m);
        this.mem = new MemCalls(m);
        this.owners = new OwnerCalls(m);
        this.sockets = new SocketCalls(m);
        this.release = "host " + hostRelease();
    }

    /** A machine in a fresh directory under the default temporary directory (ext4 preferred). */
    public static HostSyscalls open() throws HostUnavailableException {
        return open(null, DEFAULT_MAX_SLEEP_MILLIS);
    }

    /**
     * A machine in a fresh directory under {@code parent} (null: the default choice).
     *
     * @param maxSleepMillis how long a call may sleep when the task's sleep hook neither wakes
     *     nor interrupts it
     */
    public static HostSyscalls open(Path parent, long maxSleepMillis) throws HostUnavailableException {
        checkSupported();
        Sandbox s;
        try {
            s = Sandbox.create(parent);
        } catch (IOException | RuntimeException e) {
            throw new HostUnavailableException("cannot make the host machine's directory: " + e.getMessage(), e);
        }
        return new HostSyscalls(new Machine(s, new UserMemory(), new Watchdog(maxSleepMillis)));
    }

    /** Fails unless this is Linux on x86-64 with a loadable C library. */
    public static void checkSupported() throws HostUnavailableException {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.toLowerCase(Locale.ROOT).equals("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new HostUnavailableException("--kernel host runs the calls on the machine's own kernel and needs Linux on "
                    + "x86-64; this is " + os + " on " + arch, null);
        }
        try {
            Libc.sys(Libc.GETPID, 0);
        } catch (LinkageError e) {
            throw new HostUnavailableException("cannot load the C library through JNA: " + e.getMessage(), e);
        }
    }

    /** The host kernel's release, {@code uname -r}. */
    public static String hostRelease() {
        return System.getProperty("os.version", "unknown");
    }

    /**
     * The host's release as kemu names kernel versions: {@code X.Y.Z} without the local suffix
     * ({@code 6.18.44-fc-v669} → {@code 6.18.44}), the version whose emulation compares with this
     * machine; the full release when it does not start with a version.
     */
    public static String modelledRelease() {
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("^(\\d+\\.\\d+(?:\\.\\d+)?)").matcher(hostRelease());
        return v.find() ? v.group(1) : hostRelease();
    }

    /** The filesystem type of the machine's directory: {@code ext4}, {@code tmpfs}, ... */
    public String filesystemType() {
        return m.sandbox.fsType();
    }

    /** The machine's directory (gone once closed). */
    public Path directory() {
        return m.sandbox.dir();
    }

    /** The calls refused so far because they would have written outside the directory. */
    public List<Refusal> refusals() {
        return m.refusals();
    }

    @Override
    public String release() {
        return release;
    }

    /** A new task with descriptors 0, 1 and 2 open on {@code /dev/null}. */
    @Override
    public Task newTask() {
        Task t = m.newTask();
        for (int fd = 0; fd < 3; fd++) {
            long r = paths.openat(t, "openat", Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_RDWR, 0);
            if (r != fd) {
                throw new IllegalStateException("cannot open /dev/null for a new task: " + r);
            }
        }
        return t;
    }

    @Override
    public String workingDirectory() {
        return m.sandbox.dir().toString();
    }

    /** Nothing: the host kernel writes back on its own, and the directory goes away. */
    @Override
    public void sync() {
    }

    @Override
    public long openat(Task t, int dfd, String path, int flags, int mode) {
        return paths.openat(t, "openat", dfd, path, flags, mode);
    }

    @Override
    public long open(Task t, String path, int flags, int mode) {
        return paths.openat(t, "open", Fcntl.AT_FDCWD, path, flags, mode);
    }

    @Override
    public long creat(Task t, String path, int mode) {
        return paths.openat(t, "creat", Fcntl.AT_FDCWD, path, Fcntl.O_CREAT | Fcntl.O_WRONLY | Fcntl.O_TRUNC, mode);
    }

    @Override
    public long close(Task t, int fd) {
        return fds.close(t, fd);
    }

    @Override
    public long read(Task t, int fd, UserBuffer buf, long count) {
        return io.read(t, fd, buf, count, false, 0);
    }

    @Override
    public long write(Task t, int fd, UserBuffer buf, long count) {
        return io.write(t, fd, buf, count, false, 0);
    }

    @Override
    public long pread64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return io.read(t, fd, buf, count, true, pos);
    }

    @Override
    public long pwrite64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return io.write(t, fd, buf, count, true, pos);
    }

    @Override
    public long readv(Task t, int fd, List<Iovec> iov) {
        return io.readv(t, fd, iov);
    }

    @Override
    public long writev(Task t, int fd, List<Iovec> iov) {
        return io.writev(t, fd, iov);
    }

    @Override
    public long lseek(Task t, int fd, long offset, int whence) {
        return fds.lseek(t, fd, offset, whence);
    }

    @Override
    public long ftruncate(Task t, int fd, long length) {
        return fds.ftruncate(t, fd, length);
    }

    /**
     * {@code truncate(path)} is not run on the host yet: the call has no {@code *at} form to resolve a task's
     * relative path against its own directory, as the other path calls do. ENOSYS.
     */
    @Override
    public long truncate(Task t, String path, long length) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public StatfsResult statfs(Task t, String path) {
        return state.statfs(t, path);
    }

    @Override
    public StatfsResult fstatfs(Task t, int fd) {
        return state.fstatfs(t, fd);
    }

    @Override
    public StatxResult statx(Task t, int dfd, String path, int flags, int mask) {
        return state.statx(t, dfd, path, flags, mask);
    }

    @Override
    public long fsync(Task t, int fd) {
        return state.fdCall(t, "fsync", Libc.FSYNC, fd);
    }

    @Override
    public long fdatasync(Task t, int fd) {
        return state.fdCall(t, "fdatasync", Libc.FDATASYNC, fd);
    }

    @Override
    public long syncfs(Task t, int fd) {
        return state.fdCall(t, "syncfs", Libc.SYNCFS, fd);
    }

    @Override
    public long fallocate(Task t, int fd, int mode, long offset, long len) {
        return state.fallocate(t, fd, mode, offset, len);
    }

    @Override
    public long closeRange(Task t, int first, int last, int flags) {
        return state.closeRange(t, first, last, flags);
    }

    /** {@code RLIMIT_NOFILE} is the trace table's; other resources are the JVM's, read only (see {@link FileStateCalls}). */
    @Override
    public RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit) {
        return state.prlimit64(t, pid, resource, newLimit);
    }

    @Override
    public RlimitResult getrlimit(Task t, int resource) {
        return state.prlimit64(t, 0, resource, null);
    }

    @Override
    public long setrlimit(Task t, int resource, Rlimit limit) {
        return state.setrlimit(t, resource, limit);
    }

    @Override
    public long fadvise64(Task t, int fd, long offset, long len, int advice) {
        return state.fadvise64(t, fd, offset, len, advice);
    }

    @Override
    public long ioctl(Task t, int fd, int request, long arg, UserBuffer argp) {
        return state.ioctl(t, fd, request, arg, argp);
    }

    @Override
    public long memfdCreate(Task t, String name, int flags) {
        return state.memfdCreate(t, name, flags);
    }

    @Override
    public StatResult fstat(Task t, int fd) {
        return paths.fstat(t, fd);
    }

    @Override
    public StatResult newfstatat(Task t, int dfd, String path, int flags) {
        return paths.newfstatat(t, dfd, path, flags);
    }

    @Override
    public long mkdir(Task t, String path, int mode) {
        return paths.mkdirat(t, "mkdir", Fcntl.AT_FDCWD, path, mode);
    }

    @Override
    public long mkdirat(Task t, int dfd, String path, int mode) {
        return paths.mkdirat(t, "mkdirat", dfd, path, mode);
    }

    @Override
    public long unlink(Task t, String path) {
        return paths.unlinkat(t, "unlink", Fcntl.AT_FDCWD, path, 0);
    }

    @Override
    public long unlinkat(Task t, int dfd, String path, int flags) {
        return paths.unlinkat(t, "unlinkat", dfd, path, flags);
    }

    @Override
    public long rmdir(Task t, String path) {
        return paths.unlinkat(t, "rmdir", Fcntl.AT_FDCWD, path, Fcntl.AT_REMOVEDIR);
    }

    @Override
    public long chdir(Task t, String path) {
        return names.chdir(t, path);
    }

    @Override
    public long fchdir(Task t, int fd) {
        return names.fchdir(t, fd);
    }

    @Override
    public GetcwdResult getcwd(Task t, long size) {
        return names.getcwd(t, size);
    }

    @Override
    public long umask(Task t, int mask) {
        return names.umask(t, mask);
    }

    @Override
    public long access(Task t, String path, int mode) {
        return names.faccessat(t, "access", Fcntl.AT_FDCWD, path, mode, 0);
    }

    @Override
    public long faccessat(Task t, int dfd, String path, int mode) {
        return names.faccessat(t, "faccessat", dfd, path, mode, 0);
    }

    @Override
    public long faccessat2(Task t, int dfd, String path, int mode, int flags) {
        return names.faccessat(t, "faccessat2", dfd, path, mode, flags);
    }

    @Override
    public long rename(Task t, String oldpath, String newpath) {
        return names.renameat2(t, "rename", Fcntl.AT_FDCWD, oldpath, Fcntl.AT_FDCWD, newpath, 0);
    }

    @Override
    public long renameat(Task t, int olddfd, String oldpath, int newdfd, String newpath) {
        return names.renameat2(t, "renameat", olddfd, oldpath, newdfd, newpath, 0);
    }

    @Override
    public long renameat2(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return names.renameat2(t, "renameat2", olddfd, oldpath, newdfd, newpath, flags);
    }

    @Override
    public long link(Task t, String oldpath, String newpath) {
        return names.linkat(t, "link", Fcntl.AT_FDCWD, oldpath, Fcntl.AT_FDCWD, newpath, 0);
    }

    @Override
    public long linkat(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return names.linkat(t, "linkat", olddfd, oldpath, newdfd, newpath, flags);
    }

    @Override
    public long symlink(Task t, String target, String linkpath) {
        return names.symlinkat(t, "symlink", target, Fcntl.AT_FDCWD, linkpath);
    }

    @Override
    public long symlinkat(Task t, String target, int newdfd, String linkpath) {
        return names.symlinkat(t, "symlinkat", target, newdfd, linkpath);
    }

    @Override
    public long readlink(Task t, String path, UserBuffer buf, int bufsiz) {
        return names.readlinkat(t, Fcntl.AT_FDCWD, path, buf, bufsiz);
    }

    @Override
    public long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz) {
        return names.readlinkat(t, dfd, path, buf, bufsiz);
    }

    @Override
    public Getdents getdents64(Task t, int fd, long count) {
        return names.getdents64(t, fd, count);
    }

    @Override
    public long chmod(Task t, String path, int mode) {
        return names.fchmodat(t, "chmod", Fcntl.AT_FDCWD, path, mode);
    }

    @Override
    public long fchmod(Task t, int fd, int mode) {
        return names.fchmod(t, fd, mode);
    }

    @Override
    public long fchmodat(Task t, int dfd, String path, int mode) {
        return names.fchmodat(t, "fchmodat", dfd, path, mode);
    }

    @Override
    public long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return xattrs.setxattr(t, path, name, value, size, flags);
    }

    @Override
    public long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return xattrs.lsetxattr(t, path, name, value, size, flags);
    }

    @Override
    public long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags) {
        return xattrs.fsetxattr(t, fd, name, value, size, flags);
    }

    @Override
    public long getxattr(Task t, String path, String name, UserBuffer value, long size) {
        return xattrs.getxattr(t, path, name, value, size);
    }

    @Override
    public long lgetxattr(Task t, String path, String name, UserBuffer value, long size) {
        return xattrs.lgetxattr(t, path, name, value, size);
    }

    @Override
    public long fgetxattr(Task t, int fd, String name, UserBuffer value, long size) {
        return xattrs.fgetxattr(t, fd, name, value, size);
    }

    @Override
    public long listxattr(Task t, String path, UserBuffer list, long size) {
        return xattrs.listxattr(t, path, list, size);
    }

    @Override
    public long llistxattr(Task t, String path, UserBuffer list, long size) {
        return xattrs.llistxattr(t, path, list, size);
    }

    @Override
    public long flistxattr(Task t, int fd, UserBuffer list, long size) {
        return xattrs.flistxattr(t, fd, list, size);
    }

    @Override
    public long removexattr(Task t, String path, String name) {
        return xattrs.removexattr(t, path, name);
    }

    @Override
    public long lremovexattr(Task t, String path, String name) {
        return xattrs.lremovexattr(t, path, name);
    }

    @Override
    public long fremovexattr(Task t, int fd, String name) {
        return xattrs.fremovexattr(t, fd, name);
    }

    @Override
    public long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags) {
        return names.utimensat(t, dfd, path, times, flags);
    }

    @Override
    public long dup(Task t, int fd) {
        return fds.dup(t, fd);
    }

    @Override
    public long dup2(Task t, int oldfd, int newfd) {
        return fds.dup2(t, oldfd, newfd);
    }

    @Override
    public long dup3(Task t, int oldfd, int newfd, int flags) {
        return fds.dup3(t, oldfd, newfd, flags);
    }

    @Override
    public long fcntl(Task t, int fd, int cmd, long arg) {
        return fds.fcntl(t, fd, cmd, arg);
    }

    @Override
    public long pipe(Task t, int[] out) {
        return fds.pipe2(t, out, 0);
    }

    @Override
    public long pipe2(Task t, int[] out, int flags) {
        return fds.pipe2(t, out, flags);
    }

    @Override
    public long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return io.splice(t, fdIn, offIn, fdOut, offOut, len, flags);
    }

    @Override
    public long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        return io.tee(t, fdIn, fdOut, len, flags);
    }

    @Override
    public long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        return io.vmsplice(t, fd, iov, flags);
    }

    @Override
    public long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return io.copyFileRange(t, fdIn, offIn, fdOut, offOut, len, flags);
    }

    @Override
    public long sendfile(Task t, int outFd, int inFd, UserLong offset, long count) {
        return io.sendfile(t, outFd, inFd, offset, count);
    }

    @Override
    public long mknod(Task t, String path, int mode, long dev) {
        return mem.mknodat(t, "mknod", Fcntl.AT_FDCWD, path, mode, dev);
    }

    @Override
    public long mknodat(Task t, int dfd, String path, int mode, long dev) {
        return mem.mknodat(t, "mknodat", dfd, path, mode, dev);
    }

    /** {@code mmap} on the host: the address is the host's (MAP_FIXED and hints are not passed on). */
    @Override
    public long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        return mem.mmap(t, addr, length, prot, flags, fd, offset);
    }

    /** As {@link #mmap}: the host cannot place a mapping at a recorded address inside the JVM. */
    @Override
    public long mmapAt(Task t, long at, long addr, long length, int prot, int flags, int fd, long offset) {
        return mem.mmap(t, addr, length, prot, flags, fd, offset);
    }

    @Override
    public long munmap(Task t, long addr, long length) {
        return mem.munmap(t, addr, length);
    }

    @Override
    public long mprotect(Task t, long addr, long length, int prot) {
        return mem.onOwned(t, "mprotect", addr, length, Libc.MPROTECT, prot & 0xFFFFFFFFL);
    }

    @Override
    public long mremap(Task t, long oldAddr, long oldLength, long newLength, int flags, long newAddr) {
        return mem.mremap(t, oldAddr, oldLength, newLength, flags);
    }

    @Override
    public long msync(Task t, long addr, long length, int flags) {
        return mem.onOwned(t, "msync", addr, length, Libc.MSYNC, flags & 0xFFFFFFFFL);
    }

    @Override
    public long madvise(Task t, long addr, long length, int advice) {
        return mem.onOwned(t, "madvise", addr, length, Libc.MADVISE, advice & 0xFFFFFFFFL);
    }

    /** Not run on the host (the JVM's break is not the program's): answers 0, an unchanged break. */
    @Override
    public long brk(Task t, long addr) {
        return 0;
    }

    /** Host memory is not resolved through a task map here: ENOSYS, with an empty buffer. */
    @Override
    public dev.kemu.vfs.UserMemory userMemory(Task t, long addr, long length, boolean write) {
        return new dev.kemu.vfs.UserMemory(MemCalls.unsupported(), dev.kemu.vfs.UserBuffer.allocate(0));
    }

    /** Closes every descriptor of every task, unmaps the retained memory and removes the directory. */
    @Override
    public void close() {
        try {
            m.closeAll();
            mem.unmapAll();
            m.memory.close();
        } finally {
            m.sandbox.close();
        }
    }

    // Owners and AF_UNIX socket probes.

    @Override
    public long chown(Task t, String path, int owner, int group) {
        return owners.fchownat(t, "chown", Fcntl.AT_FDCWD, path, owner, group, 0);
    }

    @Override
    public long fchown(Task t, int fd, int owner, int group) {
        return owners.fchown(t, fd, owner, group);
    }

    @Override
    public long lchown(Task t, String path, int owner, int group) {
        return owners.fchownat(t, "lchown", Fcntl.AT_FDCWD, path, owner, group, Fcntl.AT_SYMLINK_NOFOLLOW);
    }

    @Override
    public long fchownat(Task t, int dfd, String path, int owner, int group, int flags) {
        return owners.fchownat(t, "fchownat", dfd, path, owner, group, flags);
    }

    /** The host's {@code socket} for every family: AF_INET and the others give real sockets here. */
    @Override
    public long socket(Task t, int family, int type, int protocol) {
        return sockets.socket(t, family, type, protocol);
    }

    @Override
    public long connect(Task t, int fd, dev.kemu.vfs.Sockaddr addr, int addrlen) {
        return sockets.connect(t, fd, addr, addrlen);
    }

    @Override
    public long bind(Task t, int fd, dev.kemu.vfs.Sockaddr addr, int addrlen) {
        return sockets.bind(t, fd, addr, addrlen);
    }

    // Processes and threads: outside what a JVM can do safely (see the class comment).

    @Override
    public dev.kemu.vfs.CloneResult clone(Task parent, long flags, int exitSignal) {
        return new dev.kemu.vfs.CloneResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null);
    }

    @Override
    public dev.kemu.vfs.CloneResult clone3(Task parent, long flags, int exitSignal) {
        return new dev.kemu.vfs.CloneResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null);
    }

    @Override
    public dev.kemu.vfs.CloneResult fork(Task parent) {
        return new dev.kemu.vfs.CloneResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null);
    }

    @Override
    public dev.kemu.vfs.CloneResult vfork(Task parent) {
        return new dev.kemu.vfs.CloneResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null);
    }

    @Override
    public long execve(Task t, String path) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    /** Nothing: the task is one of the JVM's threads. */
    @Override
    public void exitTask(Task t, int code) {
    }

    /** Nothing: exit_group would end the JVM. */
    @Override
    public void exitGroup(Task t, int code) {
    }

    /** Nothing: no host process is killed. */
    @Override
    public void killedBy(Task t, dev.kemu.vfs.Signal sig, boolean core) {
    }

    @Override
    public dev.kemu.vfs.WaitResult wait4(Task t, int pid, int options) {
        return new dev.kemu.vfs.WaitResult(dev.kemu.vfs.Errno.ENOSYS.neg(), 0);
    }

    @Override
    public dev.kemu.vfs.WaitResult waitid(Task t, int idtype, int id, int options) {
        return new dev.kemu.vfs.WaitResult(dev.kemu.vfs.Errno.ENOSYS.neg(), 0);
    }

    /** ENOSYS: a real kill would signal the JVM or another host process. */
    @Override
    public long kill(Task t, int pid, int sig) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long tgkill(Task t, int tgid, int tid, int sig) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long tkill(Task t, int tid, int sig) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    /** No task of the host backend is found by id. */
    @Override
    public Task task(int tid) {
        return null;
    }

    /** ENOSYS: the JVM's own process group is not the caller's to move. */
    @Override
    public long setpgid(Task t, int pid, int pgid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getpgid(Task t, int pid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getpgrp(Task t) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    /** ENOSYS: setsid would detach the JVM from its session. */
    @Override
    public long setsid(Task t) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getsid(Task t, int pid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    // Credentials: the four getters ask the host; a change would change the JVM's own credentials, and the
    // other getters would need user memory for their results, so those answer ENOSYS.

    @Override
    public long getuid(Task t) {
        return Libc.sys(Libc.GETUID, 0);
    }

    @Override
    public long geteuid(Task t) {
        return Libc.sys(Libc.GETEUID, 0);
    }

    @Override
    public long getgid(Task t) {
        return Libc.sys(Libc.GETGID, 0);
    }

    @Override
    public long getegid(Task t) {
        return Libc.sys(Libc.GETEGID, 0);
    }

    @Override
    public long setuid(Task t, int uid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setgid(Task t, int gid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setreuid(Task t, int ruid, int euid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setregid(Task t, int rgid, int egid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setresuid(Task t, int ruid, int euid, int suid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setresgid(Task t, int rgid, int egid, int sgid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getresuid(Task t, dev.kemu.vfs.UserLong ruid, dev.kemu.vfs.UserLong euid, dev.kemu.vfs.UserLong suid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getresgid(Task t, dev.kemu.vfs.UserLong rgid, dev.kemu.vfs.UserLong egid, dev.kemu.vfs.UserLong sgid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setfsuid(Task t, int uid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setfsgid(Task t, int gid) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long setgroups(Task t, int size, int[] list) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    @Override
    public long getgroups(Task t, int size, int[] list) {
        return dev.kemu.vfs.Errno.ENOSYS.neg();
    }

    // AF_UNIX socket pairs, socket names and messages; poll: the host's own calls.

    @Override
    public long socketpair(Task t, int family, int type, int protocol, int[] fds) {
        return sockets.socketpair(t, family, type, protocol, fds);
    }

    @Override
    public dev.kemu.vfs.SockName getsockname(Task t, int fd, int addrlen) {
        return sockets.getname(t, fd, addrlen, false);
    }

    @Override
    public dev.kemu.vfs.SockName getpeername(Task t, int fd, int addrlen) {
        return sockets.getname(t, fd, addrlen, true);
    }

    @Override
    public long sendto(Task t, int fd, UserBuffer buf, long len, int flags) {
        return sockets.transfer(t, fd, buf, len, flags, true);
    }

    @Override
    public long recvfrom(Task t, int fd, UserBuffer buf, long len, int flags) {
        return sockets.transfer(t, fd, buf, len, flags, false);
    }

    @Override
    public long sendmsg(Task t, int fd, java.util.List<dev.kemu.vfs.Iovec> iov, int flags) {
        return sockets.msg(t, fd, iov, flags, true).ret();
    }

    @Override
    public dev.kemu.vfs.MsgResult recvmsg(Task t, int fd, java.util.List<dev.kemu.vfs.Iovec> iov, int flags) {
        return sockets.msg(t, fd, iov, flags, false);
    }

    @Override
    public dev.kemu.vfs.PollResult poll(Task t, java.util.List<dev.kemu.vfs.PollFd> fds, long nfds, int timeoutMs) {
        return sockets.poll(t, fds, nfds, false, timeoutMs, null);
    }

    @Override
    public dev.kemu.vfs.PollResult ppoll(Task t, java.util.List<dev.kemu.vfs.PollFd> fds, long nfds, dev.kemu.vfs.Timespec timeout) {
        return sockets.poll(t, fds, nfds, true, 0, timeout);
    }

    /** ENOSYS: the sets would need translating bit by bit to the host's descriptor numbers. */
    @Override
    public dev.kemu.vfs.SelectResult select(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return new dev.kemu.vfs.SelectResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null, null, null);
    }

    /** ENOSYS, as select. */
    @Override
    public dev.kemu.vfs.SelectResult pselect6(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return new dev.kemu.vfs.SelectResult(dev.kemu.vfs.Errno.ENOSYS.neg(), null, null, null);
    }
}
