package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Ftrace;
import dev.kemu.vfs.IovIter;
import dev.kemu.vfs.KernelStats;
import dev.kemu.vfs.Kiocb;
import dev.kemu.vfs.Page;

/**
 * {@code read()} and {@code write()} of a {@link PipeRingKind#LOCKFREE} pipe without the pipe
 * mutex: the bodies of {@code fs/pipe.c:anon_pipe_read()} and {@code anon_pipe_write()} for the
 * cases that neither sleep nor wake anybody, run by at most one writing and one reading task at a
 * time ({@link SpscRing}). Whatever does not fit those cases answers {@link #FALLBACK} before it
 * changes anything, and the caller runs the mutex code instead: a pipe without readers (EPIPE,
 * SIGPIPE), an empty pipe for a reader (EOF, EAGAIN, sleeping), a write that does not fit whole
 * (EAGAIN, partial writes, sleeping), packet mode for the writer, tracing on.
 *
 * <p>A write is all or nothing: it reserves every slot it needs against the tail before copying
 * anything and publishes them with one release store of {@code head}, so no reader sees part of
 * it, exactly as no reader sees part of a write that holds the mutex without sleeping. A write that
 * appends into the newest slot holds the newest-slot claim from the decision to the publication;
 * a read that reaches the newest slot holds it until it has published {@code tail}: an append and
 * a read of one slot never overlap, so a reader sees the length before the append or after it.
 */
final class PipeFastPath {
    /** "Run the mutex code": no state was changed. */
    static final long FALLBACK = Long.MIN_VALUE;

    /** Bounded spins of a blocking call that finds the pipe empty or full before it takes the mutex to sleep. */
    private static final int SPINS = 1 << 10;

    private PipeFastPath() {
    }

    /** The write path; {@code canMerge} is the version's merge rule. */
    static long write(Pipe pipe, File filp, Kiocb iocb, IovIter from, PipeFileOperations fops, PipeBehaviour behaviour) {
        SpscRing r = pipe.spsc;
        if (r == null || Ftrace.on() || (filp.flags() & Fcntl.O_DIRECT) != 0) {
            return FALLBACK;
        }
        boolean block = (filp.flags() & Fcntl.O_NONBLOCK) == 0 && (iocb.flags() & Kiocb.IOCB_NOWAIT) == 0;
        if (!r.enterProducer()) {
            return FALLBACK;
        }
        boolean claimed = false;
        try {
            // readers and writers, max_usage and the ring change only under the mutex; entering
            // read the gate after the holder lowered it, so their values are current.
            if (pipe.readers == 0) {
                return FALLBACK;
            }
            long total = from.count();
            int head = pipe.head; // the producer's own index
            int chars = (int) (total & (Page.SIZE - 1));
            PipeBuffer merge = null;
            if (chars != 0) {
                r.claimNewest();
                claimed = true;
                // Under the claim the consumer cannot be between reading the newest slot and
                // publishing the tail past it: tail != head means that slot is still queued.
                if ((int) SpscRing.TAIL.getAcquire(pipe) != head) {
                    PipeBuffer last = pipe.buf(head - 1);
                    if (fops.canMerge(last) && last.offset + last.len + chars <= Page.SIZE) {
                        merge = last;
                    }
                }
                if (merge == null) {
                    r.releaseNewest();
                    claimed = false;
                }
            }
            long rest = total - (merge != null ? chars : 0);
            int slots = (int) ((rest + Page.SIZE - 1) >>> Page.SHIFT);
            if (slots > pipe.maxUsage) {
                return FALLBACK;
            }
            if (slots > 0 && !r.room(pipe, head, slots)) {
                if (!block || claimed) {
                    return FALLBACK;
                }
                for (int i = 0; i < SPINS && !r.room(pipe, head, slots); i++) {
                    if (r.gateClosing()) {
                        return FALLBACK;
                    }
                    Thread.onSpinWait();
                }
                if (!r.room(pipe, head, slots)) {
                    return FALLBACK;
                }
            }
            long ret = 0;
            if (merge != null) {
                int copied = from.copyPageFromIter(merge.page, merge.offset + merge.len, chars);
                if (copied < chars) {
                    return Errno.EFAULT.neg();
                }
                merge.len += copied;
                ret = copied;
            }
            if (behaviour.faultPublishHeadBeforeFill()) {
                // The planted fault: the slots become visible before they are filled.
                SpscRing.HEAD.setRelease(pipe, head + slots);
            }
            int h = head;
            while (from.count() != 0) {
                Page page = Page.allocAnon();
                int copied = from.copyPageFromIter(page, 0, Page.SIZE);
                KernelStats.add(KernelStats.Counter.BYTES_COPIED, copied);
                if (copied < Page.SIZE && from.count() != 0) {
                    if (ret == 0) {
                        ret = Errno.EFAULT.neg();
                    }
                    break;
                }
                pipe.buf(h).set(page, 0, copied, PipeBufOps.ANON, behaviour.anonWriteFlags());
                h++;
                ret += copied;
            }
            // Release: every slot field and page byte above happens-before a consumer's acquire of head.
            SpscRing.HEAD.setRelease(pipe, h);
            return ret;
        } finally {
            if (claimed) {
                r.releaseNewest();
            }
            r.exitProducer();
        }
    }

    /** The read path. */
    static long read(Pipe pipe, File filp, Kiocb iocb, IovIter to) {
        SpscRing r = pipe.spsc;
        if (r == null || Ftrace.on()) {
            return FALLBACK;
        }
        boolean block = (filp.flags() & Fcntl.O_NONBLOCK) == 0 && (iocb.flags() & Kiocb.IOCB_NOWAIT) == 0;
        if (!r.enterConsumer()) {
            return FALLBACK;
        }
        boolean claimed = false;
        try {
            long totalLen = to.count();
            int tail = pipe.tail; // the consumer's own index
            int head = r.headForConsumer(pipe, tail);
            if (head == tail) {
                if (!block || pipe.writers == 0) {
                    return FALLBACK;
                }
                for (int i = 0; i < SPINS && head == tail; i++) {
                    if (r.gateClosing()) {
                        return FALLBACK;
                    }
                    Thread.onSpinWait();
                    head = r.freshHead(pipe);
                }
                if (head == tail) {
                    return FALLBACK;
                }
            }
            long ret = 0;
            for (;;) {
                if (!claimed && tail == head - 1) {
                    // The newest slot: a writer may be appending to it. Take the claim, then look
                    // at head again (the slot may no longer be the newest, which is harmless).
                    r.claimNewest();
                    claimed = true;
                    head = r.freshHead(pipe);
                }
                PipeBuffer buf = pipe.buf(tail);
                int chars = PipeFileOperations.copyFromSlot(buf, to, totalLen);
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
                    buf.release();
                    tail++;
                }
                totalLen -= chars;
                if (totalLen == 0) {
                    break;
                }
                if (tail == head) {
                    // Emptied as far as we knew: the read stops here only if head has not moved.
                    head = r.freshHead(pipe);
                    if (tail == head) {
                        break;
                    }
                }
            }
            // Release: the emptied slots are the producer's again after its acquire of tail.
            SpscRing.TAIL.setRelease(pipe, tail);
            return ret;
        } finally {
            if (claimed) {
                r.releaseNewest();
            }
            r.exitConsumer();
        }
    }
}
