package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Iovec;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.Signal;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserBuffer;
import dev.kemu.vfs.UserIovIter;
import java.util.List;

/**
 * vmsplice's two directions ({@code fs/splice.c:vmsplice_to_pipe()}, {@code iter_to_pipe()},
 * {@code add_to_pipe()}, {@code vmsplice_to_user()}, {@code pipe_to_user()}).
 *
 * <p>Into a pipe, the caller's pages go in by reference ({@code user_page_pipe_buf_ops}): a
 * later change to the user buffer is what the reader sees. Only SPLICE_F_NONBLOCK makes it
 * non-blocking; the pipe's O_NONBLOCK is ignored, in every version.
 */
final class Vmsplice {
    /** SPLICE_F_GIFT. */
    static final int SPLICE_F_GIFT = 8;

    private Vmsplice() {
    }

    /** {@code add_to_pipe}: EPIPE (+SIGPIPE) without readers, EAGAIN when full, else the bytes added. Mutex held. */
    private static long addToPipe(Pipe pipe, Page page, int offset, int len, int flags) {
        if (pipe.readers == 0) {
            Task.current().sendSignal(Signal.SIGPIPE);
            return Errno.EPIPE.neg();
        }
        if (pipe.isFull()) {
            return Errno.EAGAIN.neg();
        }
        pipe.buf(pipe.head).set(page, offset, len, PipeBufOps.USER_PAGE, flags);
        pipe.head++;
        return len;
    }

    /** {@code vmsplice_to_pipe}. */
    static long toPipe(Pipe pipe, List<Iovec> iov, int flags) {
        int bufFlag = (flags & SPLICE_F_GIFT) != 0 ? PipeBuffer.GIFT : 0;
        long ret;
        pipe.lock();
        try {
            ret = SpliceToPipe.waitForSpace(pipe, flags);
            if (ret == 0) {
                ret = iterToPipe(pipe, iov, bufFlag);
            }
            if (ret > 0) {
                pipe.rdWait.signalAll();
            }
        } finally {
            pipe.unlock();
        }
        return ret;
    }

    /** {@code iter_to_pipe}: one slot per page chunk of each segment; zero-length segments are skipped. */
    private static long iterToPipe(Pipe pipe, List<Iovec> iov, int bufFlag) {
        long total = 0;
        long ret = 0;
        outer:
        for (Iovec v : iov) {
            long segLeft = v.len();
            if (segLeft == 0) {
                continue;
            }
            UserBuffer base = v.base();
            if (base == null) {
                ret = Errno.EFAULT.neg();
                break;
            }
            int pos = 0;
            while (segLeft > 0) {
                if (!base.accessible(pos)) {
                    // iov_iter_get_pages: an unmapped page ends the call (EFAULT if nothing was added).
                    ret = Errno.EFAULT.neg();
                    break outer;
                }
                Page page = base.pageAt(pos);
                int offset = base.offsetInPage(pos);
                int size = (int) Math.min(segLeft, Page.SIZE - offset);
                ret = addToPipe(pipe, page, offset, size, bufFlag);
                if (ret < 0) {
                    break outer;
                }
                total += ret;
                segLeft -= size;
                pos += size;
            }
        }
        return total != 0 ? total : ret;
    }

    /** {@code vmsplice_to_user}: copies out of the pipe like readv, through {@code __splice_from_pipe}. */
    static long toUser(Pipe pipe, File file, List<Iovec> iov, long total, int flags) {
        if (total == 0) {
            return 0;
        }
        UserIovIter iter = new UserIovIter(iov, total);
        SpliceDesc sd = new SpliceDesc(file, total, flags, 0);
        pipe.lock();
        try {
            return SpliceFromPipe.spliceFromPipeLocked(pipe, sd, (p, buf, d) -> {
                int n = iter.copyPageToIter(buf.page(), buf.offset(), d.len);
                return n == d.len ? n : Errno.EFAULT.negInt();
            });
        } finally {
            pipe.unlock();
        }
    }
}
