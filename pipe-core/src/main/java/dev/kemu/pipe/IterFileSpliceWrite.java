package dev.kemu.pipe;

import dev.kemu.vfs.BvecIter;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kiocb;
import java.util.ArrayList;
import java.util.List;

/**
 * The upstream write end of a splice into a file ({@code fs/splice.c:iter_file_splice_write()},
 * 4.5 onwards): gathers the leading pipe buffers into a {@code bio_vec} iterator and hands it to
 * the file's {@code write_iter} — for page-cache filesystems {@code generic_perform_write}, which
 * copies from the buffers' own pages into the destination pages with no same-page test. A
 * same-file copy whose source pages are the destination pages therefore behaves like a forward
 * byte copy. Fully written buffers are released, a partly written one is trimmed.
 */
public final class IterFileSpliceWrite implements SpliceWriteEnd {
    public static final IterFileSpliceWrite INSTANCE = new IterFileSpliceWrite();

    private IterFileSpliceWrite() {
    }

    @Override
    public String name() {
        return "iter_file_splice_write";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("iter_file_splice_write");
        return dev.kemu.vfs.Ftrace.exit(spliceWriteTraced(pipe, out, ppos, len, flags));
    }

    private long spliceWriteTraced(Pipe pipe, File out, long[] ppos, long len, int flags) {
        if (!out.fop().canWrite()) {
            return dev.kemu.vfs.Errno.EINVAL.neg();
        }
        return feedWriteIter(pipe, out, ppos, len, flags, -1);
    }

    /**
     * The loop {@code iter_file_splice_write} and {@code splice_to_socket} share: wait for
     * buffers ({@code splice_from_pipe_next}), hand up to {@code maxBvecs} of them (the pipe's
     * {@code max_usage} when negative) to {@code write_iter}, release what was written. Pipe
     * mutex held throughout, as both hold it across the write.
     */
    static long feedWriteIter(Pipe pipe, File out, long[] ppos, long len, int flags, int maxBvecs) {
        SpliceDesc sd = new SpliceDesc(out, len, flags, ppos[0]);
        long ret = 0;
        pipe.lock();
        try {
            sd.numSpliced = 0;
            sd.needWakeup = false;
            while (sd.totalLen > 0) {
                ret = SpliceFromPipe.next(pipe, sd);
                if (ret <= 0) {
                    break;
                }
                int nbufs = maxBvecs < 0 ? pipe.maxUsage : maxBvecs;
                List<BvecIter.BioVec> array = new ArrayList<>(nbufs);
                long left = sd.totalLen;
                for (int tail = pipe.tail; tail != pipe.head && left > 0 && array.size() < nbufs; tail++) {
                    PipeBuffer buf = pipe.buf(tail);
                    if (buf.len == 0) {
                        continue;
                    }
                    int thisLen = (int) Math.min(buf.len, left);
                    array.add(new BvecIter.BioVec(buf.page, buf.offset, thisLen));
                    if (dev.kemu.vfs.Ftrace.on()) {
                        dev.kemu.vfs.Ftrace.note("bvec[" + (array.size() - 1) + "] = " + dev.kemu.vfs.Ftrace.page(buf.page) + " +"
                                + buf.offset + " len " + thisLen + " (" + pipe.traceName() + " slot " + (tail & (pipe.ringSize() - 1)) + ")");
                    }
                    left -= thisLen;
                }
                BvecIter from = new BvecIter(array);
                Kiocb kiocb = Kiocb.sync(out, sd.pos);
                ret = out.fop().writeIter(kiocb, from);
                sd.pos = kiocb.pos();
                if (ret <= 0) {
                    break;
                }
                sd.numSpliced += ret;
                sd.totalLen -= ret;
                long n = ret;
                while (n > 0) {
                    PipeBuffer buf = pipe.buf(pipe.tail);
                    if (n >= buf.len) {
                        n -= buf.len;
                        buf.len = 0;
                        pipe.consumeTail();
                        SpliceFromPipe.consumed(pipe, sd);
                    } else {
                        buf.offset += (int) n;
                        buf.len -= (int) n;
                        n = 0;
                    }
                }
            }
            if (sd.needWakeup) {
                pipe.wrWait.signalAll();
            }
        } finally {
            pipe.unlock();
        }
        ppos[0] = sd.pos;
        return sd.numSpliced != 0 ? sd.numSpliced : ret;
    }
}
