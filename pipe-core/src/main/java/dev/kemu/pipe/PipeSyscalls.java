package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.FcntlHook;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Task;

/**
 * The pipe system calls: {@code pipe}, {@code pipe2} and the pipe {@code fcntl} commands
 * ({@code fs/pipe.c:do_pipe2()}, {@code __do_pipe_flags()}, {@code pipe_fcntl()},
 * {@code pipe_set_size()}, {@code pipe_resize_ring()}).
 *
 * <p>Errors: pipe2 EINVAL for unknown flags, EMFILE when the table is full; F_SETPIPE_SZ EINVAL
 * for a size that rounds to nothing, EPERM to grow past the machine's {@code pipe-max-size} when
 * the task has no CAP_SYS_RESOURCE, EBUSY to shrink below what is queued; both commands EBADF on a non-pipe.
 */
public final class PipeSyscalls implements FcntlHook {
    /** The default of {@code /proc/sys/fs/pipe-max-size}; the machine's value is {@code Vfs.pipeSysctl()}. */
    public static final int PIPE_MAX_SIZE = dev.kemu.vfs.PipeSysctl.DEFAULT_PIPE_MAX_SIZE;
    /** {@code O_NOTIFICATION_PIPE} = {@code O_EXCL}. */
    public static final int O_NOTIFICATION_PIPE = Fcntl.O_EXCL;

    private final PipeBehaviour behaviour;
    private final PipeFs pipefs;

    /** Pipe calls whose pipes use {@link PipeRingKind#defaultKind()}. */
    public PipeSyscalls(PipeBehaviour behaviour) {
        this(behaviour, PipeRingKind.defaultKind());
    }

    /** Pipe calls whose pipes use {@code ring}. */
    public PipeSyscalls(PipeBehaviour behaviour, PipeRingKind ring) {
        this.behaviour = behaviour;
        this.pipefs = new PipeFs(behaviour, ring);
    }

    /** The ring this machine's pipes use ({@code --pipe-ring}). */
    public PipeRingKind ring() {
        return pipefs.ring();
    }

    PipeFs pipefs() {
        return pipefs;
    }

    /** {@code pipefifo_fops}: what the VFS gives a FIFO opened by name ({@code Vfs.setFifoOperations}). */
    public dev.kemu.vfs.spi.FileOperations fifoOperations() {
        return pipefs.fops();
    }

    public PipeBehaviour behaviour() {
        return behaviour;
    }

    /** The pipe behind an open file, or null ({@code get_pipe_info}). */
    public static Pipe pipeInfo(File f) {
        return f != null && f.privateData() instanceof Pipe ? (Pipe) f.privateData() : null;
    }

    /**
     * {@code pipe2}: on success {@code fds} receives the read and write descriptors. A null
     * {@code fds} is an array that cannot be written ({@code do_pipe2()}): both files are made and
     * both descriptors taken, the copy to the user fails, and both are put back (EFAULT, nothing
     * installed). EINVAL for flags and EMFILE come first.
     *
     * @return 0 or a negated errno
     */
    public long pipe2(Task task, int[] fds, int flags) {
        int allowed = Fcntl.O_CLOEXEC | Fcntl.O_NONBLOCK | Fcntl.O_DIRECT
                | (behaviour.acceptsNotificationPipeFlag() ? O_NOTIFICATION_PIPE : 0);
        if ((flags & ~allowed) != 0) {
            return Errno.EINVAL.neg();
        }
        if ((flags & O_NOTIFICATION_PIPE) != 0) {
            // Watch-queue pipes are not modelled: CONFIG_WATCH_QUEUE off.
            return -65; // ENOPKG
        }
        File[] files = pipefs.createPipeFiles(flags);
        if (files == null) {
            // get_pipe_inode: alloc_pipe_info failed (pipe-user-pages-hard).
            return Errno.ENFILE.neg();
        }
        boolean cloexec = (flags & Fcntl.O_CLOEXEC) != 0;
        int rfd = task.files().install(files[0], 0, cloexec);
        if (rfd < 0) {
            files[0].put();
            files[1].put();
            return rfd;
        }
        int wfd = task.files().install(files[1], 0, cloexec);
        if (wfd < 0) {
            task.files().remove(rfd);
            files[0].put();
            files[1].put();
            return wfd;
        }
        if (fds == null) {
            task.files().remove(rfd);
            task.files().remove(wfd);
            files[0].put();
            files[1].put();
            return Errno.EFAULT.neg();
        }
        fds[0] = rfd;
        fds[1] = wfd;
        return 0;
    }

    @Override
    public long pipeFcntl(File file, int cmd, long arg) {
        Pipe pipe = pipeInfo(file);
        if (pipe == null) {
            return Errno.EBADF.neg();
        }
        pipe.lock();
        try {
            switch (cmd) {
                case Fcntl.F_SETPIPE_SZ:
                    return setSize(pipe, arg);
                case Fcntl.F_GETPIPE_SZ:
                    return (long) pipe.maxUsage * Page.SIZE;
                default:
                    return Errno.EINVAL.neg();
            }
        } finally {
            pipe.unlock();
        }
    }

    /**
     * {@code pipe_set_size}. Mutex held. EINVAL for a size that rounds to nothing; EPERM for
     * growing past {@code pipe-max-size} without CAP_SYS_RESOURCE (any change past it before 4.9);
     * EPERM for growing past the user's {@code pipe-user-pages-hard} without CAP_SYS_RESOURCE and
     * CAP_SYS_ADMIN (4.9+); EBUSY for fewer slots than are used. The user's slot count follows the
     * new size, and is put back when the call fails.
     */
    private long setSize(Pipe pipe, long arg) {
        long size = behaviour.roundPipeSize(arg);
        int slots = (int) (size >>> Page.SHIFT);
        if (slots == 0) {
            return Errno.EINVAL.neg();
        }
        Task task = Task.current();
        long maxSize = task == null ? PIPE_MAX_SIZE : task.vfs().pipeSysctl().pipeMaxSize();
        boolean capable = task == null || task.capable(dev.kemu.vfs.Capability.CAP_SYS_RESOURCE);
        boolean growing = slots > pipe.maxUsage || !behaviour.setSizeEpermOnlyWhenGrowing();
        if (growing && size > maxSize && !capable) {
            return Errno.EPERM.neg();
        }
        dev.kemu.vfs.PipeSysctl limits = pipe.limits;
        if (limits != null) {
            long userBufs = limits.accountPipeBuffers(pipe.user, pipe.nrAccounted, slots);
            if (slots > pipe.nrAccounted && limits.tooManyHard(userBufs) && task != null && PipeFs.unprivileged(task)) {
                limits.accountPipeBuffers(pipe.user, slots, pipe.nrAccounted);
                return Errno.EPERM.neg();
            }
        }
        long err = resizeRing(pipe, slots);
        if (err < 0) {
            if (limits != null) {
                limits.accountPipeBuffers(pipe.user, slots, pipe.nrAccounted);
            }
            return err;
        }
        pipe.nrAccounted = slots;
        return (long) pipe.maxUsage * Page.SIZE;
    }

    /**
     * {@code pipe_resize_ring}: EBUSY when fewer slots than are occupied; the queued buffers move
     * to a fresh ring, whose unused slots are zeroed (no stale flags survive a resize).
     */
    static long resizeRing(Pipe pipe, int slots) {
        int n = pipe.occupancy();
        if (slots < n) {
            return Errno.EBUSY.neg();
        }
        PipeBuffer[] ring = Pipe.newRing(slots);
        for (int i = 0; i < n; i++) {
            ring[i].copyFrom(pipe.buf(pipe.tail + i));
        }
        pipe.bufs = ring;
        pipe.tail = 0;
        pipe.head = n;
        pipe.maxUsage = slots;
        pipe.wrWait.signalAll();
        return 0;
    }
}
