package dev.kemu.pipe;

import dev.kemu.vfs.Page;

/**
 * One slot of a pipe's ring ({@code include/linux/pipe_fs_i.h:struct pipe_buffer}): a page, an
 * offset and length in it, the ops, and flags.
 *
 * <p>Slots are mutable and <em>reused</em>: the ring is an array of these objects, and a path
 * that fills a slot overwrites the fields it knows about. A path that does not reset
 * {@link #flags} (the ITER_PIPE helpers of 4.9–5.16, 3.10's {@code splice_to_pipe}) leaves the
 * previous occupant's flags behind; that is how Dirty Pipe happens, so the model keeps it.
 * All fields are guarded by the owning pipe's mutex.
 */
public final class PipeBuffer {
    /** {@code PIPE_BUF_FLAG_LRU}. */
    public static final int LRU = 0x01;
    /** {@code PIPE_BUF_FLAG_ATOMIC}. */
    public static final int ATOMIC = 0x02;
    /** {@code PIPE_BUF_FLAG_GIFT}: the page was gifted by vmsplice(SPLICE_F_GIFT). */
    public static final int GIFT = 0x04;
    /** {@code PIPE_BUF_FLAG_PACKET}: O_DIRECT pipe, read as one message. */
    public static final int PACKET = 0x08;
    /** {@code PIPE_BUF_FLAG_CAN_MERGE} (5.8+): a write may append to this buffer. */
    public static final int CAN_MERGE = 0x10;
    /** {@code PIPE_BUF_FLAG_WHOLE}: read only whole (watch queue). */
    public static final int WHOLE = 0x20;

    Page page;
    int offset;
    int len;
    PipeBufOps ops;
    int flags;

    /** The page this slot references (null for a never-used slot). */
    public Page page() {
        return page;
    }

    public int offset() {
        return offset;
    }

    public int len() {
        return len;
    }

    public PipeBufOps ops() {
        return ops;
    }

    public int flags() {
        return flags;
    }

    /** Fills every field, as a compound-literal assignment does ({@code *buf = (struct pipe_buffer){...}}). */
    void set(Page page, int offset, int len, PipeBufOps ops, int flags) {
        this.page = page;
        this.offset = offset;
        this.len = len;
        this.ops = ops;
        this.flags = flags;
    }

    /** Copies another slot's fields ({@code *obuf = *ibuf}). */
    void copyFrom(PipeBuffer other) {
        set(other.page, other.offset, other.len, other.ops, other.flags);
    }

    /** {@code pipe_buf_release}: the slot lets go of its page; its other fields stay as they were. */
    void release() {
        this.page = null;
    }

    /** Human-readable flag names, for traces. */
    public static String flagNames(int flags) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"LRU", "ATOMIC", "GIFT", "PACKET", "CAN_MERGE", "WHOLE"};
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    /** This slot's contents as the current function-graph trace names them. */
    public String traceString() {
        return "{" + dev.kemu.vfs.Ftrace.page(page) + " +" + offset + " len " + len + ", "
                + (ops == null ? "-" : ops.kernelName()) + ", flags " + flagNames(flags) + "}";
    }

    @Override
    public String toString() {
        return "buf{" + page + ", off " + offset + ", len " + len + ", " + (ops == null ? "-" : ops.kernelName())
                + ", " + flagNames(flags) + "}";
    }
}
