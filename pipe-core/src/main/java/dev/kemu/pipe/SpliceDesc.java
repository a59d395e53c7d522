package dev.kemu.pipe;

import dev.kemu.vfs.File;

/**
 * The state of one drain of a pipe into a file ({@code include/linux/splice.h:struct splice_desc}):
 * bytes left to move, bytes moved so far, the flags, the destination file and position.
 */
public final class SpliceDesc {
    /** {@code total_len}: bytes left to splice. */
    public long totalLen;
    /** {@code len}: bytes of the current buffer to hand to the actor. */
    public int len;
    /** {@code num_spliced}. */
    public long numSpliced;
    /** {@code flags}: SPLICE_F_*. */
    public int flags;
    /** {@code pos}: the destination position. */
    public long pos;
    /** {@code u.file}. */
    public final File file;
    boolean needWakeup;

    public SpliceDesc(File file, long totalLen, int flags, long pos) {
        this.file = file;
        this.totalLen = totalLen;
        this.flags = flags;
        this.pos = pos;
    }
}
