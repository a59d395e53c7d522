package dev.kemu.pipe;

import dev.kemu.vfs.File;

/**
 * The write end of a splice into a regular file: the {@code splice_write} method the
 * filesystem's file operations point to, which is where 3.10 and upstream differ. Upstream
 * (4.5+) uses {@code iter_file_splice_write} ({@link IterFileSpliceWrite}); 3.10 uses
 * {@code generic_file_splice_write} with {@code pipe_to_file}, supplied by its plugin.
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
}
