package dev.kemu.pipe;

import dev.kemu.vfs.BvecIter;
import dev.kemu.vfs.File;
import dev.kemu.vfs.Kiocb;
import java.util.List;

/**
 * The fallback write end of a splice into a file without {@code splice_write}, up to 5.9
 * ({@code fs/splice.c:default_file_splice_write()}): {@code splice_from_pipe} with
 * {@code write_pipe_buf}, which writes each pipe buffer on its own with {@code __kernel_write}
 * at the splice position. Into a pipe (which had no {@code splice_write} before 5.10) every
 * buffer is therefore its own {@code pipe_write}: a buffer that does not fill its page still
 * takes a slot, where {@code iter_file_splice_write}'s single write packs the bytes into whole
 * pages. 5.10 removed the fallback (a missing method is EINVAL) and gave pipes
 * {@code iter_file_splice_write}.
 */
final class DefaultFileSpliceWrite implements SpliceWriteEnd {
    static final DefaultFileSpliceWrite INSTANCE = new DefaultFileSpliceWrite();

    private DefaultFileSpliceWrite() {
    }

    @Override
    public String name() {
        return "default_file_splice_write";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        dev.kemu.vfs.Ftrace.enter("default_file_splice_write");
        return dev.kemu.vfs.Ftrace.exit(SpliceFromPipe.spliceFromPipe(pipe, out, ppos, len, flags, DefaultFileSpliceWrite::writePipeBuf));
    }

    /** {@code write_pipe_buf}: one {@code __kernel_write} of the buffer's bytes at {@code sd->pos}. */
    private static int writePipeBuf(Pipe pipe, PipeBuffer buf, SpliceDesc sd) {
        File file = sd.file;
        if (!file.fop().canWrite()) {
            return dev.kemu.vfs.Errno.EINVAL.negInt();
        }
        Kiocb kiocb = Kiocb.sync(file, sd.pos);
        long ret = file.fop().writeIter(kiocb, new BvecIter(List.of(new BvecIter.BioVec(buf.page, buf.offset, sd.len))));
        dev.kemu.vfs.Ftrace.leaf("__kernel_write", ret);
        return (int) ret;
    }
}
