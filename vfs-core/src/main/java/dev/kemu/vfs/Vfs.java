package dev.kemu.vfs;

import dev.kemu.vfs.spi.FileSystemType;
import dev.kemu.vfs.spi.MountException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mounted tree of one emulated machine ({@code fs/namespace.c}): the root mount, the
 * mounts below it, and the filesystem types that can be mounted.
 */
public final class Vfs {
    private final FileSystemTypes types;
    private final Map<Dentry, Mount> mounts = new ConcurrentHashMap<>();
    private final AtomicInteger pids = new AtomicInteger(1000);
    private volatile Mount rootMount;
    /** {@code shm_mnt}: the internal tmpfs of memfd, mounted on first use; guarded by this. */
    private Mount shmMount;
    private final Map<Long, dev.kemu.vfs.spi.FileOperations> chrdevs = new ConcurrentHashMap<>();
    private volatile dev.kemu.vfs.spi.FileOperations fifoFops;
    private final PipeSysctl pipeSysctl = new PipeSysctl();
    /** sockfs and the AF_UNIX names; made on the first socket, guarded by this. */
    private Sockfs sockfs;
    private volatile TaskList taskList;
    /** The machine's host and domain names. */
    private final UtsNamespace uts = new UtsNamespace();
    /** What differs by kernel version at the VFS level, for the filesystems mounted here. */
    private final VfsBehaviour behaviour;

    private Vfs(FileSystemTypes types, VfsBehaviour behaviour) {
        this.types = types;
        this.behaviour = behaviour;
    }

    /**
     * A tree whose root is a fresh filesystem of type {@code rootType}.
     *
     * @throws MountException if the root cannot be mounted (unknown type, bad image)
     */
    public static Vfs withRoot(FileSystemTypes types, String rootType, String source, Map<String, String> options)
            throws MountException {
        return withRoot(types, rootType, source, options, VfsBehaviour.DEFAULT);
    }

    /**
     * A tree whose root is a fresh filesystem of type {@code rootType}, on a machine whose
     * filesystems follow {@code behaviour} (a kernel version's).
     *
     * @throws MountException if the root cannot be mounted (unknown type, bad image)
     */
    public static Vfs withRoot(FileSystemTypes types, String rootType, String source, Map<String, String> options,
            VfsBehaviour behaviour) throws MountException {
        Vfs vfs = new Vfs(types, java.util.Objects.requireNonNull(behaviour));
        SuperBlock sb = vfs.mountFs(rootType, source, options);
        vfs.rootMount = new Mount(sb, null, null);
        vfs.taskList = new TaskList(new Task(TaskList.INIT_PID, vfs, new FdTable(), vfs.root()));
        return vfs;
    }

    public FileSystemTypes types() {
        return types;
    }

    /** The machine's tasks and their relations. */
    public TaskList taskList() {
        return taskList;
    }

    /** {@code alloc_pid}: the next thread id. */
    int allocPid() {
        return pids.incrementAndGet();
    }

    /** sockfs and the AF_UNIX name tables of this machine. */
    synchronized Sockfs sockfs() {
        if (sockfs == null) {
            sockfs = new Sockfs();
        }
        return sockfs;
    }

    /** The pipe limits of this machine ({@code /proc/sys/fs/pipe-*}). */
    public PipeSysctl pipeSysctl() {
        return pipeSysctl;
    }

    /**
     * {@code register_chrdev_region} + {@code cdev_add}: opens of a character device node whose
     * {@code st_rdev} is {@code rdev} ({@code makedev(major, minor)}) get {@code fop}.
     */
    public void registerChrdev(long rdev, dev.kemu.vfs.spi.FileOperations fop) {
        chrdevs.put(rdev, fop);
    }

    /** {@code chrdev_open}'s lookup: the driver of {@code rdev}, or null (ENXIO). */
    public dev.kemu.vfs.spi.FileOperations chrdev(long rdev) {
        return chrdevs.get(rdev);
    }

    /** Installs {@code pipefifo_fops}: the pipe layer's operations for FIFOs opened by name. */
    public void setFifoOperations(dev.kemu.vfs.spi.FileOperations fop) {
        this.fifoFops = fop;
    }

    /** {@code pipefifo_fops}, or null when no pipe layer is installed (opening a FIFO is then ENXIO). */
    public dev.kemu.vfs.spi.FileOperations fifoOperations() {
        return fifoFops;
    }

    private SuperBlock mountFs(String type, String source, Map<String, String> options) throws MountException {
        FileSystemType fst = types.get(type);
        if (fst == null) {
            throw new MountException("unknown filesystem type '" + type + "'; known: "
                    + types.all().stream().map(FileSystemType::name).toList());
        }
        SuperBlock sb = fst.mount(this, source, options);
        if (sb == null || sb.root() == null) {
            throw new IllegalStateException(type + " returned a superblock without a root");
        }
        return sb;
    }

    /** The root of the tree. */
    public VfsPath root() {
        Mount m = rootMount;
        return new VfsPath(m, m.root());
    }

    /**
     * {@code do_new_mount}: mounts a fresh filesystem of {@code type} on the existing directory
     * {@code at} (an absolute path), creating the directory if it is missing.
     */
    public SuperBlock mount(String type, String source, String at, Map<String, String> options) throws MountException {
        VfsPath target = mkdirs(at);
        SuperBlock sb = mountFs(type, source, options);
        Mount m = new Mount(sb, target.mnt(), target.dentry());
        target.dentry().setMountpoint(true);
        mounts.put(target.dentry(), m);
        return sb;
    }

    /**
     * {@code shm_mnt} ({@code mm/shmem.c:shmem_init()}'s {@code kern_mount}): a tmpfs (ramfs when
     * the machine has no tmpfs) mounted nowhere in the tree, whose files only descriptors reach.
     */
    public synchronized VfsPath shmMount() throws MountException {
        if (shmMount == null) {
            SuperBlock sb = mountFs(types.get("tmpfs") != null ? "tmpfs" : "ramfs", null, Map.of());
            shmMount = new Mount(sb, null, null);
        }
        return new VfsPath(shmMount, shmMount.root());
    }

    /** Creates the directories of the absolute path {@code path} that do not exist (mode 0755). */
    public VfsPath mkdirs(String path) throws MountException {
        VfsPath p = root();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Namei.Result r = Namei.lookupChild(this, p, part);
            if (r.err() < 0) {
                throw new MountException("cannot look up " + path + ": " + Errno.of(r.err()));
            }
            if (r.path().dentry().isNegative()) {
                Inode dir = p.inode();
                dir.lock().lock();
                try {
                    int err = dir.iop().mkdir(dir, r.path().dentry(), StatMode.S_IFDIR | 0755);
                    if (err < 0) {
                        throw new MountException("cannot create " + path + ": " + Errno.of(err));
                    }
                } finally {
                    dir.lock().unlock();
                }
            }
            p = Namei.followMount(this, r.path());
        }
        return p;
    }

    /** The mount attached at {@code d}, or null. */
    Mount mountAt(Dentry d) {
        return d.isMountpoint() ? mounts.get(d) : null;
    }

    /** Every superblock in the tree, root first. */
    public java.util.List<SuperBlock> superBlocks() {
        java.util.List<SuperBlock> out = new java.util.ArrayList<>();
        out.add(rootMount.sb());
        mounts.values().forEach(m -> out.add(m.sb()));
        return out;
    }

    /**
     * A new process with an empty descriptor table and {@code cwd} as working directory
     * (an absolute path that must exist), a child of init, that has exec'd ({@code PF_FORKNOEXEC}
     * clear). Whatever started it (a shell, a tracer) is outside the machine, and so are the
     * process group and session it was started in: the task is in group 0 and session 0, which
     * no task leads (as a program the kernel starts), so it may {@code setpgid(0, 0)} and
     * {@code setsid()}, as a program strace or {@code bash -c} starts may.
     */
    public Task newTask(String cwd) throws MountException {
        VfsPath dir = mkdirs(cwd);
        Task t = new Task(allocPid(), this, new FdTable(), dir);
        taskList.lock().lock();
        try {
            t.signal().startedOutsideLocked();
            taskList.attachLocked(t, taskList.init(), true);
        } finally {
            taskList.lock().unlock();
        }
        return t;
    }

    /**
     * A task made as {@code clone} makes one, but outside the process tree (no parent, no thread
     * group but its own, not found by id): sharing {@code parent}'s descriptor table, address
     * space, handlers and limits (CLONE_VM|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD; the working
     * directory is copied), or with a copy of each (every open file shared). For workloads that
     * need tasks, not processes; {@link ProcessSyscalls#clone} makes processes and threads.
     */
    public Task cloneTask(Task parent, boolean shareFiles) {
        long flags = shareFiles ? Sched.CLONE_VM | Sched.CLONE_FILES | Sched.CLONE_SIGHAND | Sched.CLONE_THREAD : 0;
        return Fork.copyTask(parent, flags);
    }

    /**
     * Unmounts everything, children before the root ({@code umount}): each filesystem writes
     * back what is dirty and releases its superblock ({@code sync_fs} then {@code put_super}), so
     * an image file is complete afterwards. The tree must not be used again.
     */
    public void shutdown() {
        java.util.List<SuperBlock> all = superBlocks();
        java.util.Collections.reverse(all);
        for (SuperBlock sb : all) {
            sb.sop().syncFs(sb);
            sb.sop().putSuper(sb);
        }
    }

    /** {@code sync}: writes back every superblock. */
    public void sync() {
        for (SuperBlock sb : superBlocks()) {
            sb.sop().syncFs(sb);
        }
    }

    /** The version's VFS-level behaviour, which filesystems consult when they are mounted. */
    public VfsBehaviour behaviour() {
        return behaviour;
    }

    /** The machine's UTS namespace ({@code /proc/sys/kernel/hostname}, {@code domainname}). */
    public UtsNamespace utsNamespace() {
        return uts;
    }
}
