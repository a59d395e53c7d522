package dev.kemu.vfs;

/**
 * A source or destination of data for {@code read_iter}/{@code write_iter}
 * ({@code include/linux/uio.h:struct iov_iter}, {@code lib/iov_iter.c}).
 *
 * <p>Two kinds exist in the model: user memory ({@code ITER_IOVEC}/{@code ITER_UBUF},
 * {@link UserIovIter}) and page references ({@code ITER_BVEC}, {@link BvecIter}), which is how
 * {@code iter_file_splice_write} hands pipe buffers to {@code generic_perform_write}. Every copy
 * between pages goes through {@link Memcpy#forward}, so an overlapping same-page copy smears
 * the way the kernel's does.
 */
public abstract class IovIter {
    /** Bytes left. */
    public abstract long count();

    /**
     * {@code copy_page_to_iter()}: copies up to {@code len} bytes of {@code page} at {@code off}
     * into the iterator and advances it.
     *
     * @return bytes copied; less than asked at a fault (-EFAULT is reported by the caller when 0)
     */
    public abstract int copyPageToIter(Page page, int off, int len);

    /** {@code copy_page_from_iter()}: fills {@code page} at {@code off} from the iterator, advancing it. */
    public abstract int copyPageFromIter(Page page, int off, int len);

    /** Copies bytes from a plain array into the iterator ({@code copy_to_iter}). */
    public abstract int copyToIter(byte[] src, int off, int len);

    /** {@code iov_iter_advance()}. */
    public abstract void advance(long n);

    /** Copies {@code len} zero bytes into the iterator ({@code iov_iter_zero}). */
    public int zero(int len) {
        byte[] z = new byte[Math.min(len, Page.SIZE)];
        int done = 0;
        while (done < len) {
            int n = copyToIter(z, 0, Math.min(z.length, len - done));
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }
}
