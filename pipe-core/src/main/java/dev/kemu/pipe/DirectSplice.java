package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.File;
import dev.kemu.vfs.StatMode;
import dev.kemu.vfs.Task;

/**
 * Splicing between two files through the task's private pipe ({@code fs/splice.c:do_splice_direct()},
 * {@code splice_direct_to_actor()}, {@code direct_splice_actor()}): the machinery under
 * sendfile and copy_file_range's generic fallback.
 *
 * <p>Each round reads up to the private pipe's free slots from the input (page-cache
 * references), then hands them to the output's splice_write; it stops at EOF, on an error
 * (returned only if nothing moved) or on a short write. The private pipe ({@code
 * current->splice_pipe}) has 16 slots, one reader and no files, and lives as long as the task.
 */
final class DirectSplice {
    private final SpliceToPipe toPipe;
    private final PipeBehaviour pipes;
    private final CopyBehaviour copies;
    private final PipeFs pipefs;

    DirectSplice(PipeBehaviour pipes, CopyBehaviour copies, SpliceToPipe toPipe, PipeFs pipefs) {
        this.pipes = pipes;
        this.copies = copies;
        this.toPipe = toPipe;
        this.pipefs = pipefs;
    }

    /**
     * {@code current->splice_pipe}, allocated on first use; null when the user is past
     * {@code pipe-user-pages-hard}. Divergence: it is not freed when the task exits, so its slots
     * stay charged to the user.
     */
    private Pipe splicePipe(Task task) {
        Object p = task.splicePipe();
        if (p == null) {
            Pipe pipe = pipefs.allocPipeInfo(pipefs.newPipeInode());
            if (pipe == null) {
                return null;
            }
            pipe.readers = 1;
            task.setSplicePipe(pipe);
            return pipe;
        }
        return (Pipe) p;
    }

    /**
     * {@code do_splice_direct}: copies up to {@code len} bytes from {@code in} at {@code ppos[0]}
     * to {@code out} at {@code opos[0]}, advancing both.
     *
     * @param checkOutput whether the output's FMODE_WRITE and O_APPEND are checked here (4.5+);
     *     3.10 checks O_APPEND only when the first buffer is written
     */
    long doSpliceDirect(File in, long[] ppos, File out, long[] opos, long len, int flags, boolean checkOutput) {
        Ftrace.enter("do_splice_direct");
        return Ftrace.exit(doSpliceDirectTraced(in, ppos, out, opos, len, flags, checkOutput));
    }

    private long doSpliceDirectTraced(File in, long[] ppos, File out, long[] opos, long len, int flags, boolean checkOutput) {
        if (checkOutput) {
            if (!out.canWrite()) {
                return Errno.EBADF.neg();
            }
            if ((out.flags() & Fcntl.O_APPEND) != 0) {
                return Errno.EINVAL.neg();
            }
        }
        return spliceDirectToActor(in, ppos, out, opos, len, flags);
    }

    private long spliceDirectToActor(File in, long[] ppos, File out, long[] opos, long total, int flags) {
        Ftrace.enter("splice_direct_to_actor");
        return Ftrace.exit(spliceDirectToActorTraced(in, ppos, out, opos, total, flags));
    }

    private long spliceDirectToActorTraced(File in, long[] ppos, File out, long[] opos, long total, int flags) {
        if (copies.sendfile() == CopyBehaviour.Sendfile.V6) {
            if ((in.mode() & File.FMODE_LSEEK) == 0) {
                return Errno.EINVAL.neg();
            }
        } else {
            int mode = in.inode().mode();
            if (!StatMode.isReg(mode) && !StatMode.isBlk(mode)) {
                return Errno.EINVAL.neg();
            }
        }
        Task task = Task.current();
        Pipe pipe = splicePipe(task);
        if (pipe == null) {
            // splice_direct_to_actor: alloc_pipe_info failed (the user is past pipe-user-pages-hard).
            return Errno.ENOMEM.neg();
        }
        long bytes = 0;
        long len = total;
        int readFlags = flags;
        int writeFlags = flags & ~SpliceFromPipe.SPLICE_F_NONBLOCK;
        long ret = 0;
        boolean failed = false;
        try {
            while (len > 0) {
                long[] pos = {ppos[0]};
                long prevPos = pos[0];
                pipe.lock();
                try {
                    ret = toPipe.doSpliceRead(in, pos, pipe, len, readFlags);
                } finally {
                    pipe.unlock();
                }
                if (ret <= 0) {
                    failed = true;
                    break;
                }
                long readLen = ret;
                ret = directSpliceActor(pipe, out, opos, readLen, writeFlags);
                if (ret <= 0) {
                    ppos[0] = prevPos;
                    failed = true;
                    break;
                }
                bytes += ret;
                len -= ret;
                ppos[0] = pos[0];
                if (ret < readLen) {
                    ppos[0] = prevPos + ret;
                    failed = true;
                    break;
                }
            }
        } finally {
            // Whatever is left in the private pipe is dropped, and the ring starts over.
            pipe.lock();
            try {
                while (!pipe.isEmpty()) {
                    pipe.consumeTail();
                }
                pipe.head = 0;
                pipe.tail = 0;
            } finally {
                pipe.unlock();
            }
        }
        if (failed && bytes == 0) {
            return ret;
        }
        return bytes;
    }

    /** {@code direct_splice_actor} → {@code do_splice_from}: the output's splice_write on the private pipe. */
    private long directSpliceActor(Pipe pipe, File out, long[] opos, long len, int flags) {
        Ftrace.enter("direct_splice_actor");
        return Ftrace.exit(directSpliceActorTraced(pipe, out, opos, len, flags));
    }

    private long directSpliceActorTraced(Pipe pipe, File out, long[] opos, long len, int flags) {
        if (copies.sendfile() == CopyBehaviour.Sendfile.V3_10 && (out.flags() & Fcntl.O_APPEND) != 0) {
            // 3.10 do_splice_from: O_APPEND is refused only here, after the data was read.
            return Errno.EINVAL.neg();
        }
        return SpliceCalls.writeEnd(out, pipes).spliceWrite(pipe, out, opos, len, flags);
    }
}
