package dev.kemu.kernel.upstream;

import dev.kemu.vfs.Page;

/**
 * F_SETPIPE_SZ rounding of the kernels that passed the argument to
 * {@code round_pipe_size(unsigned int)} ({@code fs/pipe.c}, up to 4.14): the upper 32 bits are
 * dropped, the page count is rounded up to a power of two, and a result of 2^32 truncates to 0
 * (EINVAL).
 */
final class PipeSizes {
    private PipeSizes() {
    }

    static long roundPagesTruncated32(long arg) {
        long size = arg & 0xFFFF_FFFFL;
        long pages = (size + Page.SIZE - 1) >>> Page.SHIFT;
        if (pages == 0) {
            pages = 1;
        }
        long pow = Long.highestOneBit(pages);
        if (pow < pages) {
            pow <<= 1;
        }
        long bytes = pow << Page.SHIFT;
        return bytes > 0xFFFF_FFFFL ? 0 : bytes;
    }
}
