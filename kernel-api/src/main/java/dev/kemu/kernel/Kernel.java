package dev.kemu.kernel;

import com.google.inject.Inject;
import dev.kemu.kernel.spi.BehaviourSwitch;
import dev.kemu.kernel.spi.SyscallTable;
import dev.kemu.pipe.CopyBehaviour;
import dev.kemu.pipe.PipeBehaviour;
import dev.kemu.pipe.PipeSyscalls;
import dev.kemu.pipe.SpliceCalls;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FileSystemTypes;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.StatResult;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserLong;
import dev.kemu.vfs.UserMemory;
import dev.kemu.vfs.Vfs;
import dev.kemu.vfs.VfsBehaviour;
import dev.kemu.vfs.VfsSyscalls;
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
        this.pipeCalls = new PipeSyscalls(pipeBehaviour);
        this.vfsCalls.setFcntlHook(pipeCalls);
        this.spliceCalls = new SpliceCalls(pipeBehaviour, copyBehaviour, vfsCalls, pipeCalls);
        this.entryPrefix = version.atLeast("4.17") ? "__x64_sys_" : "SyS_";
    }

    /**
     * Mounts the root and the standard mounts, registers the character devices (null, zero, full,
     * random, urandom) and the FIFO operations, and creates the device nodes when {@code /dev} is
     * a ramfs.
     */
    void boot() throws KernelBootException {
        try {
            vfs = Vfs.withRoot(fsTypes, options.rootType(), options.rootSource(), options.rootOptions());
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
     * A new task cloned from {@code parent}: a thread sharing its descriptor table, or a forked
     * process with a copy of it (every open file shared).
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
        if (!table.has(name)) {
            return new StatResult(Errno.ENOSYS.neg(), null);
        }
        t.enter();
        try {
            return body.get();
        } finally {
            t.exit();
        }
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
}
