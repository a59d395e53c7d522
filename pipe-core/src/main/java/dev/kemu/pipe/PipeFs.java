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

    PipeFs(PipeBehaviour behaviour) {
        this.behaviour = behaviour;
        this.fops = new PipeFileOperations(behaviour, this);
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

    /**
     * {@code alloc_pipe_info}: a pipe of {@code PIPE_DEF_BUFFERS} slots, or of
     * {@code pipe_max_size} pages when that is smaller and the task lacks CAP_SYS_RESOURCE
     * (from 4.9; {@link PipeBehaviour#allocCappedByMaxSize}). Per-user accounting
     * ({@code pipe-user-pages-soft}) is not modelled.
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
        return new Pipe(inode, slots);
    }

    /** {@code create_pipe_files}: a pipe and its two open ends, read end first. */
    File[] createPipeFiles(int flags) {
        Inode inode = newPipeInode();
        Pipe pipe = allocPipeInfo(inode);
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
