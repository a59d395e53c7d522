package dev.kemu.pipe;

import dev.kemu.vfs.File;

/**
 * The write end of a splice into a regular file: the {@code splice_write} method the
 * filesystem's file operations point to, which changed in 3.16: from then on
 * {@code iter_file_splice_write} ({@link IterFileSpliceWrite}); up to 3.15
 * {@code generic_file_splice_write} with {@code pipe_to_file} ({@link #genericFileSpliceWrite()}).
 */
public interface SpliceWriteEnd {
    /**
     * Moves up to {@code len} bytes from {@code pipe} into {@code out} at {@code ppos[0]},
     * advancing it. Called without the pipe lock.
     *
     * @return bytes written, 0 at EOF of the pipe, or a negated errno
     */
    long spliceWrite(Pipe pipe, File out, long[] ppos, long len, int flags);

    /** The kernel function's name, for traces. */
    String name();

    /** {@code generic_file_splice_write} with {@code pipe_to_file}'s same-page skip (3.10–3.15). */
    static SpliceWriteEnd genericFileSpliceWrite() {
        return GenericFileSpliceWrite.INSTANCE;
    }
}
