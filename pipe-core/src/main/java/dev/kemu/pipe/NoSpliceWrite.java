package dev.kemu.pipe;

import dev.kemu.vfs.Errno;
import dev.kemu.vfs.File;

/** A file without {@code splice_write} (5.10+, {@code fs/splice.c:warn_unsupported()}): EINVAL. */
final class NoSpliceWrite implements SpliceWriteEnd {
    static final NoSpliceWrite INSTANCE = new NoSpliceWrite();

    @Override
    public String name() {
        return "warn_unsupported";
    }

    @Override
    public long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags) {
        return Errno.EINVAL.neg();
    }
}
