package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Task;

/**
 * Opening a FIFO by name ({@code fs/pipe.c:fifo_open()}, {@code wait_for_partner()},
 * {@code wake_up_partner()}, {@code put_pipe_info()}).
 *
 * <p>The inode's pipe ({@code i_pipe}) is allocated by the first opener and freed, with whatever
 * it still holds, when the last file on it is released. A reader-only open waits until some
 * writer has opened since ({@code w_counter} moves), unless O_NONBLOCK; a writer-only open waits
 * for a reader, and with O_NONBLOCK fails with ENXIO when there is none; O_RDWR never waits. A
 * wait is interruptible: a signal gives ERESTARTSYS and undoes the open.
 *
 * <p>{@code i_pipe} and the pipe's {@code files} are read and changed under the inode's monitor
 * ({@code inode->i_lock}), taken alone or inside the pipe mutex, never around it; the reader and
 * writer counts under the pipe mutex.
 */
final class FifoOpen {
    private FifoOpen() {
    }

    static int open(PipeFs pipefs, Inode inode, File file) {
        boolean isPipe = inode.sb() == pipefs.sb();
        file.setPos(0);
        Pipe pipe;
        synchronized (inode) {
            pipe = (Pipe) inode.pipe();
            if (pipe != null) {
                pipe.files++;
            } else {
                pipe = pipefs.allocPipeInfo(inode);
                if (pipe == null) {
                    return Errno.ENOMEM.negInt();
                }
                pipe.files = 1;
                inode.setPipe(pipe);
            }
        }
        file.setPrivateData(pipe);
        pipe.lock();
        try {
            // stream_open: no position, no pread/pwrite, no lseek.
            file.clearMode(File.FMODE_LSEEK | File.FMODE_PREAD | File.FMODE_PWRITE | File.FMODE_ATOMIC_POS);
            file.setModeBits(File.FMODE_STREAM);
            boolean nonblock = (file.flags() & Fcntl.O_NONBLOCK) != 0;
            switch (file.mode() & (File.FMODE_READ | File.FMODE_WRITE)) {
                case File.FMODE_READ:
                    pipe.rCounter++;
                    if (pipe.readers++ == 0) {
                        wakeUpPartner(pipe);
                    }
                    if (!isPipe && pipe.writers == 0 && !nonblock && !waitForPartner(pipe, false)) {
                        if (--pipe.readers == 0) {
                            pipe.wrWait.signalAll();
                        }
                        putPipeInfoLocked(inode, pipe);
                        return Errno.ERESTARTSYS.negInt();
                    }
                    return 0;
                case File.FMODE_WRITE:
                    if (!isPipe && nonblock && pipe.readers == 0) {
                        putPipeInfoLocked(inode, pipe);
                        return Errno.ENXIO.negInt();
                    }
                    pipe.wCounter++;
                    if (pipe.writers++ == 0) {
                        wakeUpPartner(pipe);
                    }
                    if (!isPipe && pipe.readers == 0 && !waitForPartner(pipe, true)) {
                        if (--pipe.writers == 0) {
                            pipe.rdWait.signalAll();
                        }
                        putPipeInfoLocked(inode, pipe);
                        return Errno.ERESTARTSYS.negInt();
                    }
                    return 0;
                case File.FMODE_READ | File.FMODE_WRITE:
                    pipe.readers++;
                    pipe.writers++;
                    pipe.rCounter++;
                    pipe.wCounter++;
                    if (pipe.readers == 1 || pipe.writers == 1) {
                        wakeUpPartner(pipe);
                    }
                    return 0;
                default:
                    putPipeInfoLocked(inode, pipe);
                    return Errno.EINVAL.negInt();
            }
        } finally {
            pipe.unlock();
        }
    }

    /** {@code wake_up_partner}: everyone on {@code rd_wait}, where both kinds of opener wait. Mutex held. */
    private static void wakeUpPartner(Pipe pipe) {
        pipe.rdWait.signalAll();
    }

    /**
     * {@code wait_for_partner}: sleeps on {@code rd_wait} until the other side's counter moves.
     * Mutex held (dropped while asleep).
     *
     * @param forReader true to wait for a reader ({@code r_counter}), false for a writer
     * @return false when a signal ended the wait
     */
    private static boolean waitForPartner(Pipe pipe, boolean forReader) {
        Task task = Task.current();
        if (task == null) {
            throw new IllegalStateException("a FIFO open outside any task's syscall");
        }
        int cur = forReader ? pipe.rCounter : pipe.wCounter;
        while (cur == (forReader ? pipe.rCounter : pipe.wCounter)) {
            if (!task.sleepOn(pipe.rdWait, pipe + (forReader ? " fifo wait for reader" : " fifo wait for writer"))) {
                break;
            }
        }
        return cur != (forReader ? pipe.rCounter : pipe.wCounter);
    }

    /**
     * {@code put_pipe_info}: drops a file from the pipe; the last one detaches it from a FIFO
     * inode, so the next open starts with an empty pipe. Mutex held.
     */
    static void putPipeInfoLocked(Inode inode, Pipe pipe) {
        boolean kill = false;
        synchronized (inode) {
            if (--pipe.files == 0) {
                if (inode.pipe() == pipe) {
                    inode.setPipe(null);
                }
                kill = true;
            }
        }
        if (kill) {
            PipeFs.freePipeInfo(pipe);
        }
    }
}
