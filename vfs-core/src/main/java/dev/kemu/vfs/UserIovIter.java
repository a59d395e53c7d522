package dev.kemu.vfs;

import java.util.List;

/**
 * An iterator over user memory ({@code ITER_IOVEC}), built by {@code import_iovec()}.
 * Zero-length segments are skipped; a segment whose base is null faults at its first byte.
 */
public final class UserIovIter extends IovIter {
    private final List<Iovec> iov;
    private int seg;
    private long segOff;
    private long count;

    public UserIovIter(List<Iovec> iov, long count) {
        this.iov = List.copyOf(iov);
        this.count = count;
    }

    /** An iterator over one buffer ({@code import_ubuf}). */
    public static UserIovIter single(UserBuffer buf, long len) {
        return new UserIovIter(List.of(new Iovec(buf, len)), len);
    }

    @Override
    public long count() {
        return count;
    }

    /** The segments, for vmsplice's page grabbing. */
    public List<Iovec> segments() {
        return iov;
    }

    private boolean skipEmpty() {
        while (seg < iov.size() && segOff >= iov.get(seg).len()) {
            seg++;
            segOff = 0;
        }
        return seg < iov.size() && count > 0;
    }

    private interface Chunk {
        void copy(UserBuffer buf, int pos, int n, int done);
    }

    private int each(int len, Chunk chunk) {
        int done = 0;
        while (done < len && skipEmpty()) {
            Iovec v = iov.get(seg);
            if (v.base() == null) {
                return done;
            }
            int pos = (int) segOff;
            if (!v.base().accessible(pos)) {
                return done;
            }
            int n = (int) Math.min(Math.min(len - done, v.len() - segOff), count);
            n = Math.min(n, Page.SIZE - v.base().offsetInPage(pos));
            n = Math.min(n, v.base().accessibleLength() - pos);
            chunk.copy(v.base(), pos, n, done);
            segOff += n;
            count -= n;
            done += n;
        }
        return done;
    }

    @Override
    public int copyPageToIter(Page page, int off, int len) {
        return each(len, (buf, pos, n, done) ->
                Memcpy.forward(page.data(), off + done, buf.pageAt(pos).data(), buf.offsetInPage(pos), n));
    }

    @Override
    public int copyPageFromIter(Page page, int off, int len) {
        return each(len, (buf, pos, n, done) ->
                Memcpy.forward(buf.pageAt(pos).data(), buf.offsetInPage(pos), page.data(), off + done, n));
    }

    @Override
    public int copyToIter(byte[] src, int off, int len) {
        return each(len, (buf, pos, n, done) -> System.arraycopy(src, off + done, buf.pageAt(pos).data(),
                buf.offsetInPage(pos), n));
    }

    @Override
    public void advance(long n) {
        while (n > 0 && skipEmpty()) {
            long step = Math.min(n, iov.get(seg).len() - segOff);
            segOff += step;
            count -= step;
            n -= step;
        }
    }
}
