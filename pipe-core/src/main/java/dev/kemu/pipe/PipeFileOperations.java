package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.spi.FileOperations;

/**
 * The file operations of a pipe end ({@code fs/pipe.c:pipefifo_fops}: {@code anon_pipe_read},
 * {@code anon_pipe_write}, {@code pipe_release}; {@code no_llseek}).
 *
 * <p>Reads take whole or partial buffers from the tail; writes first append the write's
 * {@code len % PAGE_SIZE} leading bytes to the last buffer when the merge rule allows it and they
 * fit, then fill fresh page-sized slots. A write of at most {@code PIPE_BUF} bytes is never
 * split: it either merges whole or takes one fresh slot. Waits drop the mutex and can be
 * interrupted by a signal ({@code -ERESTARTSYS}). On a {@link PipeRingKind#LOCKFREE} pipe both
 * first try {@link PipeFastPath}, which either completes the call as this code would or leaves
 * everything as it was.
 */
final class PipeFileOperations implements FileOperations {
    private final PipeBehaviour behaviour;
    private final PipeFs pipefs;

    PipeFileOperations(PipeBehaviour behaviour, PipeFs pipefs) {
        this.behaviour = behaviour;
        this.pipefs = pipefs;
    }

    /** {@code fifo_open}: only FIFOs opened by name come here; pipefs files are built already open. */
    @Override
    public int open(Inode inode, File file) {
        return FifoOpen.open(pipefs, inode, file);
    }

    /**
     * {@code pipefifo_fops.splice_write = iter_file_splice_write} from 5.10 (in the series that
     * made a missing method EINVAL, 36e2c7421f02): a splice into a pipe from the private pipe of
     * sendfile or copy_file_range is one {@code pipe_write} of all the buffers, so a pipe without
     * readers gives EPIPE there and the bytes are packed into whole pages. Before 5.10 the pipe
     * had no method: {@code default_file_splice_write} wrote each buffer with its own
     * {@code pipe_write} ({@link DefaultFileSpliceWrite}).
     */
    @Override
    public SpliceWrite spliceWrite() {
        return behaviour.spliceNeedsMethods() ? SpliceWrite.GENERIC : SpliceWrite.NONE;
    }

    static Pipe pipeOf(File f) {
        return (Pipe) f.privateData();
    }

    /** {@code pipe_buf_can_merge} by the kernel's rule of the day. */
    boolean canMerge(PipeBuffer buf) {
        return behaviour.mergeRule() == PipeBehaviour.MergeRule.BY_FLAG
                ? (buf.flags & PipeBuffer.CAN_MERGE) != 0
                : buf.ops != null && buf.ops.canMerge();
    }

    /**
     * The copy of one slot in {@code fs/pipe.c:pipe_read()}: up to {@code totalLen} bytes of {@code buf} to
     * {@code to}, the slot's offset and length advanced; a packet is read whole, what did not fit dropped.
     *
     * @return the bytes taken from the slot, or -1 when the copy faulted (nothing taken)
     */
    static int copyFromSlot(PipeBuffer buf, IovIter to, long totalLen) {
        int chars = (int) Math.min(buf.len, totalLen);
        int written = to.copyPageToIter(buf.page, buf.offset, chars);
        dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.BYTES_COPIED, written);
        if (written < chars) {
            return -1;
        }
        buf.offset += chars;
        buf.len -= chars;
        if ((buf.flags & PipeBuffer.PACKET) != 0) {
            buf.len = 0;
        }
        return chars;
    }

    @Override
    public long readIter(Kiocb iocb, IovIter to) {
        File filp = iocb.file();
        Pipe pipe = pipeOf(filp);
        long totalLen = to.count();
        if (totalLen == 0) {
            return 0;
        }
        long fast = PipeFastPath.read(pipe, filp, iocb, to);
        if (fast != PipeFastPath.FALLBACK) {
            return fast;
        }
        long ret = 0;
        pipe.lock();
        try {
            boolean wasFull = pipe.isFull();
            for (;;) {
                if (!pipe.isEmpty()) {
                    PipeBuffer buf = pipe.buf(pipe.tail);
                    int chars = copyFromSlot(buf, to, totalLen);
                    if (chars < 0) {
                        if (ret == 0) {
                            ret = Errno.EFAULT.neg();
                        }
                        break;
                    }
                    ret += chars;
                    if ((buf.flags & PipeBuffer.PACKET) != 0) {
                        totalLen = chars;
                    }
                    if (buf.len == 0) {
                        wasFull |= pipe.isFull();
                        pipe.consumeTail();
                    }
                    totalLen -= chars;
                    if (totalLen == 0) {
                        break;
                    }
                    if (!pipe.isEmpty()) {
                        continue;
                    }
                }
                if (pipe.writers == 0) {
                    break;
                }
                if (ret != 0) {
                    break;
                }
                if ((filp.flags() & Fcntl.O_NONBLOCK) != 0 || (iocb.flags() & Kiocb.IOCB_NOWAIT) != 0) {
                    ret = Errno.EAGAIN.neg();
                    break;
                }
                if (wasFull) {
                    pipe.wrWait.signalAll();
                }
                if (!sleepUntil(pipe, true)) {
                    return Errno.ERESTARTSYS.neg();
                }
                wasFull = pipe.isFull();
            }
            if (wasFull) {
                pipe.wrWait.signalAll();
            }
            if (!pipe.isEmpty()) {
                pipe.rdWait.signalAll();
            }
            return ret;
        } finally {
            pipe.unlock();
        }
    }

    /** Sleeps on the read or write queue until the pipe is readable/writable; false on a signal. Mutex held. */
    static boolean sleepUntil(Pipe pipe, boolean forRead) {
        Task task = Task.current();
        if (task == null) {
            throw new IllegalStateException("a pipe wait outside any task's syscall");
        }
        while (forRead ? !pipe.readable() : !pipe.writable()) {
            if (!task.sleepOn(forRead ? pipe.rdWait : pipe.wrWait, forRead ? pipe + " rd_wait" : pipe + " wr_wait")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long writeIter(Kiocb iocb, IovIter from) {
        Ftrace.enter(behaviour.mergeRule() == PipeBehaviour.MergeRule.BY_FLAG ? "anon_pipe_write" : "pipe_write");
        return Ftrace.exit(writeIterTraced(iocb, from));
    }

    private long writeIterTraced(Kiocb iocb, IovIter from) {
        File filp = iocb.file();
        Pipe pipe = pipeOf(filp);
        long totalLen = from.count();
        if (totalLen == 0) {
            return 0;
        }
        long fast = PipeFastPath.write(pipe, filp, iocb, from, this, behaviour);
        if (fast != PipeFastPath.FALLBACK) {
            return fast;
        }
        long ret = 0;
        pipe.lock();
        try {
            if (pipe.readers == 0) {
                Task.current().sendSignal(Signal.SIGPIPE);
                return Errno.EPIPE.neg();
            }
            boolean wasEmpty = pipe.isEmpty();
            int chars = (int) (totalLen & (Page.SIZE - 1));
            if (chars != 0 && !wasEmpty) {
                PipeBuffer buf = pipe.buf(pipe.head - 1);
                int offset = buf.offset + buf.len;
                if (canMerge(buf) && offset + chars <= Page.SIZE) {
                    if (Ftrace.on()) {
                        Ftrace.note("merge " + chars + " bytes into " + pipe.traceName() + " slot " + (pipe.head - 1 & pipe.ringSize() - 1) + " at +"
                                + offset + ": " + Ftrace.page(buf.page) + ", flags " + PipeBuffer.flagNames(buf.flags)
                                + ", " + (buf.ops == null ? "-" : buf.ops.kernelName()));
                        if (buf.page.mapping() != null) {
                            Ftrace.note("that page is in the page cache: the write changes the file's cached contents");
                        }
                    }
                    int copied = from.copyPageFromIter(buf.page, offset, chars);
                    if (copied < chars) {
                        return Errno.EFAULT.neg();
                    }
                    buf.len += copied;
                    ret = copied;
                    if (from.count() == 0) {
                        return ret;
                    }
                }
            }
            boolean packet = (filp.flags() & Fcntl.O_DIRECT) != 0;
            for (;;) {
                if (pipe.readers == 0) {
                    Task.current().sendSignal(Signal.SIGPIPE);
                    if (ret == 0) {
                        ret = Errno.EPIPE.neg();
                    }
                    break;
                }
                if (!pipe.isFull()) {
                    Page page = Page.allocAnon();
                    int copied = from.copyPageFromIter(page, 0, Page.SIZE);
                    dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.BYTES_COPIED, copied);
                    if (copied < Page.SIZE && from.count() != 0) {
                        if (ret == 0) {
                            ret = Errno.EFAULT.neg();
                        }
                        break;
                    }
                    PipeBuffer buf = pipe.buf(pipe.head);
                    if (packet) {
                        buf.set(page, 0, copied, behaviour.packetOps(), PipeBuffer.PACKET);
                    } else {
                        buf.set(page, 0, copied, PipeBufOps.ANON, behaviour.anonWriteFlags());
                    }
                    pipe.head++;
                    ret += copied;
                    if (from.count() == 0) {
                        break;
                    }
                    continue;
                }
                if ((filp.flags() & Fcntl.O_NONBLOCK) != 0 || (iocb.flags() & Kiocb.IOCB_NOWAIT) != 0) {
                    if (ret == 0) {
                        ret = Errno.EAGAIN.neg();
                    }
                    break;
                }
                Task task = Task.current();
                if (task.signalPending()) {
                    if (ret == 0) {
                        ret = Errno.ERESTARTSYS.neg();
                    }
                    break;
                }
                pipe.rdWait.signalAll();
                if (!sleepUntil(pipe, false)) {
                    if (ret == 0) {
                        ret = Errno.ERESTARTSYS.neg();
                    }
                    break;
                }
            }
            return ret;
        } finally {
            // Readers are woken on any write that queued data (the kernel wakes when the pipe
            // was empty; waking unconditionally is equivalent for waiters that recheck).
            pipe.rdWait.signalAll();
            if (!pipe.isFull()) {
                pipe.wrWait.signalAll();
            }
            pipe.unlock();
        }
    }

    /**
     * {@code fs/pipe.c:pipe_poll()}: registers both wait queues; a reading end is readable with a
     * buffer queued and hung up with no writers; a writing end is writable with a free slot and in
     * error with no readers. Linux keeps a non-blocking FIFO reader that opened before any writer
     * from seeing POLLHUP ({@code f_pipe}); the model keeps it only while the FIFO never had a
     * writer.
     */
    @Override
    public int poll(File filp, dev.kemu.vfs.PollTable pt) {
        Pipe pipe = pipeOf(filp);
        if (pipe.spsc != null) {
            // Poll entries are woken by calls under the mutex only: shut the path without it for good.
            pipe.spsc.markPolled();
        }
        pt.pollWait(pipe.rdWait);
        pt.pollWait(pipe.wrWait);
        int mask = 0;
        pipe.lock();
        try {
            if (filp.canRead()) {
                if (!pipe.isEmpty()) {
                    mask |= dev.kemu.vfs.PollTable.POLLIN | dev.kemu.vfs.PollTable.POLLRDNORM;
                }
                if (pipe.writers == 0 && (filp.path() == null || pipe.wCounter > 0)) {
                    mask |= dev.kemu.vfs.PollTable.POLLHUP;
                }
            }
            if (filp.canWrite()) {
                if (!pipe.isFull()) {
                    mask |= dev.kemu.vfs.PollTable.POLLOUT | dev.kemu.vfs.PollTable.POLLWRNORM;
                }
                if (pipe.readers == 0) {
                    mask |= dev.kemu.vfs.PollTable.POLLERR;
                }
            }
        } finally {
            pipe.unlock();
        }
        return mask;
    }

    @Override
    public void release(Inode inode, File file) {
        Pipe pipe = pipeOf(file);
        pipe.lock();
        try {
            if (file.canRead()) {
                pipe.readers--;
            }
            if (file.canWrite()) {
                pipe.writers--;
            }
            // Wake everybody: readers see EOF, writers see EPIPE.
            pipe.wakeAll();
            FifoOpen.putPipeInfoLocked(inode, pipe);
        } finally {
            pipe.unlock();
        }
    }

    /**
     * {@code pipe_ioctl}: {@code FIONREAD} stores the bytes queued (an {@code int}); every other
     * command is ENOIOCTLCMD, which the VFS reports as ENOTTY. Watch-queue commands are not
     * modelled.
     */
    @Override
    public long ioctl(File file, int cmd, long arg, dev.kemu.vfs.UserBuffer argp) {
        if (cmd != dev.kemu.vfs.FileIoctl.FIONREAD) {
            return Errno.ENOTTY.neg();
        }
        long count = pipeOf(file).bytesQueued();
        return dev.kemu.vfs.FileIoctl.putInt(argp, (int) count);
    }
}
