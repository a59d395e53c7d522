package dev.kemu.pipe;

import dev.kemu.vfs.AddressSpace;
import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.SuperBlock;
import dev.kemu.vfs.spi.AddressSpaceOperations;
import dev.kemu.vfs.spi.InodeOperations;
import dev.kemu.vfs.spi.SuperOperations;

/**
 * pipefs, the pseudo filesystem anonymous pipes live on ({@code fs/pipe.c:get_pipe_inode()},
 * {@code create_pipe_files()}). Its inodes are FIFOs with mode 0600 and size 0, whatever is
 * queued.
 */
final class PipeFs {
    private final SuperBlock sb = new SuperBlock("pipefs", Page.SIZE, Long.MAX_VALUE, new SuperOperations() {
        /** {@code pipefs_ops}: {@code simple_statfs}. */
        @Override
        public dev.kemu.vfs.Statfs statfs(SuperBlock s) {
            return dev.kemu.vfs.Statfs.simple(dev.kemu.vfs.Statfs.PIPEFS_MAGIC, s);
        }
    });
    private final PipeFileOperations fops;
    private final PipeBehaviour behaviour;
    private final PipeRingKind ring;

    PipeFs(PipeBehaviour behaviour, PipeRingKind ring) {
        this.behaviour = behaviour;
        this.ring = ring;
        this.fops = new PipeFileOperations(behaviour, this);
    }

    /** The ring this machine's pipes use. */
    PipeRingKind ring() {
        return ring;
    }

    SuperBlock sb() {
        return sb;
    }

    PipeFileOperations fops() {
        return fops;
    }

    private static final InodeOperations PIPE_IOPS = new InodeOperations() {
        @Override
        public int setSize(Inode inode, long size) {
            return Errno.EINVAL.negInt();
        }
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

    /** {@code get_pipe_inode}: a fresh FIFO inode on pipefs. */
    Inode newPipeInode() {
        return sb.newInode(StatMode.S_IFIFO | 0600, PIPE_IOPS, fops, NO_AOPS);
    }

    /** {@code PIPE_MIN_DEF_BUFFERS}: what a new pipe of a user over the soft limit gets. */
    static final int MIN_DEF_BUFFERS = 2;

    /**
     * {@code alloc_pipe_info}: a pipe of {@code PIPE_DEF_BUFFERS} slots, or of
     * {@code pipe_max_size} pages when that is smaller and the task lacks CAP_SYS_RESOURCE
     * (from 4.9; {@link PipeBehaviour#allocCappedByMaxSize}); the slots are charged to the task's
     * real uid, and an unprivileged user ({@link #unprivileged}) over {@code pipe-user-pages-soft}
     * gets {@link #MIN_DEF_BUFFERS}; over {@code -hard} the pipe is not made (null)
     * ({@link PipeBehaviour#perUserPipeLimits}).
     */
    Pipe allocPipeInfo(Inode inode) {
        int slots = Pipe.DEF_BUFFERS;
        Task task = Task.current();
        if (task != null && behaviour.allocCappedByMaxSize()) {
            long maxSize = task.vfs().pipeSysctl().pipeMaxSize();
            if ((long) slots * Page.SIZE > maxSize && !task.capable(Capability.CAP_SYS_RESOURCE)) {
                // The ring's size stays a power of two; max_usage is what limits the writers.
                slots = Integer.highestOneBit((int) Math.max(1, maxSize >>> Page.SHIFT));
            }
        }
        if (task == null || !behaviour.perUserPipeLimits()) {
            return new Pipe(inode, slots, ring);
        }
        dev.kemu.vfs.PipeSysctl limits = task.vfs().pipeSysctl();
        int uid = task.cred().uid();
        long userBufs = limits.accountPipeBuffers(uid, 0, slots);
        if (limits.tooManySoft(userBufs) && unprivileged(task)) {
            userBufs = limits.accountPipeBuffers(uid, slots, MIN_DEF_BUFFERS);
            slots = MIN_DEF_BUFFERS;
        }
        if (limits.tooManyHard(userBufs) && unprivileged(task)) {
            limits.accountPipeBuffers(uid, slots, 0);
            return null;
        }
        Pipe pipe = new Pipe(inode, slots, ring);
        pipe.user = uid;
        pipe.limits = limits;
        pipe.nrAccounted = slots;
        return pipe;
    }

    /** {@code pipe_is_unprivileged_user()}: neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN. */
    static boolean unprivileged(Task task) {
        return !task.capable(Capability.CAP_SYS_RESOURCE) && !task.capable(Capability.CAP_SYS_ADMIN);
    }

    /** {@code free_pipe_info}: the pipe's slots are no longer charged to its user. */
    static void freePipeInfo(Pipe pipe) {
        if (pipe.limits != null && pipe.nrAccounted != 0) {
            pipe.limits.accountPipeBuffers(pipe.user, pipe.nrAccounted, 0);
            pipe.nrAccounted = 0;
        }
    }

    /** {@code create_pipe_files}: a pipe and its two open ends, read end first. */
    File[] createPipeFiles(int flags) {
        Inode inode = newPipeInode();
        Pipe pipe = allocPipeInfo(inode);
        if (pipe == null) {
            return null;
        }
        inode.setPipe(pipe);
        pipe.readers = 1;
        pipe.writers = 1;
        pipe.files = 2;
        // The write end keeps O_NONBLOCK and O_DIRECT (packet mode); the read end only O_NONBLOCK.
        File wr = new File(null, inode, fops, File.FMODE_WRITE | File.FMODE_STREAM,
                Fcntl.O_WRONLY | (flags & (Fcntl.O_NONBLOCK | Fcntl.O_DIRECT)));
        File rd = new File(null, inode, fops, File.FMODE_READ | File.FMODE_STREAM, Fcntl.O_RDONLY | (flags & Fcntl.O_NONBLOCK));
        wr.setPrivateData(pipe);
        rd.setPrivateData(pipe);
        wr.opened();
        rd.opened();
        return new File[] {rd, wr};
    }
}
