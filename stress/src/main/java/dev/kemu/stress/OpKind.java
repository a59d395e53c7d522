package dev.kemu.stress;

/**
 * The operations of the stress mix, with their weights (per thousand draws). Pipe classes: W
 * pipes take write(2) and vmsplice; S pipes take everything spliced (partial moves land only
 * there); mirrors take tee copies; lanes are the pipes whose ends are closed and reopened.
 */
enum OpKind {
    /** write(2) of 1 to 6 records into a W pipe (atomic when at most PIPE_BUF bytes). */
    WRITE(200),
    /** read(2) from a W pipe. */
    READ_W(150),
    /** read(2) from an S pipe. */
    READ_S(80),
    /** read(2) from a mirror: the tee'd copies. */
    READ_MIRROR(60),
    /** splice W to S: whole buffers or a part of one. */
    SPLICE_W_S(80),
    /** splice S to S, both directions between every pair (the ABBA pattern). */
    SPLICE_S_S(100),
    /** tee from a W or S pipe into a mirror. */
    TEE(60),
    /** splice from a W or S pipe into the task's file, on a fresh page. */
    SPLICE_TO_FILE(40),
    /** splice the task's oldest file data into an S pipe. */
    SPLICE_FROM_FILE(40),
    /** vmsplice 1 to 4 records, each in its own page, into a W pipe. */
    VMSPLICE(40),
    /** vmsplice from a W or S pipe's read end into user memory (a copy, like readv). */
    VMSPLICE_READ(20),
    /** F_SETPIPE_SZ on a W, S or mirror pipe. */
    SET_PIPE_SIZE(10),
    /** write(2) of records into a lane. */
    LANE_WRITE(50),
    /** read(2) from a lane (EOF once its write end is closed). */
    LANE_READ(50),
    /** close a lane's read end: writers get EPIPE, queued bytes are discarded. */
    LANE_CLOSE_READ(5),
    /** close a lane's write end: readers drain it, then read EOF. */
    LANE_CLOSE_WRITE(5),
    /** a fresh pipe for a lane whose two ends are closed. */
    LANE_REOPEN(10);

    private final int weight;

    OpKind(int weight) {
        this.weight = weight;
    }

    int weight() {
        return weight;
    }
}
