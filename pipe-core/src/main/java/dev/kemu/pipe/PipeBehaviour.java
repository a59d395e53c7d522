package dev.kemu.pipe;

/**
 * What pipes, splice, tee and vmsplice do differently from one kernel version to another. A
 * kernel plugin supplies one; every default is the behaviour of 6.18 (the kernel the recorded
 * traces come from). Each method names the kernel code whose history it follows.
 */
public interface PipeBehaviour {
    /** How {@code write()} decides that it may append to the last buffer. */
    enum MergeRule {
        /** Up to 5.7: by the buffer's ops ({@code ops->can_merge}, {@code ops == &anon_pipe_buf_ops}). */
        BY_OPS,
        /** 5.8+: by {@code PIPE_BUF_FLAG_CAN_MERGE} ({@code f6dd975583bd} "pipe: merge anon_pipe_buf*_ops"). */
        BY_FLAG
    }

    /** What tee and a partial pipe-to-pipe splice do to the copied slot so later writes cannot append to a shared page. */
    enum Unmergeable {
        /** Nothing: writes merge into the shared page (3.10, 4.5–4.13, 4.14.0–4.14.y before the backport, ..., 5.0). */
        NOTHING,
        /** {@code pipe_buf_mark_unmergeable}: anon ops become {@code anon_pipe_buf_nomerge_ops} (5.1–5.7, 4.14.y and 4.19.y backports). */
        NOMERGE_OPS,
        /** Clear {@code PIPE_BUF_FLAG_CAN_MERGE} (5.8+). */
        CLEAR_CAN_MERGE
    }

    /** {@code fs/pipe.c:pipe_write()}: the merge rule. */
    default MergeRule mergeRule() {
        return MergeRule.BY_FLAG;
    }

    /** {@code fs/splice.c:link_pipe()} and {@code splice_pipe_to_pipe()}: how a shared slot is protected. */
    default Unmergeable unmergeable() {
        return Unmergeable.CLEAR_CAN_MERGE;
    }

    /**
     * The ops of a buffer {@code write()} creates on a packet (O_DIRECT) pipe: 3.10 uses
     * {@code packet_pipe_buf_ops}; later kernels {@code anon_pipe_buf_ops} with the PACKET flag.
     */
    default PipeBufOps packetOps() {
        return PipeBufOps.ANON;
    }

    /** The flags of a buffer {@code write()} creates on an ordinary pipe: CAN_MERGE from 5.8, 0 before. */
    default int anonWriteFlags() {
        return mergeRule() == MergeRule.BY_FLAG ? PipeBuffer.CAN_MERGE : 0;
    }

    /**
     * Does filling a slot from the page cache by splice write every field, flags included?
     * 6.18 {@code splice_folio_into_pipe} and the Dirty Pipe fix (5.16.11, 5.15.25, 5.10.102) do;
     * the ITER_PIPE helpers {@code copy_page_to_iter_pipe}/{@code push_pipe} of 4.9–5.16.10 leave
     * the old flags in place, and 3.10's {@code splice_to_pipe} only ORs GIFT into them.
     */
    default boolean spliceReadInitsFlags() {
        return true;
    }

    /** {@code fs/pipe.c:__do_pipe_flags()}: flags pipe2 accepts besides O_CLOEXEC, O_NONBLOCK and O_DIRECT. */
    default boolean acceptsNotificationPipeFlag() {
        return true;
    }

    /**
     * {@code fs/fcntl.c:do_fcntl()} + {@code fs/pipe.c:round_pipe_size()}: the pipe size asked for
     * with F_SETPIPE_SZ, rounded to a power-of-two number of bytes, or 0 when it is invalid
     * (EINVAL). 6.18 passes {@code (int) arg} to an {@code unsigned int} parameter: anything above
     * 2^31 is invalid, and the upper 32 bits of the argument are dropped.
     */
    default long roundPipeSize(long arg) {
        long size = arg & 0xFFFF_FFFFL;
        if (size > (1L << 31)) {
            return 0;
        }
        if (size < dev.kemu.vfs.Page.SIZE) {
            return dev.kemu.vfs.Page.SIZE;
        }
        return Long.highestOneBit(size - 1) << 1;
    }

    /**
     * F_SETPIPE_SZ rounding of the kernels that passed the argument to
     * {@code fs/pipe.c:round_pipe_size(unsigned int)} (up to 4.15): the upper 32 bits are dropped,
     * the page count is rounded up to a power of two, and a result of 2^32 truncates to 0 (EINVAL).
     */
    static long roundPipeSizeTruncated32(long arg) {
        long size = arg & 0xFFFF_FFFFL;
        long pages = (size + dev.kemu.vfs.Page.SIZE - 1) >>> dev.kemu.vfs.Page.SHIFT;
        if (pages == 0) {
            pages = 1;
        }
        long pow = Long.highestOneBit(pages);
        if (pow < pages) {
            pow <<= 1;
        }
        long bytes = pow << dev.kemu.vfs.Page.SHIFT;
        return bytes > 0xFFFF_FFFFL ? 0 : bytes;
    }

    /**
     * The {@code splice_write} of page-cache filesystems: {@code iter_file_splice_write} from 3.16
     * on; {@code generic_file_splice_write} with {@code pipe_to_file} before
     * ({@link SpliceWriteEnd#genericFileSpliceWrite()}).
     */
    default SpliceWriteEnd spliceWriteEnd() {
        return IterFileSpliceWrite.INSTANCE;
    }

    /** The order in which splice(2) checks its arguments (research §9.1). */
    enum SpliceOrder {
        /** 3.10–5.7: descriptors and their modes at the syscall, offsets (ESPIPE, EFAULT) inside each branch. */
        MODES_AT_SYSCALL,
        /** 5.8: both descriptors, then both modes at the top of do_splice, offsets inside each branch. */
        MODES_IN_DO_SPLICE,
        /** 5.10+: {@code __do_splice}: ESPIPE for an offset on a pipe, then EFAULT, then the modes. */
        OFFSETS_FIRST
    }

    /** The order in which vmsplice(2) checks its arguments (research §9.3). */
    enum VmspliceOrder {
        /** 3.10–4.10: nr_segs > 1024, nr_segs == 0, the descriptor; no flag check. */
        V1,
        /** 4.12–4.14: flags first, then as V1. */
        V2,
        /** 4.19.304, 4.20–5.8: descriptor and mode, the vectors, flags, total 0, not a pipe. */
        V3,
        /** 5.10+: flags, descriptor, mode, the vectors, total 0, not a pipe. */
        V4
    }

    /** When splice from a file into a pipe checks the range, waits for room and clamps (research §4.2). */
    enum FileToPipe {
        /** 3.10, 4.5: rw_verify_area first; up to 16 pages are gathered and the call waits for room for each. */
        VERIFY_THEN_FILL_BLOCKING,
        /** 4.9 to 5.4.3: wait_for_space first, then rw_verify_area with the unclamped length; a full pipe ends the call short. */
        WAIT_THEN_VERIFY,
        /** 5.4.4/5.5 to 5.19: wait_for_space, the length clamped to the free slots, then rw_verify_area. */
        WAIT_CLAMP_VERIFY,
        /** 6.x: rw_verify_area with the unclamped length, then wait_for_space. */
        VERIFY_THEN_WAIT
    }

    /** {@code fs/splice.c}: the argument-check order of splice. */
    default SpliceOrder spliceOrder() {
        return SpliceOrder.OFFSETS_FIRST;
    }

    /** {@code fs/splice.c}: the argument-check order of vmsplice. */
    default VmspliceOrder vmspliceOrder() {
        return VmspliceOrder.V4;
    }

    /** {@code fs/splice.c}: splice and tee reject flags outside SPLICE_F_ALL (4.12+). */
    default boolean spliceFlagsChecked() {
        return true;
    }

    /** {@code fs/splice.c:do_splice()}, {@code do_tee()}: a pipe's own O_NONBLOCK makes splice and tee non-blocking (5.2+). */
    default boolean pipeNonblockMeansSpliceNonblock() {
        return true;
    }

    /** {@code fs/splice.c:do_splice()}: the file-to-pipe sequence. */
    default FileToPipe fileToPipe() {
        return FileToPipe.VERIFY_THEN_WAIT;
    }

    /** {@code fs/splice.c:wait_for_space()}: a pipe without readers is EPIPE + SIGPIPE (4.9.0 forgot to check). */
    default boolean spliceToPipeChecksReaders() {
        return true;
    }

    /** {@code fs/splice.c:get_iovec_page_array()} (up to 4.8): vmsplice stops at a zero-length segment. */
    default boolean vmspliceStopsAtEmptySegment() {
        return false;
    }

    /** {@code fs/splice.c:do_splice_to()/do_splice_from()}: a file without splice methods is EINVAL (5.10+) instead of going through read/write. */
    default boolean spliceNeedsMethods() {
        return true;
    }

    /**
     * Fault injection for checking the checkers (stress, fuzz): lock two pipes in argument order
     * instead of the global order. No kernel ever did this; only test-only variants turn it on,
     * to show that a deadlock is caught.
     */
    default boolean faultLockInArgumentOrder() {
        return false;
    }

    /**
     * Fault injection for checking the checkers: a partial pipe-to-pipe splice drops the rest of
     * the input buffer instead of keeping it. Only test-only variants turn it on, to show that
     * lost bytes are caught.
     */
    default boolean faultDropPartialBuffer() {
        return false;
    }

    /**
     * Fault injection for checking the checkers: on the lock-free ring ({@link PipeRingKind#LOCKFREE})
     * a write publishes {@code head} before it fills the slots, so a reader may take a slot that
     * holds nothing yet. Only test-only variants turn it on, to show that the ordering is checked.
     */
    default boolean faultPublishHeadBeforeFill() {
        return false;
    }

    /**
     * {@code fs/pipe.c:alloc_pipe_info()}: a new pipe gets only {@code pipe_max_size} worth of
     * slots when that is below 16 pages and the task lacks CAP_SYS_RESOURCE (4.9+, commit
     * 086e774a57fb "pipe, sysctl: ..." as LTP fcntl35 names it; 3.10 and 4.5 always give 16).
     */
    default boolean allocCappedByMaxSize() {
        return true;
    }

    /**
     * {@code fs/pipe.c:pipe_set_size()}: the {@code pipe_max_size} EPERM applies only when the
     * ring grows (4.9+); 3.10 and 4.5 refuse any size above it, shrinking included.
     */
    default boolean setSizeEpermOnlyWhenGrowing() {
        return true;
    }

    /**
     * {@code fs/pipe.c:alloc_pipe_info()}, {@code pipe_set_size()}: pipes count against their
     * user's {@code pipe-user-pages-soft} and {@code -hard} limits as 4.9 and later count them (the
     * new total is compared; over the soft limit a new pipe gets {@code PIPE_MIN_DEF_BUFFERS}
     * slots; F_SETPIPE_SZ past the hard limit is EPERM). 3.10 has no per-user limits. Divergence:
     * 4.5 to 4.8, which compared the count before the change and gave one slot, answer as 3.10.
     */
    default boolean perUserPipeLimits() {
        return true;
    }

    /** The 6.18 behaviour. */
    PipeBehaviour DEFAULT = new PipeBehaviour() {
    };
}
