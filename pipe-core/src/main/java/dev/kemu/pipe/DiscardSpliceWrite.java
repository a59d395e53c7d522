package dev.kemu.pipe;

import dev.kemu.vfs.File;

/**
 * {@code /dev/null}'s splice write end ({@code drivers/char/mem.c:splice_write_null()} with
 * {@code pipe_to_null}): drains up to {@code len} bytes from the pipe and drops them.
 */
final class DiscardSpliceWrite implements SpliceWriteEnd {
    static final DiscardSpliceWrite INSTANCE = new DiscardSpliceWrite();

    @Override
    public String name() {
        return "splice_write_null";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        return SpliceFromPipe.spliceFromPipe(pipe, out, ppos, len, flags, (p, buf, sd) -> sd.len);
    }
}
