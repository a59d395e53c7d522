package dev.kemu.pipe;

import dev.kemu.vfs.File;
import dev.kemu.vfs.Ftrace;

/**
 * A socket's splice write end ({@code fs/splice.c:splice_to_socket()}, 6.5 onwards): under the
 * pipe mutex, waits for buffers as {@code splice_from_pipe_next} does, hands up to 16 of them
 * ({@code bvec[16]}) to the socket's {@code sendmsg} with MSG_DONTWAIT when the socket is
 * O_NONBLOCK, and releases what was sent; a short or failed send ends the splice (the bytes
 * already sent, else its error).
 *
 * <p>Before 6.5, {@code generic_splice_sendpage} sent each pipe buffer with
 * {@code kernel_sendpage} ({@code unix_stream_sendpage} from 4.2 for stream sockets,
 * {@code sock_no_sendpage}'s copy otherwise): the same bytes, in one send per buffer. Linux 6.5+
 * passes MSG_SPLICE_PAGES, which makes a stream socket queue the pipe's pages as one buffer per
 * send; the model's {@code sendmsg} copies and cuts as for {@code write}, so a splice that fills
 * a stream socket's send buffer may stop at a slightly different count.
 */
final class SpliceToSocket implements SpliceWriteEnd {
    static final SpliceToSocket INSTANCE = new SpliceToSocket();
    /** {@code ARRAY_SIZE(bvec)} in {@code splice_to_socket}. */
    private static final int BVECS = 16;

    private SpliceToSocket() {
    }

    @Override
    public String name() {
        return "splice_to_socket";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        Ftrace.enter("splice_to_socket");
        return Ftrace.exit(IterFileSpliceWrite.feedWriteIter(pipe, out, ppos, len, flags, BVECS));
    }
}
