package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;

/**
 * Moving and sharing buffers between two pipes ({@code fs/splice.c:splice_pipe_to_pipe()},
 * {@code link_pipe()}, {@code ipipe_prep()}, {@code opipe_prep()}).
 *
 * <p>splice moves a whole buffer when {@code len} covers it (the slot struct is copied, the page
 * reference travels with it); for part of a buffer it takes a second reference to the page, so
 * both pipes then point at the same page. tee always shares. What stops a later
 * {@code write()} from appending into such a shared page is version-specific
 * ({@link PipeBehaviour#unmergeable()}). Both pipes are locked through {@link PipeLocks}.
 */
final class PipeToPipe {
    private final PipeBehaviour behaviour;

    PipeToPipe(PipeBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** {@code ipipe_prep}: waits for data in the input; 0 (data or no writers), EAGAIN or ERESTARTSYS. */
    static long ipipePrep(Pipe pipe, int flags) {
        pipe.lock();
        try {
            Task task = Task.current();
            while (pipe.isEmpty()) {
                if (task.signalPending()) {
                    return Errno.ERESTARTSYS.neg();
                }
                if (pipe.writers == 0) {
                    break;
                }
                if ((flags & SpliceFromPipe.SPLICE_F_NONBLOCK) != 0) {
                    return Errno.EAGAIN.neg();
                }
                if (!task.sleepOn(pipe.rdWait, pipe + " rd_wait")) {
                    return Errno.ERESTARTSYS.neg();
                }
            }
            return 0;
        } finally {
            pipe.unlock();
        }
    }

    /** {@code opipe_prep}: waits for room in the output; 0, EPIPE (+SIGPIPE), EAGAIN or ERESTARTSYS. */
    static long opipePrep(Pipe pipe, int flags) {
        pipe.lock();
        try {
            Task task = Task.current();
            while (pipe.isFull()) {
                if (pipe.readers == 0) {
                    task.sendSignal(Signal.SIGPIPE);
                    return Errno.EPIPE.neg();
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
            return 0;
        } finally {
            pipe.unlock();
        }
    }

    /** What tee and partial splices do to the copy of a shared slot. */
    private void markShared(PipeBuffer obuf) {
        obuf.flags &= ~PipeBuffer.GIFT;
        switch (behaviour.unmergeable()) {
            case CLEAR_CAN_MERGE:
                obuf.flags &= ~PipeBuffer.CAN_MERGE;
                break;
            case NOMERGE_OPS:
                if (obuf.ops == PipeBufOps.ANON) {
                    obuf.ops = PipeBufOps.ANON_NOMERGE;
                }
                break;
            case NOTHING:
            default:
                break;
        }
    }

    /** {@code splice_pipe_to_pipe}. {@code len} is unsigned. */
    long splicePipeToPipe(Pipe ipipe, Pipe opipe, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("splice_pipe_to_pipe");
        return dev.kemu.vfs.Ftrace.exit(splicePipeToPipeTraced(ipipe, opipe, len, flags));
    }

    private long splicePipeToPipeTraced(Pipe ipipe, Pipe opipe, long len, int flags) {
        long ret = 0;
        boolean inputWakeup = false;
        long left = len < 0 ? Long.MAX_VALUE : len;
        Task task = Task.current();
        retry:
        for (;;) {
            ret = ipipePrep(ipipe, flags);
            if (ret != 0) {
                return ret;
            }
            ret = opipePrep(opipe, flags);
            if (ret != 0) {
                return ret;
            }
            Pipe first = PipeLocks.lockTwo(ipipe, opipe, behaviour.faultLockInArgumentOrder());
            try {
                do {
                    if (opipe.readers == 0) {
                        task.sendSignal(Signal.SIGPIPE);
                        if (ret == 0) {
                            ret = Errno.EPIPE.neg();
                        }
                        break;
                    }
                    if (ipipe.isEmpty() && ipipe.writers == 0) {
                        break;
                    }
                    if (ipipe.isEmpty() || opipe.isFull()) {
                        if (ret != 0) {
                            break;
                        }
                        if ((flags & SpliceFromPipe.SPLICE_F_NONBLOCK) != 0) {
                            ret = Errno.EAGAIN.neg();
                            break;
                        }
                        continue retry;
                    }
                    PipeBuffer ibuf = ipipe.buf(ipipe.tail);
                    PipeBuffer obuf = opipe.buf(opipe.head);
                    int oLen;
                    if (left >= ibuf.len) {
                        // Move the whole buffer: the slot, with its page reference, changes pipes.
                        obuf.copyFrom(ibuf);
                        if (dev.kemu.vfs.Ftrace.on()) dev.kemu.vfs.Ftrace.note("move " + ipipe.traceName() + " slot " + (ipipe.tail & ipipe.ringSize() - 1) + " -> " + opipe.traceName()
                                + " slot " + (opipe.head & opipe.ringSize() - 1) + ": " + obuf.traceString());
                        ibuf.ops = null;
                        ibuf.page = null;
                        ipipe.tail++;
                        inputWakeup = true;
                        oLen = obuf.len;
                        opipe.head++;
                    } else {
                        // Part of a buffer: both pipes now reference the same page.
                        obuf.copyFrom(ibuf);
                        markShared(obuf);
                        obuf.len = (int) left;
                        if (dev.kemu.vfs.Ftrace.on()) dev.kemu.vfs.Ftrace.note("share " + left + " bytes of " + ipipe.traceName() + " slot " + (ipipe.tail & ipipe.ringSize() - 1)
                                + " as " + opipe.traceName() + " slot " + (opipe.head & opipe.ringSize() - 1) + ": " + obuf.traceString());
                        ibuf.offset += (int) left;
                        ibuf.len -= (int) left;
                        if (behaviour.faultDropPartialBuffer()) {
                            // Injected fault: the rest of the input buffer is lost.
                            ipipe.consumeTail();
                            inputWakeup = true;
                        }
                        oLen = (int) left;
                        opipe.head++;
                    }
                    ret += oLen;
                    left -= oLen;
                } while (left > 0);
            } finally {
                if (ret > 0) {
                    opipe.rdWait.signalAll();
                }
                if (inputWakeup) {
                    ipipe.wrWait.signalAll();
                }
                PipeLocks.unlockTwo(ipipe, opipe, first);
            }
            return ret;
        }
    }

    /**
     * {@code fs/splice.c:link_pipe} (tee): shares the input's leading buffers with the output,
     * consuming nothing.
     *
     * <p>{@code do_tee} calls this once after {@code ipipe_prep}/{@code opipe_prep} dropped their
     * locks, so another task may fill the output in between; then this returns 0 although the
     * input still has writers, as Linux's tee does. A caller sees 0, not EAGAIN, in that race.
     */
    long linkPipe(Pipe ipipe, Pipe opipe, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("link_pipe");
        return dev.kemu.vfs.Ftrace.exit(linkPipeTraced(ipipe, opipe, len, flags));
    }

    private long linkPipeTraced(Pipe ipipe, Pipe opipe, long len, int flags) {
        long ret = 0;
        long left = len < 0 ? Long.MAX_VALUE : len;
        Task task = Task.current();
        Pipe first = PipeLocks.lockTwo(ipipe, opipe, behaviour.faultLockInArgumentOrder());
        try {
            int iTail = ipipe.tail;
            do {
                if (opipe.readers == 0) {
                    task.sendSignal(Signal.SIGPIPE);
                    if (ret == 0) {
                        ret = Errno.EPIPE.neg();
                    }
                    break;
                }
                if (iTail == ipipe.head || opipe.isFull()) {
                    break;
                }
                PipeBuffer ibuf = ipipe.buf(iTail);
                PipeBuffer obuf = opipe.buf(opipe.head);
                obuf.copyFrom(ibuf);
                markShared(obuf);
                if (obuf.len > left) {
                    obuf.len = (int) left;
                }
                if (dev.kemu.vfs.Ftrace.on()) dev.kemu.vfs.Ftrace.note("link " + ipipe.traceName() + " slot " + (iTail & ipipe.ringSize() - 1) + " as " + opipe.traceName() + " slot "
                        + (opipe.head & opipe.ringSize() - 1) + ": " + obuf.traceString());
                ret += obuf.len;
                left -= obuf.len;
                opipe.head++;
                iTail++;
            } while (left > 0);
            if (ret > 0) {
                opipe.rdWait.signalAll();
            }
        } finally {
            PipeLocks.unlockTwo(ipipe, opipe, first);
        }
        return ret;
    }
}
