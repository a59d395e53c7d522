package dev.kemu.pipe;

/**
 * Which {@code struct pipe_buf_operations} a buffer has ({@code include/linux/pipe_fs_i.h}). Up
 * to 5.7 the kernel decided whether a {@code write()} may append to the last buffer from this
 * (3.10: {@code ops->can_merge}; 4.x: {@code ops == &anon_pipe_buf_ops}); from 5.8 from
 * {@link PipeBuffer#CAN_MERGE} alone.
 */
public enum PipeBufOps {
    /** {@code anon_pipe_buf_ops}: a private page filled by {@code write()}. */
    ANON("anon_pipe_buf_ops", true),
    /** {@code anon_pipe_buf_nomerge_ops} (4.14.y, 4.19.y, 5.1–5.7): an anonymous page shared by tee or a partial splice. */
    ANON_NOMERGE("anon_pipe_buf_nomerge_ops", false),
    /** {@code packet_pipe_buf_ops}: 3.10's O_DIRECT (packet) pipe buffers. */
    PACKET("packet_pipe_buf_ops", false),
    /** {@code page_cache_pipe_buf_ops}: a reference to a file's page-cache page (splice from a file). */
    PAGE_CACHE("page_cache_pipe_buf_ops", false),
    /** {@code user_page_pipe_buf_ops}: a reference to a task's page (vmsplice). */
    USER_PAGE("user_page_pipe_buf_ops", false),
    /** {@code default_pipe_buf_ops}: a private copy ({@code copy_splice_read}, the internal pipe). */
    DEFAULT("default_pipe_buf_ops", false);

    private final String kernelName;
    private final boolean canMerge;

    PipeBufOps(String kernelName, boolean canMerge) {
        this.kernelName = kernelName;
        this.canMerge = canMerge;
    }

    /** The name of the ops table in the kernel, for traces. */
    public String kernelName() {
        return kernelName;
    }

    /** {@code ops->can_merge} (3.10) / {@code ops == &anon_pipe_buf_ops} (4.x–5.7). */
    public boolean canMerge() {
        return canMerge;
    }
}
