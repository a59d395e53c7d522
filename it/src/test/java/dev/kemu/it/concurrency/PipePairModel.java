package dev.kemu.it.concurrency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The sequential specification of two non-blocking pipes for {@link PipeLinearizabilityTest}: what
 * one thread doing the same calls one after another must see on Linux 6.18
 * (research/kernel-semantics.md §2–5), written without the kernel's machinery.
 *
 * <p>A pipe is a queue of at most {@link #SLOTS} slots; each slot holds its visible bytes, its
 * offset in its page, and whether a write may append to it. Slots hold copies: on 6.18 the
 * bytes a slot shows never change after they are queued (a write appends only behind the last
 * slot's visible end, and tee'd or partly spliced copies take no merges), so sharing pages is
 * not observable here. F_SETPIPE_SZ changes how many slots a pipe may hold; closing a write end
 * makes later calls on it EBADF and an empty pipe's reader see end of file. Every result is a string: the byte count or bytes read, or an errno name.
 */
public class PipePairModel {
    /** Slots per pipe (F_SETPIPE_SZ 8192): small, so full rings are reached. */
    static final int SLOTS = 2;
    static final int PAGE = 4096;

    private static final class Slot {
        int offset;
        byte[] data;
        boolean canMerge;

        Slot(int offset, byte[] data, boolean canMerge) {
            this.offset = offset;
            this.data = data;
            this.canMerge = canMerge;
        }
    }

    @SuppressWarnings("unchecked")
    private final Deque<Slot>[] pipes = new Deque[] {new ArrayDeque<Slot>(), new ArrayDeque<Slot>()};
    /** {@code max_usage} of each pipe. */
    private final int[] maxUsage = {SLOTS, SLOTS};
    /** Whether each pipe's write end is still open. */
    private final boolean[] writer = {true, true};

    private boolean full(Deque<Slot> p) {
        return p.size() >= maxUsage[p == pipes[0] ? 0 : 1];
    }

    /**
     * {@code pipe_set_size} through the read end, for {@code pages} pages: the size rounds up to
     * a power of two pages ({@code round_pipe_size}), EBUSY when fewer slots than are queued,
     * else the new size in bytes.
     */
    public String setSize(int pipe, int pages) {
        int slots = Integer.highestOneBit(pages) == pages ? pages : Integer.highestOneBit(pages) << 1;
        if (slots < pipes[pipe].size()) {
            return "EBUSY";
        }
        maxUsage[pipe] = slots;
        return String.valueOf(slots * PAGE);
    }

    /** {@code close} of a pipe's write end: EBADF the second time; readers then see end of file. */
    public String closeWriter(int pipe) {
        if (!writer[pipe]) {
            return "EBADF";
        }
        writer[pipe] = false;
        return "0";
    }

    /** {@code anon_pipe_write} for a write shorter than a page. */
    public String write(int pipe, int value, int len) {
        if (!writer[pipe]) {
            return "EBADF";
        }
        Deque<Slot> p = pipes[pipe];
        byte[] data = PipeLinearizabilityTest.payload(value, len);
        Slot last = p.peekLast();
        if (last != null && last.canMerge && last.offset + last.data.length + len <= PAGE) {
            byte[] merged = Arrays.copyOf(last.data, last.data.length + len);
            System.arraycopy(data, 0, merged, last.data.length, len);
            last.data = merged;
            return String.valueOf(len);
        }
        if (full(p)) {
            return "EAGAIN";
        }
        p.addLast(new Slot(0, data, true));
        return String.valueOf(len);
    }

    /** {@code anon_pipe_read}. */
    public String read(int pipe, int len) {
        Deque<Slot> p = pipes[pipe];
        if (p.isEmpty()) {
            return writer[pipe] ? "EAGAIN" : "0";
        }
        StringBuilder out = new StringBuilder("=");
        while (len > 0 && !p.isEmpty()) {
            Slot s = p.peekFirst();
            int n = Math.min(len, s.data.length);
            out.append(new String(s.data, 0, n, StandardCharsets.ISO_8859_1));
            s.offset += n;
            s.data = Arrays.copyOfRange(s.data, n, s.data.length);
            if (s.data.length == 0) {
                p.removeFirst();
            }
            len -= n;
        }
        return out.toString();
    }

    /** {@code splice_pipe_to_pipe} with SPLICE_F_NONBLOCK, from {@code from} to the other pipe. */
    public String splice(int from, int len) {
        if (!writer[1 - from]) {
            return "EBADF";
        }
        Deque<Slot> in = pipes[from];
        Deque<Slot> out = pipes[1 - from];
        if (in.isEmpty() && !writer[from]) {
            return "0";
        }
        if (in.isEmpty() || full(out)) {
            return "EAGAIN";
        }
        int moved = 0;
        while (len > 0 && !in.isEmpty() && !full(out)) {
            Slot s = in.peekFirst();
            if (len >= s.data.length) {
                in.removeFirst();
                out.addLast(s);
                moved += s.data.length;
                len -= s.data.length;
            } else {
                out.addLast(new Slot(s.offset, Arrays.copyOf(s.data, len), false));
                s.offset += len;
                s.data = Arrays.copyOfRange(s.data, len, s.data.length);
                moved += len;
                len = 0;
            }
        }
        return String.valueOf(moved);
    }

    /** {@code link_pipe} with SPLICE_F_NONBLOCK, from {@code from} to the other pipe. */
    public String tee(int from, int len) {
        if (!writer[1 - from]) {
            return "EBADF";
        }
        Deque<Slot> in = pipes[from];
        Deque<Slot> out = pipes[1 - from];
        if (in.isEmpty() || full(out)) {
            return "EAGAIN";
        }
        int linked = 0;
        List<Slot> source = new ArrayList<>(in);
        for (Slot s : source) {
            if (len == 0 || full(out)) {
                break;
            }
            int n = Math.min(len, s.data.length);
            out.addLast(new Slot(s.offset, Arrays.copyOf(s.data, n), false));
            linked += n;
            len -= n;
        }
        return String.valueOf(linked);
    }
}
