package dev.kemu.vfs;

import java.util.List;

/**
 * An iterator over page references ({@code ITER_BVEC}, {@code include/linux/bvec.h}). This is
 * what {@code iter_file_splice_write} builds from the pipe's buffers: the data is read from the
 * buffers' own pages, so a destination page that <em>is</em> a source page is copied onto itself
 * with {@link Memcpy#forward} semantics.
 */
public final class BvecIter extends IovIter {
    /** {@code struct bio_vec}: a page, an offset into it, a length. */
    public record BioVec(Page page, int offset, int len) {
        public BioVec {
            if (offset < 0 || len < 0 || offset + len > Page.SIZE) {
                throw new IllegalArgumentException("bio_vec " + offset + "+" + len);
            }
        }
    }

    private final List<BioVec> vecs;
    private int seg;
    private int segOff;
    private long count;

    public BvecIter(List<BioVec> vecs) {
        this.vecs = List.copyOf(vecs);
        long c = 0;
        for (BioVec v : vecs) {
            c += v.len();
        }
        this.count = c;
    }

    @Override
    public long count() {
        return count;
    }

    private boolean skipEmpty() {
        while (seg < vecs.size() && segOff >= vecs.get(seg).len()) {
            seg++;
            segOff = 0;
        }
        return seg < vecs.size();
    }

    /** The page the next byte comes from, or null when nothing is left (for traces). */
    public Page currentPage() {
        return skipEmpty() ? vecs.get(seg).page() : null;
    }

    /** The offset in {@link #currentPage()} of the next byte. */
    public int currentOffset() {
        return skipEmpty() ? vecs.get(seg).offset() + segOff : 0;
    }

    @Override
    public int copyPageToIter(Page page, int off, int len) {
        int done = 0;
        while (done < len && skipEmpty()) {
            BioVec v = vecs.get(seg);
            int n = Math.min(len - done, v.len() - segOff);
            Memcpy.forward(page.data(), off + done, v.page().data(), v.offset() + segOff, n);
            segOff += n;
            count -= n;
            done += n;
        }
        return done;
    }

    @Override
    public int copyPageFromIter(Page page, int off, int len) {
        int done = 0;
        while (done < len && skipEmpty()) {
            BioVec v = vecs.get(seg);
            int n = Math.min(len - done, v.len() - segOff);
            Memcpy.forward(v.page().data(), v.offset() + segOff, page.data(), off + done, n);
            segOff += n;
            count -= n;
            done += n;
        }
        return done;
    }

    @Override
    public int copyToIter(byte[] src, int off, int len) {
        int done = 0;
        while (done < len && skipEmpty()) {
            BioVec v = vecs.get(seg);
            int n = Math.min(len - done, v.len() - segOff);
            System.arraycopy(src, off + done, v.page().data(), v.offset() + segOff, n);
            segOff += n;
            count -= n;
            done += n;
        }
        return done;
    }

    @Override
    public void advance(long n) {
        while (n > 0 && skipEmpty()) {
            int step = (int) Math.min(n, vecs.get(seg).len() - segOff);
            segOff += step;
            count -= step;
            n -= step;
        }
    }
}
