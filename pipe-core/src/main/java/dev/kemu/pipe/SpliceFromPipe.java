package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Task;

/**
 * Draining a pipe into something else ({@code fs/splice.c:splice_from_pipe_next()},
 * {@code splice_from_pipe_feed()}, {@code __splice_from_pipe()}, {@code splice_from_pipe()}).
 *
 * <p>Stop rules: an empty pipe with no writers ends the drain (0 if nothing moved); an empty
 * pipe after something moved ends it; SPLICE_F_NONBLOCK on an empty pipe is EAGAIN; a pending
 * signal is ERESTARTSYS. Otherwise the task sleeps until a writer comes.
 */
public final class SpliceFromPipe {
    /** SPLICE_F_NONBLOCK. */
    public static final int SPLICE_F_NONBLOCK = 2;

    private SpliceFromPipe() {
    }

    /** {@code splice_from_pipe_next}: 1 when there is a buffer to feed, 0 to stop, or a negated errno. Mutex held. */
    public static int next(Pipe pipe, SpliceDesc sd) {
        Task task = Task.current();
        if (task.signalPending()) {
            return Errno.ERESTARTSYS.negInt();
        }
        for (;;) {
            while (pipe.isEmpty()) {
                if (pipe.writers == 0) {
                    return 0;
                }
                if (sd.numSpliced != 0) {
                    return 0;
                }
                if ((sd.flags & SPLICE_F_NONBLOCK) != 0) {
                    return Errno.EAGAIN.negInt();
                }
                if (task.signalPending()) {
                    return Errno.ERESTARTSYS.negInt();
                }
                if (sd.needWakeup) {
                    pipe.wrWait.signalAll();
                    sd.needWakeup = false;
                }
                if (!task.sleepOn(pipe.rdWait, pipe + " rd_wait")) {
                    return Errno.ERESTARTSYS.negInt();
                }
            }
            // eat_empty_buffer
            PipeBuffer buf = pipe.buf(pipe.tail);
            if (buf.len == 0) {
                pipe.consumeTail();
                continue;
            }
            return 1;
        }
    }

    /** {@code splice_from_pipe_feed} for write ends outside this package. Mutex held. */
    public static int feedLocked(Pipe pipe, SpliceDesc sd, SpliceActor actor) {
        return feed(pipe, sd, actor);
    }

    /** {@code splice_from_pipe_end}: wakes writers if buffers were freed. Mutex held. */
    public static void endLocked(Pipe pipe, SpliceDesc sd) {
        if (sd.needWakeup) {
            pipe.wrWait.signalAll();
        }
    }

    /** {@code splice_from_pipe_feed}: hands buffers to the actor. Mutex held. */
    static int feed(Pipe pipe, SpliceDesc sd, SpliceActor actor) {
        while (!pipe.isEmpty()) {
            PipeBuffer buf = pipe.buf(pipe.tail);
            sd.len = (int) Math.min(buf.len, sd.totalLen);
            int ret = actor.actor(pipe, buf, sd);
            if (ret <= 0) {
                return ret;
            }
            buf.offset += ret;
            buf.len -= ret;
            sd.numSpliced += ret;
            sd.len -= ret;
            sd.pos += ret;
            sd.totalLen -= ret;
            if (buf.len == 0) {
                pipe.consumeTail();
                if (pipe.files > 0) {
                    sd.needWakeup = true;
                }
            }
            if (sd.totalLen == 0) {
                return 0;
            }
        }
        return 1;
    }

    /** {@code __splice_from_pipe}. Mutex held. */
    public static long spliceFromPipeLocked(Pipe pipe, SpliceDesc sd, SpliceActor actor) {
        int ret;
        sd.numSpliced = 0;
        sd.needWakeup = false;
        do {
            ret = next(pipe, sd);
            if (ret > 0) {
                ret = feed(pipe, sd, actor);
            }
        } while (ret > 0);
        if (sd.needWakeup) {
            pipe.wrWait.signalAll();
        }
        return sd.numSpliced != 0 ? sd.numSpliced : ret;
    }

    /** {@code splice_from_pipe}: takes the pipe lock and drains into {@code out} at {@code ppos[0]}. */
    public static long spliceFromPipe(Pipe pipe, File out, long[] ppos, long len, int flags, SpliceActor actor) {
        SpliceDesc sd = new SpliceDesc(out, len, flags, ppos[0]);
        pipe.lock();
        try {
            long ret = spliceFromPipeLocked(pipe, sd, actor);
            ppos[0] = sd.pos;
            return ret;
        } finally {
            pipe.unlock();
        }
    }

    /** Marks a consumed buffer count as needing a writer wake-up (for write ends that consume buffers themselves). */
    static void consumed(Pipe pipe, SpliceDesc sd) {
        if (pipe.files > 0) {
            sd.needWakeup = true;
        }
    }
}
