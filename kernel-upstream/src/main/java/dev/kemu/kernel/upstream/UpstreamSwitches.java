package dev.kemu.kernel.upstream;

import dev.kemu.kernel.VersionRanges;
import dev.kemu.kernel.spi.BehaviourSwitch;
import java.util.List;

/**
 * The behaviour switches of upstream Linux 4.5–6.18, each with the versions where the newer
 * behaviour holds (stable-branch backports included) and the kernel code that decides it.
 * The evidence for each range is the kernel source of the releases named.
 */
final class UpstreamSwitches {
    private UpstreamSwitches() {
    }

    /** 5.8 {@code f6dd975583bd}: write() merges by PIPE_BUF_FLAG_CAN_MERGE instead of by ops. */
    static final BehaviourSwitch MERGE_BY_FLAG = new BehaviourSwitch("PIPE_MERGE_BY_FLAG",
            "write() appends to the last pipe buffer when it has PIPE_BUF_FLAG_CAN_MERGE (before: when its ops are anon_pipe_buf_ops)",
            VersionRanges.since("5.8"), "fs/pipe.c:pipe_write()");

    /** Linked-buffer merge fix: tee and partial splices make the shared slot unmergeable. */
    static final BehaviourSwitch NO_MERGE_INTO_LINKED = new BehaviourSwitch("NO_MERGE_INTO_LINKED_BUFFERS",
            "tee and partial pipe-to-pipe splice mark the shared buffer unmergeable, so later writes cannot alias",
            VersionRanges.since("5.2").alsoFrom("4.14.177", "4.19.304"), "fs/splice.c:link_pipe(), splice_pipe_to_pipe()");

    /** Dirty Pipe: slots filled by splice from a file keep stale flags. */
    static final BehaviourSwitch DIRTY_PIPE = new BehaviourSwitch("DIRTY_PIPE",
            "splice from a file leaves a recycled slot's stale PIPE_BUF_FLAG_CAN_MERGE, so a write lands in the page cache (CVE-2022-0847)",
            VersionRanges.since("5.8").until("5.17").backportedTo("5.16.11", "5.15.25", "5.10.102"),
            "lib/iov_iter.c:copy_page_to_iter_pipe(), push_pipe()");

    /** 5.8: pipe2 accepts O_NOTIFICATION_PIPE. */
    static final BehaviourSwitch NOTIFICATION_PIPE = new BehaviourSwitch("PIPE2_NOTIFICATION_FLAG",
            "pipe2 accepts O_NOTIFICATION_PIPE (watch queues)", VersionRanges.since("5.8"),
            "fs/pipe.c:__do_pipe_flags()");

    /** Every switch, for listings. */
    static final List<BehaviourSwitch> ALL = List.of(MERGE_BY_FLAG, NO_MERGE_INTO_LINKED, DIRTY_PIPE, NOTIFICATION_PIPE);
}
