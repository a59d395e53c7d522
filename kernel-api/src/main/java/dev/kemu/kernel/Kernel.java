package dev.kemu.kernel;

import com.google.inject.Inject;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.pipe.SpliceCalls;
import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.CloneRules;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fallocate;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.GetcwdResult;
import dev.kemu.vfs.Getdents;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Rlimit;
import dev.kemu.vfs.ProcessSyscalls;
import dev.kemu.vfs.RlimitResult;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Sockaddr;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.StatfsResult;
import dev.kemu.vfs.Statx;
import dev.kemu.vfs.StatxResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Timespec;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.UserMemory;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
import dev.kemu.vfs.WaitResult;
import dev.kemu.vfs.spi.MountException;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One emulated machine running one kernel version: its mounted tree and its system call table.
 *
 * <p>Every syscall method runs on behalf of a {@link Task}: it marks the calling thread as that
 * task's ({@link Task#enter()}), answers ENOSYS if the version lacks the call, and delivers
 * pending signals on the way out. Results are values or negated errnos; nothing is thrown for
 * bad input.
 */
public final class Kernel implements Syscalls {
    private final KernelVersion version;
    private final BootOptions options;
    private final FileSystemTypes fsTypes;
    private final SyscallTable table;
    private final Set<BehaviourSwitch> switches;
    private final VfsSyscalls vfsCalls;
    private final PipeSyscalls pipeCalls;
    private final SpliceCalls spliceCalls;
    private final DeviceBehaviour deviceBehaviour;
    private final ProcessSyscalls processCalls;
    private final dev.kemu.vfs.CredSyscalls credCalls = new dev.kemu.vfs.CredSyscalls();
    private final Crng crng = new Crng(0);
    private Vfs vfs;
    /** How the version names syscall entry points: {@code SyS_splice} before 4.17, {@code __x64_sys_splice} after. */
    private final String entryPrefix;

    @Inject
    Kernel(KernelVersion version, BootOptions options, FileSystemTypes fsTypes, SyscallTable table,
            Set<BehaviourSwitch> switches, VfsBehaviour vfsBehaviour, PipeBehaviour pipeBehaviour, CopyBehaviour copyBehaviour,
            DeviceBehaviour deviceBehaviour) {
        this.deviceBehaviour = deviceBehaviour;
        this.version = version;
        this.options = options;
        this.fsTypes = fsTypes;
        this.table = table;
        this.switches = Set.copyOf(switches);
        this.vfsCalls = new VfsSyscalls(vfsBehaviour);
        this.pipeCalls = new PipeSyscalls(pipeBehaviour, options.pipeRing());
        this.vfsCalls.setFcntlHook(pipeCalls);
        this.spliceCalls = new SpliceCalls(pipeBehaviour, copyBehaviour, vfsCalls, pipeCalls);
        this.entryPrefix = version.atLeast("4.17") ? "__x64_sys_" : "SyS_";
        this.processCalls = new ProcessSyscalls(new CloneRules(version.atLeast("5.2"), version.atLeast("5.5"),
                version.atLeast("5.7"), version.atLeast("6.3"), version.atLeast("6.9")), version.atLeast("5.4"));
    }

    /**
     * Mounts the root and the standard mounts, registers the character devices (null, zero, full,
     * random, urandom) and the FIFO operations, and creates the device nodes when {@code /dev} is
     * a ramfs.
     */
    void boot() throws KernelBootException {
        try {
            vfs = Vfs.withRoot(fsTypes, options.rootType(), options.rootSource(), options.rootOptions(),
                    vfsCalls.behaviour());
            for (BootOptions.MountSpec m : options.mounts()) {
                if (fsTypes.get(m.type()) != null) {
                    // procfs shows the emulated release in /proc/version.
                    vfs.mount(m.type(), null, m.at(), m.type().equals("proc") ? java.util.Map.of("version", version.toString())
                            : java.util.Map.of());
                }
            }
            var dev = vfs.mkdirs("/dev");
            vfs.setFifoOperations(pipeCalls.fifoOperations());
            MemDevices.register(vfs, dev.inode(), deviceBehaviour, crng);
            vfs.mkdirs(options.cwd());
        } catch (MountException e) {
            throw new KernelBootException(e.getMessage(), e);
        }
    }

    @Override
    public String release() {
        return version.toString();
    }

    public KernelVersion version() {
        return version;
    }

    public Vfs vfs() {
        return vfs;
    }

    /** The working directory of new tasks (the scenario directory). */
    @Override
    public String workingDirectory() {
        return options.cwd();
    }

    /** How this machine's pipes guard their ring ({@code --pipe-ring}). */
    public dev.kemu.pipe.PipeRingKind pipeRing() {
        return pipeCalls.ring();
    }

    /** The random generator behind /dev/random and /dev/urandom; reseed it to repeat a run's bytes. */
    public Crng crng() {
        return crng;
    }

    /** The behaviour switches the plugin documents, with whether each is on here. */
    public Set<BehaviourSwitch> switches() {
        return switches;
    }

    public SyscallTable table() {
        return table;
    }

    /**
     * A new task in the working directory, with descriptors 0, 1 and 2 open on {@code /dev/null}
     * (or closed when the machine has no {@code /dev/null}).
     */
    @Override
    public Task newTask() {
        try {
            Task t = vfs.newTask(options.cwd());
            for (int fd = 0; fd < 3; fd++) {
                call(t, "openat", () -> vfsCalls.openat(t, Fcntl.AT_FDCWD, "/dev/null", Fcntl.O_RDWR, 0));
            }
            return t;
        } catch (MountException e) {
            throw new IllegalStateException("the working directory vanished: " + e.getMessage(), e);
        }
    }

    /**
     * A new task cloned from {@code parent} without the checks of a call: a thread of its process
     * sharing its descriptor table, address space and limits, or a forked process with a copy of
     * each (every open file shared). See {@link #clone} for the call.
     */
    public Task cloneTask(Task parent, boolean shareFiles) {
        return vfs.cloneTask(parent, shareFiles);
    }

    /** Closes every descriptor of a task that exits ({@code exit_files}). */
    public void exitTask(Task t) {
        for (int fd : t.files().openFds()) {
            close(t, fd);
        }
        t.mm().exitMmap();
    }

    private long call(Task t, String name, LongSupplier body) {
        if (!table.has(name)) {
            return Errno.ENOSYS.neg();
        }
        t.enter();
        try {
            if (!Ftrace.on()) {
                return body.getAsLong();
            }
            Ftrace.enter(entryPrefix + (name.equals("sendfile") ? "sendfile64" : name));
            return Ftrace.exit(body.getAsLong());
        } finally {
            t.exit();
        }
    }

    private StatResult statCall(Task t, String name, java.util.function.Supplier<StatResult> body) {
        return resultCall(t, name, body, () -> new StatResult(Errno.ENOSYS.neg(), null));
    }

    /** A call whose result is a record: ENOSYS (from {@code enosys}) when the version lacks it. */
    private <R> R resultCall(Task t, String name, java.util.function.Supplier<R> body, java.util.function.Supplier<R> enosys) {
        if (!table.has(name)) {
            return enosys.get();
        }
        t.enter();
        try {
            return body.get();
        } finally {
            t.exit();
        }
    }

    /** A call whose result is a record: ENOSYS from the table comes back as {@code enosys.apply(-ENOSYS)}. */
    private <T> T recordCall(Task t, String name, java.util.function.Supplier<T> body, java.util.function.LongFunction<T> enosys) {
        return resultCall(t, name, body, () -> enosys.apply(Errno.ENOSYS.neg()));
    }

    /** The fallocate mode checks of this version ({@code fs/open.c:vfs_fallocate()}). */
    private Fallocate.Modes fallocateModes() {
        if (version.atLeast("6.17")) {
            return Fallocate.Modes.EXCLUSIVE_WRITE_ZEROES;
        }
        if (version.atLeast("6.13")) {
            return Fallocate.Modes.EXCLUSIVE;
        }
        return version.atLeast("3.15") ? Fallocate.Modes.FLAG_CHECKS : Fallocate.Modes.V3_10;
    }

    @Override
    public long openat(Task t, int dfd, String path, int flags, int mode) {
        return call(t, "openat", () -> vfsCalls.openat(t, dfd, path, flags, mode));
    }

    @Override
    public long open(Task t, String path, int flags, int mode) {
        return call(t, "open", () -> vfsCalls.open(t, path, flags, mode));
    }

    @Override
    public long creat(Task t, String path, int mode) {
        return call(t, "creat", () -> vfsCalls.creat(t, path, mode));
    }

    @Override
    public long close(Task t, int fd) {
        return call(t, "close", () -> vfsCalls.close(t, fd));
    }

    @Override
    public long read(Task t, int fd, UserBuffer buf, long count) {
        return call(t, "read", () -> vfsCalls.read(t, fd, buf, count));
    }

    @Override
    public long write(Task t, int fd, UserBuffer buf, long count) {
        return call(t, "write", () -> vfsCalls.write(t, fd, buf, count));
    }

    @Override
    public long pread64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return call(t, "pread64", () -> vfsCalls.pread64(t, fd, buf, count, pos));
    }

    @Override
    public long pwrite64(Task t, int fd, UserBuffer buf, long count, long pos) {
        return call(t, "pwrite64", () -> vfsCalls.pwrite64(t, fd, buf, count, pos));
    }

    @Override
    public long readv(Task t, int fd, List<Iovec> iov) {
        return call(t, "readv", () -> vfsCalls.readv(t, fd, iov));
    }

    @Override
    public long writev(Task t, int fd, List<Iovec> iov) {
        return call(t, "writev", () -> vfsCalls.writev(t, fd, iov));
    }

    @Override
    public long lseek(Task t, int fd, long offset, int whence) {
        return call(t, "lseek", () -> vfsCalls.lseek(t, fd, offset, whence));
    }

    @Override
    public long ftruncate(Task t, int fd, long length) {
        return call(t, "ftruncate", () -> vfsCalls.ftruncate(t, fd, length));
    }

    @Override
    public long truncate(Task t, String path, long length) {
        return call(t, "truncate", () -> vfsCalls.truncate(t, path, length));
    }

    @Override
    public StatfsResult statfs(Task t, String path) {
        return resultCall(t, "statfs", () -> vfsCalls.statfs(t, path), () -> new StatfsResult(Errno.ENOSYS.neg(), null));
    }

    @Override
    public StatfsResult fstatfs(Task t, int fd) {
        return resultCall(t, "fstatfs", () -> vfsCalls.fstatfs(t, fd), () -> new StatfsResult(Errno.ENOSYS.neg(), null));
    }

    /** {@code statx} (4.11); {@code vfs_statx} reports {@code STATX_MNT_ID} from 5.8. */
    @Override
    public StatxResult statx(Task t, int dfd, String path, int flags, int mask) {
        return resultCall(t, "statx", () -> {
            StatxResult r = vfsCalls.statx(t, dfd, path, flags, mask);
            return r.ret() == 0 && version.atLeast("5.8") ? new StatxResult(0, r.statx().withMaskBits(Statx.STATX_MNT_ID)) : r;
        }, () -> new StatxResult(Errno.ENOSYS.neg(), null));
    }

    @Override
    public long fsync(Task t, int fd) {
        return call(t, "fsync", () -> vfsCalls.fsync(t, fd));
    }

    @Override
    public long fdatasync(Task t, int fd) {
        return call(t, "fdatasync", () -> vfsCalls.fdatasync(t, fd));
    }

    @Override
    public long syncfs(Task t, int fd) {
        return call(t, "syncfs", () -> vfsCalls.syncfs(t, fd));
    }

    @Override
    public long fallocate(Task t, int fd, int mode, long offset, long len) {
        return call(t, "fallocate", () -> vfsCalls.fallocate(t, fd, mode, offset, len, fallocateModes()));
    }

    /** {@code close_range} (5.9); {@code CLOSE_RANGE_CLOEXEC} from 5.11. */
    @Override
    public long closeRange(Task t, int first, int last, int flags) {
        return call(t, "close_range", () -> vfsCalls.closeRange(t, first, last, flags, version.atLeast("5.11")));
    }

    @Override
    public RlimitResult prlimit64(Task t, int pid, int resource, Rlimit newLimit) {
        return resultCall(t, "prlimit64", () -> vfsCalls.prlimit64(t, pid, resource, newLimit),
                () -> new RlimitResult(Errno.ENOSYS.neg(), null));
    }

    @Override
    public RlimitResult getrlimit(Task t, int resource) {
        return resultCall(t, "getrlimit", () -> vfsCalls.getrlimit(t, resource), () -> new RlimitResult(Errno.ENOSYS.neg(), null));
    }

    @Override
    public long setrlimit(Task t, int resource, Rlimit limit) {
        return call(t, "setrlimit", () -> vfsCalls.setrlimit(t, resource, limit));
    }

    @Override
    public long fadvise64(Task t, int fd, long offset, long len, int advice) {
        return call(t, "fadvise64", () -> vfsCalls.fadvise64(t, fd, offset, len, advice));
    }

    @Override
    public long ioctl(Task t, int fd, int request, long arg, UserBuffer argp) {
        return call(t, "ioctl", () -> vfsCalls.ioctl(t, fd, request, arg, argp));
    }

    /** {@code memfd_create} (3.17); {@code MFD_NOEXEC_SEAL} and {@code MFD_EXEC} from 6.3. */
    @Override
    public long memfdCreate(Task t, String name, int flags) {
        return call(t, "memfd_create", () -> vfsCalls.memfdCreate(t, name, flags, version.atLeast("6.3")));
    }

    @Override
    public StatResult fstat(Task t, int fd) {
        return statCall(t, "fstat", () -> vfsCalls.fstat(t, fd));
    }

    @Override
    public StatResult newfstatat(Task t, int dfd, String path, int flags) {
        return statCall(t, "newfstatat", () -> vfsCalls.newfstatat(t, dfd, path, flags));
    }

    @Override
    public long mkdir(Task t, String path, int mode) {
        return call(t, "mkdir", () -> vfsCalls.mkdir(t, path, mode));
    }

    @Override
    public long mkdirat(Task t, int dfd, String path, int mode) {
        return call(t, "mkdirat", () -> vfsCalls.mkdirat(t, dfd, path, mode));
    }

    @Override
    public long unlink(Task t, String path) {
        return call(t, "unlink", () -> vfsCalls.unlink(t, path));
    }

    @Override
    public long unlinkat(Task t, int dfd, String path, int flags) {
        return call(t, "unlinkat", () -> vfsCalls.unlinkat(t, dfd, path, flags));
    }

    @Override
    public long rmdir(Task t, String path) {
        return call(t, "rmdir", () -> vfsCalls.rmdir(t, path));
    }

    @Override
    public long chdir(Task t, String path) {
        return call(t, "chdir", () -> vfsCalls.chdir(t, path));
    }

    @Override
    public long fchdir(Task t, int fd) {
        return call(t, "fchdir", () -> vfsCalls.fchdir(t, fd));
    }

    @Override
    public GetcwdResult getcwd(Task t, long size) {
        return recordCall(t, "getcwd", () -> vfsCalls.getcwd(t, size), e -> new GetcwdResult(e, null));
    }

    @Override
    public long umask(Task t, int mask) {
        return call(t, "umask", () -> vfsCalls.umask(t, mask));
    }

    @Override
    public long access(Task t, String path, int mode) {
        return call(t, "access", () -> vfsCalls.access(t, path, mode));
    }

    @Override
    public long faccessat(Task t, int dfd, String path, int mode) {
        return call(t, "faccessat", () -> vfsCalls.faccessat(t, dfd, path, mode));
    }

    @Override
    public long faccessat2(Task t, int dfd, String path, int mode, int flags) {
        return call(t, "faccessat2", () -> vfsCalls.faccessat2(t, dfd, path, mode, flags));
    }

    @Override
    public long rename(Task t, String oldpath, String newpath) {
        return call(t, "rename", () -> vfsCalls.rename(t, oldpath, newpath));
    }

    @Override
    public long renameat(Task t, int olddfd, String oldpath, int newdfd, String newpath) {
        return call(t, "renameat", () -> vfsCalls.renameat(t, olddfd, oldpath, newdfd, newpath));
    }

    @Override
    public long renameat2(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return call(t, "renameat2", () -> vfsCalls.renameat2(t, olddfd, oldpath, newdfd, newpath, flags));
    }

    @Override
    public long link(Task t, String oldpath, String newpath) {
        return call(t, "link", () -> vfsCalls.link(t, oldpath, newpath));
    }

    @Override
    public long linkat(Task t, int olddfd, String oldpath, int newdfd, String newpath, int flags) {
        return call(t, "linkat", () -> vfsCalls.linkat(t, olddfd, oldpath, newdfd, newpath, flags));
    }

    @Override
    public long symlink(Task t, String target, String linkpath) {
        return call(t, "symlink", () -> vfsCalls.symlink(t, target, linkpath));
    }

    @Override
    public long symlinkat(Task t, String target, int newdfd, String linkpath) {
        return call(t, "symlinkat", () -> vfsCalls.symlinkat(t, target, newdfd, linkpath));
    }

    @Override
    public long readlink(Task t, String path, UserBuffer buf, int bufsiz) {
        return call(t, "readlink", () -> vfsCalls.readlink(t, path, buf, bufsiz));
    }

    @Override
    public long readlinkat(Task t, int dfd, String path, UserBuffer buf, int bufsiz) {
        return call(t, "readlinkat", () -> vfsCalls.readlinkat(t, dfd, path, buf, bufsiz));
    }

    @Override
    public Getdents getdents64(Task t, int fd, long count) {
        return recordCall(t, "getdents64", () -> vfsCalls.getdents64(t, fd, count), e -> new Getdents(e, List.of()));
    }

    @Override
    public long chmod(Task t, String path, int mode) {
        return call(t, "chmod", () -> vfsCalls.chmod(t, path, mode));
    }

    @Override
    public long fchmod(Task t, int fd, int mode) {
        return call(t, "fchmod", () -> vfsCalls.fchmod(t, fd, mode));
    }

    @Override
    public long fchmodat(Task t, int dfd, String path, int mode) {
        return call(t, "fchmodat", () -> vfsCalls.fchmodat(t, dfd, path, mode));
    }

    @Override
    public long setxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return call(t, "setxattr", () -> vfsCalls.setxattr(t, path, name, value, size, flags));
    }

    @Override
    public long lsetxattr(Task t, String path, String name, UserBuffer value, long size, int flags) {
        return call(t, "lsetxattr", () -> vfsCalls.lsetxattr(t, path, name, value, size, flags));
    }

    @Override
    public long fsetxattr(Task t, int fd, String name, UserBuffer value, long size, int flags) {
        return call(t, "fsetxattr", () -> vfsCalls.fsetxattr(t, fd, name, value, size, flags));
    }

    @Override
    public long getxattr(Task t, String path, String name, UserBuffer value, long size) {
        return call(t, "getxattr", () -> vfsCalls.getxattr(t, path, name, value, size));
    }

    @Override
    public long lgetxattr(Task t, String path, String name, UserBuffer value, long size) {
        return call(t, "lgetxattr", () -> vfsCalls.lgetxattr(t, path, name, value, size));
    }

    @Override
    public long fgetxattr(Task t, int fd, String name, UserBuffer value, long size) {
        return call(t, "fgetxattr", () -> vfsCalls.fgetxattr(t, fd, name, value, size));
    }

    @Override
    public long listxattr(Task t, String path, UserBuffer list, long size) {
        return call(t, "listxattr", () -> vfsCalls.listxattr(t, path, list, size));
    }

    @Override
    public long llistxattr(Task t, String path, UserBuffer list, long size) {
        return call(t, "llistxattr", () -> vfsCalls.llistxattr(t, path, list, size));
    }

    @Override
    public long flistxattr(Task t, int fd, UserBuffer list, long size) {
        return call(t, "flistxattr", () -> vfsCalls.flistxattr(t, fd, list, size));
    }

    @Override
    public long removexattr(Task t, String path, String name) {
        return call(t, "removexattr", () -> vfsCalls.removexattr(t, path, name));
    }

    @Override
    public long lremovexattr(Task t, String path, String name) {
        return call(t, "lremovexattr", () -> vfsCalls.lremovexattr(t, path, name));
    }

    @Override
    public long fremovexattr(Task t, int fd, String name) {
        return call(t, "fremovexattr", () -> vfsCalls.fremovexattr(t, fd, name));
    }

    @Override
    public long utimensat(Task t, int dfd, String path, List<Timespec> times, int flags) {
        return call(t, "utimensat", () -> vfsCalls.utimensat(t, dfd, path, times, flags));
    }

    @Override
    public long dup(Task t, int fd) {
        return call(t, "dup", () -> vfsCalls.dup(t, fd));
    }

    @Override
    public long dup2(Task t, int oldfd, int newfd) {
        return call(t, "dup2", () -> vfsCalls.dup2(t, oldfd, newfd));
    }

    @Override
    public long dup3(Task t, int oldfd, int newfd, int flags) {
        return call(t, "dup3", () -> vfsCalls.dup3(t, oldfd, newfd, flags));
    }

    @Override
    public long fcntl(Task t, int fd, int cmd, long arg) {
        return call(t, "fcntl", () -> vfsCalls.fcntl(t, fd, cmd, arg));
    }

    /** {@code pipe}: {@code pipe2} with no flags. */
    @Override
    public long pipe(Task t, int[] fds) {
        return call(t, "pipe", () -> pipeCalls.pipe2(t, fds, 0));
    }

    @Override
    public long pipe2(Task t, int[] fds, int flags) {
        return call(t, "pipe2", () -> pipeCalls.pipe2(t, fds, flags));
    }

    /** {@code splice}; an offset is null for NULL. {@code len} is unsigned. */
    @Override
    public long splice(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return call(t, "splice", () -> spliceCalls.splice(t, fdIn, offIn, fdOut, offOut, len, flags));
    }

    @Override
    public long tee(Task t, int fdIn, int fdOut, long len, int flags) {
        return call(t, "tee", () -> spliceCalls.tee(t, fdIn, fdOut, len, flags));
    }

    @Override
    public long vmsplice(Task t, int fd, List<Iovec> iov, int flags) {
        return call(t, "vmsplice", () -> spliceCalls.vmsplice(t, fd, iov, flags));
    }

    /** {@code copy_file_range}; an offset is null for NULL. {@code len} is unsigned. */
    @Override
    public long copyFileRange(Task t, int fdIn, UserLong offIn, int fdOut, UserLong offOut, long len, int flags) {
        return call(t, "copy_file_range", () -> spliceCalls.copies().copyFileRange(t, fdIn, offIn, fdOut, offOut, len, flags));
    }

    /** {@code sendfile} (x86-64's sendfile64); {@code offset} is null for NULL. */
    @Override
    public long sendfile(Task t, int outFd, int inFd, UserLong offset, long count) {
        return call(t, "sendfile", () -> spliceCalls.copies().sendfile(t, outFd, inFd, offset, count));
    }

    @Override
    public long mknod(Task t, String path, int mode, long dev) {
        return call(t, "mknod", () -> vfsCalls.mknod(t, path, mode, dev));
    }

    @Override
    public long mknodat(Task t, int dfd, String path, int mode, long dev) {
        return call(t, "mknodat", () -> vfsCalls.mknodat(t, dfd, path, mode, dev));
    }

    @Override
    public long mmap(Task t, long addr, long length, int prot, int flags, int fd, long offset) {
        return call(t, "mmap", () -> vfsCalls.mmap(t, addr, length, prot, flags, fd, offset));
    }

    @Override
    public long mmapAt(Task t, long at, long addr, long length, int prot, int flags, int fd, long offset) {
        return call(t, "mmap", () -> vfsCalls.mmapAt(t, at, addr, length, prot, flags, fd, offset));
    }

    @Override
    public long munmap(Task t, long addr, long length) {
        return call(t, "munmap", () -> vfsCalls.munmap(t, addr, length));
    }

    @Override
    public long mprotect(Task t, long addr, long length, int prot) {
        return call(t, "mprotect", () -> vfsCalls.mprotect(t, addr, length, prot));
    }

    @Override
    public long mremap(Task t, long oldAddr, long oldLength, long newLength, int flags, long newAddr) {
        return call(t, "mremap", () -> vfsCalls.mremap(t, oldAddr, oldLength, newLength, flags, newAddr));
    }

    @Override
    public long msync(Task t, long addr, long length, int flags) {
        return call(t, "msync", () -> vfsCalls.msync(t, addr, length, flags));
    }

    @Override
    public long madvise(Task t, long addr, long length, int advice) {
        return call(t, "madvise", () -> vfsCalls.madvise(t, addr, length, advice));
    }

    @Override
    public long brk(Task t, long addr) {
        return call(t, "brk", () -> vfsCalls.brk(t, addr));
    }

    @Override
    public UserMemory userMemory(Task t, long addr, long length, boolean write) {
        return vfsCalls.userMemory(t, addr, length, write);
    }

    /** Writes back every filesystem (the image files, if any, are then complete). */
    @Override
    public void sync() {
        vfs.sync();
    }

    /**
     * Shuts the machine down: every filesystem is unmounted, written back and released (an
     * image file is then complete). The machine must not be used afterwards.
     */
    public void shutdown() {
        vfs.shutdown();
    }

    @Override
    public String toString() {
        return "Linux " + version;
    }

    // Owners and AF_UNIX socket probes.

    @Override
    public long chown(Task t, String path, int owner, int group) {
        return call(t, "chown", () -> vfsCalls.chown(t, path, owner, group));
    }

    @Override
    public long fchown(Task t, int fd, int owner, int group) {
        return call(t, "fchown", () -> vfsCalls.fchown(t, fd, owner, group));
    }

    @Override
    public long lchown(Task t, String path, int owner, int group) {
        return call(t, "lchown", () -> vfsCalls.lchown(t, path, owner, group));
    }

    @Override
    public long fchownat(Task t, int dfd, String path, int owner, int group, int flags) {
        return call(t, "fchownat", () -> vfsCalls.fchownat(t, dfd, path, owner, group, flags));
    }

    @Override
    public long socket(Task t, int family, int type, int protocol) {
        return call(t, "socket", () -> vfsCalls.socket(t, family, type, protocol, afMax()));
    }

    /** {@code connect}: from 5.5 ({@code __sys_connect_file}) the address is copied in before ENOTSOCK is known. */
    @Override
    public long connect(Task t, int fd, Sockaddr addr, int addrlen) {
        return call(t, "connect", () -> vfsCalls.connect(t, fd, addr, addrlen, version.atLeast("5.5")));
    }

    @Override
    public long bind(Task t, int fd, Sockaddr addr, int addrlen) {
        return call(t, "bind", () -> vfsCalls.bind(t, fd, addr, addrlen));
    }

    /**
     * {@code NPROTO} ({@code AF_MAX}, {@code include/linux/socket.h}) of this version: 41 in 3.10,
     * then one more for AF_KCM (4.6), AF_QIPCRTR (4.7), AF_SMC (4.11), AF_XDP (4.18) and AF_MCTP
     * (5.15).
     */
    private int afMax() {
        if (version.atLeast("5.15")) {
            return 46;
        }
        if (version.atLeast("4.18")) {
            return 45;
        }
        if (version.atLeast("4.11")) {
            return 44;
        }
        if (version.atLeast("4.7")) {
            return 43;
        }
        return version.atLeast("4.6") ? 42 : 41;
    }

    // Processes and threads (kernel/fork.c, fs/exec.c, kernel/exit.c, kernel/signal.c).

    @Override
    public CloneResult clone(Task parent, long flags, int exitSignal) {
        return recordCall(parent, "clone", () -> processCalls.clone(parent, flags, exitSignal), e -> new CloneResult(e, null));
    }

    /** {@code clone3}: from 5.3. */
    @Override
    public CloneResult clone3(Task parent, long flags, int exitSignal) {
        return recordCall(parent, "clone3", () -> processCalls.clone3(parent, flags, exitSignal), e -> new CloneResult(e, null));
    }

    @Override
    public CloneResult fork(Task parent) {
        return recordCall(parent, "fork", () -> processCalls.fork(parent), e -> new CloneResult(e, null));
    }

    @Override
    public CloneResult vfork(Task parent) {
        return recordCall(parent, "vfork", () -> processCalls.vfork(parent), e -> new CloneResult(e, null));
    }

    @Override
    public long execve(Task t, String path) {
        return call(t, "execve", () -> processCalls.execve(t, path));
    }

    @Override
    public void exitTask(Task t, int code) {
        call(t, "exit", () -> {
            processCalls.exitTask(t, code);
            return 0;
        });
    }

    @Override
    public void exitGroup(Task t, int code) {
        call(t, "exit_group", () -> {
            processCalls.exitGroup(t, code);
            return 0;
        });
    }

    @Override
    public void killedBy(Task t, Signal sig, boolean core) {
        t.enter();
        try {
            processCalls.killedBy(t, sig, core);
        } finally {
            t.exit();
        }
    }

    @Override
    public WaitResult wait4(Task t, int pid, int options) {
        return recordCall(t, "wait4", () -> processCalls.wait4(t, pid, options), e -> new WaitResult(e, 0));
    }

    /** {@code waitid}: P_PIDFD, and P_PGID 0 for the caller's group, from 5.4. */
    @Override
    public WaitResult waitid(Task t, int idtype, int id, int options) {
        return recordCall(t, "waitid", () -> processCalls.waitid(t, idtype, id, options), e -> new WaitResult(e, 0));
    }

    @Override
    public long kill(Task t, int pid, int sig) {
        return call(t, "kill", () -> processCalls.kill(t, pid, sig));
    }

    @Override
    public long tgkill(Task t, int tgid, int tid, int sig) {
        return call(t, "tgkill", () -> processCalls.tgkill(t, tgid, tid, sig));
    }

    @Override
    public long tkill(Task t, int tid, int sig) {
        return call(t, "tkill", () -> processCalls.tkill(t, tid, sig));
    }

    @Override
    public Task task(int tid) {
        return vfs.taskList().task(tid);
    }

    @Override
    public long setpgid(Task t, int pid, int pgid) {
        return call(t, "setpgid", () -> processCalls.setpgid(t, pid, pgid));
    }

    @Override
    public long getpgid(Task t, int pid) {
        return call(t, "getpgid", () -> processCalls.getpgid(t, pid));
    }

    @Override
    public long getpgrp(Task t) {
        return call(t, "getpgrp", () -> processCalls.getpgrp(t));
    }

    @Override
    public long setsid(Task t) {
        return call(t, "setsid", () -> processCalls.setsid(t));
    }

    @Override
    public long getsid(Task t, int pid) {
        return call(t, "getsid", () -> processCalls.getsid(t, pid));
    }

    // Credentials.

    @Override
    public long getuid(Task t) {
        return call(t, "getuid", () -> credCalls.getuid(t));
    }

    @Override
    public long geteuid(Task t) {
        return call(t, "geteuid", () -> credCalls.geteuid(t));
    }

    @Override
    public long getgid(Task t) {
        return call(t, "getgid", () -> credCalls.getgid(t));
    }

    @Override
    public long getegid(Task t) {
        return call(t, "getegid", () -> credCalls.getegid(t));
    }

    @Override
    public long setuid(Task t, int uid) {
        return call(t, "setuid", () -> credCalls.setuid(t, uid));
    }

    @Override
    public long setgid(Task t, int gid) {
        return call(t, "setgid", () -> credCalls.setgid(t, gid));
    }

    @Override
    public long setreuid(Task t, int ruid, int euid) {
        return call(t, "setreuid", () -> credCalls.setreuid(t, ruid, euid));
    }

    @Override
    public long setregid(Task t, int rgid, int egid) {
        return call(t, "setregid", () -> credCalls.setregid(t, rgid, egid));
    }

    @Override
    public long setresuid(Task t, int ruid, int euid, int suid) {
        return call(t, "setresuid", () -> credCalls.setresuid(t, ruid, euid, suid));
    }

    @Override
    public long setresgid(Task t, int rgid, int egid, int sgid) {
        return call(t, "setresgid", () -> credCalls.setresgid(t, rgid, egid, sgid));
    }

    @Override
    public long getresuid(Task t, UserLong ruid, UserLong euid, UserLong suid) {
        return call(t, "getresuid", () -> credCalls.getresuid(t, ruid, euid, suid));
    }

    @Override
    public long getresgid(Task t, UserLong rgid, UserLong egid, UserLong sgid) {
        return call(t, "getresgid", () -> credCalls.getresgid(t, rgid, egid, sgid));
    }

    @Override
    public long setfsuid(Task t, int uid) {
        return call(t, "setfsuid", () -> credCalls.setfsuid(t, uid));
    }

    @Override
    public long setfsgid(Task t, int gid) {
        return call(t, "setfsgid", () -> credCalls.setfsgid(t, gid));
    }

    @Override
    public long setgroups(Task t, int size, int[] list) {
        return call(t, "setgroups", () -> credCalls.setgroups(t, size, list));
    }

    @Override
    public long getgroups(Task t, int size, int[] list) {
        return call(t, "getgroups", () -> credCalls.getgroups(t, size, list));
    }

    // AF_UNIX socket pairs, socket names and messages; poll.

    @Override
    public long socketpair(Task t, int family, int type, int protocol, int[] fds) {
        return call(t, "socketpair", () -> vfsCalls.socketpair(t, family, type, protocol, fds, afMax()));
    }

    @Override
    public dev.kemu.vfs.SockName getsockname(Task t, int fd, int addrlen) {
        return recordCall(t, "getsockname", () -> vfsCalls.getsockname(t, fd, addrlen), dev.kemu.vfs.SockName::error);
    }

    @Override
    public dev.kemu.vfs.SockName getpeername(Task t, int fd, int addrlen) {
        return recordCall(t, "getpeername", () -> vfsCalls.getpeername(t, fd, addrlen), dev.kemu.vfs.SockName::error);
    }

    @Override
    public long sendto(Task t, int fd, UserBuffer buf, long len, int flags) {
        return call(t, "sendto", () -> vfsCalls.sendto(t, fd, buf, len, flags));
    }

    @Override
    public long recvfrom(Task t, int fd, UserBuffer buf, long len, int flags) {
        return call(t, "recvfrom", () -> vfsCalls.recvfrom(t, fd, buf, len, flags));
    }

    @Override
    public long sendmsg(Task t, int fd, List<Iovec> iov, int flags) {
        return call(t, "sendmsg", () -> vfsCalls.sendmsg(t, fd, iov, flags));
    }

    @Override
    public dev.kemu.vfs.MsgResult recvmsg(Task t, int fd, List<Iovec> iov, int flags) {
        return recordCall(t, "recvmsg", () -> vfsCalls.recvmsg(t, fd, iov, flags), e -> new dev.kemu.vfs.MsgResult(e, 0));
    }

    @Override
    public dev.kemu.vfs.PollResult poll(Task t, List<dev.kemu.vfs.PollFd> fds, long nfds, int timeoutMs) {
        return recordCall(t, "poll", () -> vfsCalls.poll(t, fds, nfds, timeoutMs), e -> new dev.kemu.vfs.PollResult(e, null));
    }

    @Override
    public dev.kemu.vfs.PollResult ppoll(Task t, List<dev.kemu.vfs.PollFd> fds, long nfds, dev.kemu.vfs.Timespec timeout) {
        return recordCall(t, "ppoll", () -> vfsCalls.ppoll(t, fds, nfds, timeout), e -> new dev.kemu.vfs.PollResult(e, null));
    }

    @Override
    public dev.kemu.vfs.SelectResult select(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return recordCall(t, "select", () -> vfsCalls.select(t, n, in, out, ex, timeout),
                e -> new dev.kemu.vfs.SelectResult(e, null, null, null));
    }

    @Override
    public dev.kemu.vfs.SelectResult pselect6(Task t, int n, java.util.BitSet in, java.util.BitSet out, java.util.BitSet ex,
            dev.kemu.vfs.Timespec timeout) {
        return recordCall(t, "pselect6", () -> vfsCalls.select(t, n, in, out, ex, timeout),
                e -> new dev.kemu.vfs.SelectResult(e, null, null, null));
    }
}
