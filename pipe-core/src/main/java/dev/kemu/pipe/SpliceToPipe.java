package dev.kemu.pipe;

import dev.kemu.vfs.BvecIter;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Inode;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.spi.FileOperations.SpliceRead;
import java.util.List;

/**
 * Filling a pipe from a file ({@code fs/splice.c:splice_file_to_pipe()}, {@code wait_for_space()},
 * {@code do_splice_read()}, {@code copy_splice_read()}; {@code mm/filemap.c:filemap_splice_read()},
 * {@code splice_folio_into_pipe()}).
 *
 * <p>From the page cache, each slot gets a <em>reference</em> to the file's page: later writes to
 * the file show through to the pipe's reader. How a recycled slot is filled follows the kernel
 * of the day ({@link PipeBehaviour#spliceReadInitsFlags()}): 6.18 writes every field, the
 * ITER_PIPE helpers of 4.9–5.16 left the old flags in place (Dirty Pipe).
 */
final class SpliceToPipe {
    private final PipeBehaviour behaviour;

    SpliceToPipe(PipeBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** {@code wait_for_space}: 0 when the pipe has a free slot, else EPIPE (+SIGPIPE), EAGAIN or ERESTARTSYS. Mutex held. */
    static long waitForSpace(Pipe pipe, int flags) {
        return waitForSpace(pipe, flags, true);
    }

    private static long waitForSpace(Pipe pipe, int flags, boolean checkReaders) {
        Task task = Task.current();
        for (;;) {
            if (checkReaders && pipe.readers == 0) {
                task.sendSignal(Signal.SIGPIPE);
                return Errno.EPIPE.neg();
            }
            if (!pipe.isFull()) {
                return 0;
            }
            if ((flags & SpliceFromPipe.SPLICE_F_NONBLOCK) != 0) {
                return Errno.EAGAIN.neg();
            }
            if (task.signalPending()) {
                return Errno.ERESTARTSYS.neg();
            }
            if (!task.sleepOn(pipe.wrWait, pipe + " wr_wait")) {
                return Errno.ERESTARTSYS.neg();
            }
        }
    }

    /**
     * The file-to-pipe branch of {@code do_splice}, in the order of the kernel of the day
     * ({@link PipeBehaviour#fileToPipe()}): where rw_verify_area sits relative to the wait for
     * room, and whether the length is first clamped to the free slots.
     */
    long spliceFileToPipeChecked(File in, Pipe opipe, long[] pos, long len, int flags) {
        PipeBehaviour.FileToPipe mode = behaviour.fileToPipe();
        if (mode == PipeBehaviour.FileToPipe.VERIFY_THEN_WAIT || mode == PipeBehaviour.FileToPipe.VERIFY_THEN_FILL_BLOCKING) {
            long err = dev.kemu.vfs.VfsSyscalls.rwVerifyArea(in, pos[0], len);
            if (err < 0) {
                return err;
            }
            return mode == PipeBehaviour.FileToPipe.VERIFY_THEN_WAIT
                    ? spliceFileToPipe(in, opipe, pos, len, flags) : spliceToPipeBlocking(in, opipe, pos, len, flags);
        }
        long ret;
        opipe.lock();
        try {
            ret = waitForSpace(opipe, flags, behaviour.spliceToPipeChecksReaders());
            if (ret == 0) {
                long n = len;
                if (mode == PipeBehaviour.FileToPipe.WAIT_CLAMP_VERIFY) {
                    long space = (long) (opipe.maxUsage - opipe.occupancy()) << Page.SHIFT;
                    n = Long.compareUnsigned(len, space) > 0 ? space : len;
                }
                ret = dev.kemu.vfs.VfsSyscalls.rwVerifyArea(in, pos[0], n);
                if (ret == 0) {
                    ret = doSpliceRead(in, pos, opipe, n, flags);
                }
            }
            if (ret > 0) {
                opipe.rdWait.signalAll();
            }
        } finally {
            opipe.unlock();
        }
        return ret;
    }

    /**
     * 3.10 and 4.5: {@code __generic_file_splice_read} gathers up to {@code pipe->buffers}
     * page-cache pages (clipped to {@code i_size}), then {@code splice_to_pipe} adds them: it
     * waits while the pipe is full (unless SPLICE_F_NONBLOCK) and stops, short, once the pipe
     * fills up. It only ORs SPLICE_F_GIFT into a recycled slot's old flags.
     */
    long spliceToPipeBlocking(File in, Pipe pipe, long[] ppos, long len, int flags) {
        Ftrace.enter("generic_file_splice_read");
        return Ftrace.exit(spliceToPipeBlockingTraced(in, pipe, ppos, len, flags));
    }

    private long spliceToPipeBlockingTraced(File in, Pipe pipe, long[] ppos, long len, int flags) {
        if (!in.canRead()) {
            return Errno.EBADF.neg();
        }
        if (in.fop().spliceRead() == SpliceRead.NONE && behaviour.spliceNeedsMethods()) {
            return Errno.EINVAL.neg();
        }
        if (in.fop().spliceRead() != SpliceRead.FILEMAP) {
            // default_file_splice_read and the copying helpers go through ->read: no i_size clip
            // (a character device has size 0 and still gives data).
            if (len == 0) {
                return 0;
            }
            pipe.lock();
            try {
                return doSpliceRead(in, ppos, pipe, len, flags);
            } finally {
                pipe.unlock();
            }
        }
        Inode inode = in.inode();
        long pos = ppos[0];
        long isize = inode.size();
        if (pos >= isize || len == 0) {
            return 0;
        }
        int maxPages;
        pipe.lock();
        try {
            maxPages = pipe.ringSize();
        } finally {
            pipe.unlock();
        }
        long end = Math.min(isize, Long.compareUnsigned(len, isize - pos) > 0 ? isize : pos + len);
        java.util.List<long[]> chunks = new java.util.ArrayList<>();
        java.util.List<Page> pages = new java.util.ArrayList<>();
        Page[] pagep = new Page[1];
        for (long p = pos; p < end && pages.size() < maxPages;) {
            int err = inode.mapping().readCachePage(in, p >>> Page.SHIFT, pagep);
            if (err < 0) {
                if (pages.isEmpty()) {
                    return err;
                }
                break;
            }
            int offset = (int) (p & (Page.SIZE - 1));
            int part = (int) Math.min(Page.SIZE - offset, end - p);
            pages.add(pagep[0]);
            chunks.add(new long[] {offset, part});
            p += part;
        }
        Task task = Task.current();
        long ret = 0;
        pipe.lock();
        try {
            int next = 0;
            for (;;) {
                if (pipe.readers == 0) {
                    task.sendSignal(Signal.SIGPIPE);
                    if (ret == 0) {
                        ret = Errno.EPIPE.neg();
                    }
                    break;
                }
                if (!pipe.isFull()) {
                    PipeBuffer buf = pipe.buf(pipe.head);
                    int old = behaviour.spliceReadInitsFlags() ? 0 : buf.flags;
                    long[] c = chunks.get(next);
                    buf.set(pages.get(next), (int) c[0], (int) c[1], PipeBufOps.PAGE_CACHE, old);
                    if (Ftrace.on()) {
                        Ftrace.note(pipe.traceName() + " slot " + (pipe.head & (pipe.ringSize() - 1)) + " <- " + Ftrace.page(pages.get(next))
                                + " +" + c[0] + " len " + c[1] + ", page_cache_pipe_buf_ops, flags " + PipeBuffer.flagNames(old));
                    }
                    pipe.head++;
                    next++;
                    ret += c[1];
                    if (next == pages.size() || pipe.isFull()) {
                        break;
                    }
                    continue;
                }
                if ((flags & SpliceFromPipe.SPLICE_F_NONBLOCK) != 0) {
                    if (ret == 0) {
                        ret = Errno.EAGAIN.neg();
                    }
                    break;
                }
                if (task.signalPending()) {
                    if (ret == 0) {
                        ret = Errno.ERESTARTSYS.neg();
                    }
                    break;
                }
                pipe.rdWait.signalAll();
                if (!task.sleepOn(pipe.wrWait, pipe + " wr_wait")) {
                    if (ret == 0) {
                        ret = Errno.ERESTARTSYS.neg();
                    }
                    break;
                }
            }
            if (ret > 0) {
                pipe.rdWait.signalAll();
            }
        } finally {
            pipe.unlock();
        }
        if (ret > 0) {
            ppos[0] = pos + ret;
        }
        return ret;
    }

    /** {@code splice_file_to_pipe}. */
    long spliceFileToPipe(File in, Pipe opipe, long[] offset, long len, int flags) {
        long ret;
        opipe.lock();
        try {
            ret = waitForSpace(opipe, flags);
            if (ret == 0) {
                ret = doSpliceRead(in, offset, opipe, len, flags);
            }
            if (ret > 0) {
                opipe.rdWait.signalAll();
            }
        } finally {
            opipe.unlock();
        }
        return ret;
    }

    /** {@code do_splice_read}: clamps to the free slots and MAX_RW_COUNT, then the file's splice_read. Mutex held. */
    long doSpliceRead(File in, long[] ppos, Pipe pipe, long len, int flags) {
        if (!in.canRead()) {
            return Errno.EBADF.neg();
        }
        if (len == 0) {
            return 0;
        }
        long space = (long) (pipe.maxUsage - pipe.occupancy()) << Page.SHIFT;
        len = Long.compareUnsigned(len, space) > 0 ? space : len;
        len = Math.min(len, Fcntl.MAX_RW_COUNT);
        SpliceRead kind = in.fop().spliceRead();
        if (kind == SpliceRead.NONE) {
            if (behaviour.spliceNeedsMethods()) {
                return Errno.EINVAL.neg();
            }
            // default_file_splice_read: the data comes through ->read into private pages.
            return copySpliceRead(in, ppos, pipe, len);
        }
        if ((in.flags() & Fcntl.O_DIRECT) != 0 || kind == SpliceRead.COPY) {
            return copySpliceRead(in, ppos, pipe, len);
        }
        return filemapSpliceRead(in, ppos, pipe, len);
    }

    /** The name of the page-cache splice_read of the version, for traces. */
    private String readName() {
        switch (behaviour.fileToPipe()) {
            case VERIFY_THEN_WAIT:
                return "filemap_splice_read";
            case VERIFY_THEN_FILL_BLOCKING:
                return "__generic_file_splice_read";
            default:
                return "generic_file_splice_read";
        }
    }

    /** {@code filemap_splice_read}: page-cache pages go into the pipe by reference. Mutex held. */
    long filemapSpliceRead(File in, long[] ppos, Pipe pipe, long len) {
        Ftrace.enter(readName());
        return Ftrace.exit(filemapSpliceReadTraced(in, ppos, pipe, len));
    }

    private long filemapSpliceReadTraced(File in, long[] ppos, Pipe pipe, long len) {
        Inode inode = in.inode();
        if (ppos[0] >= inode.sb().maxBytes()) {
            return 0;
        }
        long used = pipe.occupancy();
        long npages = Math.max(pipe.maxUsage - used, 0);
        len = Math.min(len, npages * Page.SIZE);
        long total = 0;
        long err = 0;
        Page[] pagep = new Page[1];
        while (len > 0) {
            long pos = ppos[0];
            if (pos >= inode.size()) {
                break;
            }
            int rerr = inode.mapping().readCachePage(in, pos >>> Page.SHIFT, pagep);
            if (rerr < 0) {
                err = rerr;
                break;
            }
            long isize = inode.size();
            if (pos >= isize) {
                break;
            }
            long n = Math.min(len, isize - pos);
            if (pipe.isFull()) {
                break;
            }
            int offset = (int) (pos & (Page.SIZE - 1));
            int part = (int) Math.min(Page.SIZE - offset, n);
            PipeBuffer buf = pipe.buf(pipe.head);
            int flags = behaviour.spliceReadInitsFlags() ? 0 : buf.flags;
            buf.set(pagep[0], offset, part, PipeBufOps.PAGE_CACHE, flags);
            dev.kemu.vfs.KernelStats.add(dev.kemu.vfs.KernelStats.Counter.BYTES_BY_REFERENCE, part);
            if (Ftrace.on()) {
                Ftrace.note(pipe.traceName() + " slot " + (pipe.head & (pipe.ringSize() - 1)) + " <- " + Ftrace.page(pagep[0]) + " +" + offset
                        + " len " + part + ", page_cache_pipe_buf_ops, flags " + PipeBuffer.flagNames(flags)
                        + (flags != 0 ? " (left over from the slot's last use: not reset)" : ""));
            }
            pipe.head++;
            len -= part;
            total += part;
            ppos[0] = pos + part;
            if (pipe.isFull()) {
                break;
            }
        }
        return total != 0 ? total : err;
    }

    /** {@code copy_splice_read}: the data is read with read_iter into fresh private pages. Mutex held. */
    long copySpliceRead(File in, long[] ppos, Pipe pipe, long len) {
        int free = pipe.maxUsage - pipe.occupancy();
        int npages = (int) Math.min(free, (len + Page.SIZE - 1) >>> Page.SHIFT);
        if (npages <= 0) {
            return 0;
        }
        Page[] pages = new Page[npages];
        List<BvecIter.BioVec> vecs = new java.util.ArrayList<>();
        long left = len;
        for (int i = 0; i < npages; i++) {
            pages[i] = Page.allocAnon();
            int n = (int) Math.min(Page.SIZE, left);
            vecs.add(new BvecIter.BioVec(pages[i], 0, n));
            left -= n;
        }
        Kiocb iocb = Kiocb.sync(in, ppos[0]);
        long ret = in.fop().readIter(iocb, new BvecIter(vecs));
        if (ret <= 0) {
            return ret;
        }
        ppos[0] = iocb.pos();
        long remain = ret;
        for (int i = 0; i < npages && remain > 0; i++) {
            int n = (int) Math.min(Page.SIZE, remain);
            pipe.buf(pipe.head).set(pages[i], 0, n, PipeBufOps.DEFAULT, 0);
            pipe.head++;
            remain -= n;
        }
        return ret;
    }
}
