package dev.kemu.vfs;

/**
 * A socket buffer on an AF_UNIX receive queue ({@code include/linux/skbuff.h:struct sk_buff}):
 * the bytes one {@code sendmsg} chunk carried, how many a stream reader has consumed
 * ({@code UNIXCB(skb).consumed}), and its {@code truesize}, charged to the sending socket's
 * {@code sk_wmem_alloc} from allocation until the buffer is freed.
 *
 * <p>{@link #truesize} follows x86-64 6.18: {@code alloc_skb_with_frags()} makes a linear head
 * from {@code kmalloc} ({@code __alloc_skb}: the head rounded up to a cache line plus
 * {@code skb_shared_info}, 320 bytes, rounded up to a kmalloc size), whose truesize is
 * {@code SKB_TRUESIZE} of the head without the shared info (plus {@code sk_buff}, 256 bytes
 * aligned), and adds a whole page per page fragment. A one-byte datagram costs 768 bytes, so a
 * default 212992-byte send buffer takes 278 of them before {@code sock_alloc_send_pskb} says
 * EAGAIN, as on the recording machine.
 */
final class Skb {
    /** {@code SKB_DATA_ALIGN(sizeof(struct skb_shared_info))} with 17 fragments. */
    static final int SHINFO_SIZE = 320;
    /** {@code SKB_DATA_ALIGN(sizeof(struct sk_buff))}. */
    static final int SKBUFF_SIZE = 256;
    /** {@code SMP_CACHE_BYTES}. */
    static final int CACHE_LINE = 64;
    /** {@code SKB_MAX_HEAD(0)}: the most linear data an order-0 head holds. */
    static final int MAX_HEAD0 = Page.SIZE - SHINFO_SIZE;
    /** {@code SKB_MAX_ALLOC} = {@code SKB_MAX_ORDER(0, 2)}. */
    static final int MAX_ALLOC = (Page.SIZE << 2) - SHINFO_SIZE;
    /** {@code MAX_SKB_FRAGS}. */
    static final int MAX_FRAGS = 17;

    final byte[] data;
    /** The socket whose {@code sk_wmem_alloc} pays for this buffer ({@code skb->sk}). */
    final UnixSock owner;
    final int truesize;
    /** {@code UNIXCB(skb).consumed}, guarded by the receiving socket's lock. */
    int consumed;

    Skb(byte[] data, UnixSock owner, int truesize) {
        this.data = data;
        this.owner = owner;
        this.truesize = truesize;
    }

    /** {@code unix_skb_len()}: bytes not yet consumed. */
    int len() {
        return data.length - consumed;
    }

    /** The truesize of a buffer with {@code header} linear bytes and {@code dataLen} bytes in page fragments. */
    static int truesize(int header, int dataLen) {
        int head = kmallocSizeRoundup(align(header, CACHE_LINE) + SHINFO_SIZE);
        return head - SHINFO_SIZE + SKBUFF_SIZE + SHINFO_SIZE + align(dataLen, Page.SIZE);
    }

    /** {@code mm/slab_common.c:kmalloc_size_roundup()} for SLUB on x86-64. */
    static int kmallocSizeRoundup(int size) {
        if (size <= 8) {
            return 8;
        }
        if (size > 64 && size <= 96) {
            return 96;
        }
        if (size > 128 && size <= 192) {
            return 192;
        }
        int s = Integer.highestOneBit(size - 1) << 1;
        return s;
    }

    static int align(int n, int a) {
        return (n + a - 1) & -a;
    }

    /**
     * {@code skb_copy_datagram_from_iter()}: {@code len} bytes from {@code from}, or null when
     * the user memory faults before all of them are read (EFAULT).
     */
    static byte[] copyFromIter(IovIter from, int len) {
        byte[] out = new byte[len];
        Page scratch = Page.allocAnon();
        int done = 0;
        while (done < len) {
            int n = Math.min(Page.SIZE, len - done);
            int got = from.copyPageFromIter(scratch, 0, n);
            System.arraycopy(scratch.data(), 0, out, done, got);
            done += got;
            if (got < n) {
                return null;
            }
        }
        return out;
    }
}
