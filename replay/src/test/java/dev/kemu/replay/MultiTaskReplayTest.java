package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.kernel.BootOptions;
import dev.kemu.kernel.Kernel;
import dev.kemu.kernel.Kernels;
import dev.kemu.strace.Trace;
import dev.kemu.strace.TraceParser;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Logs of several tasks replay in the log's order, each task on its own thread, with real blocking. */
class MultiTaskReplayTest {
    private static final Kernels KERNELS = Kernels.discover();

    /**
     * A parent and a child on one pipe: the child's read sleeps on the empty pipe until the parent's write, which
     * strace shows ending after the read; the parent's wait sleeps until the child's exit.
     */
    private static final String PIPE = """
            100 pipe2([3, 4], 0)                    = 0
            100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101
            101 close(4)                            = 0
            101 read(3,  <unfinished ...>
            100 close(3)                            = 0
            100 write(4, "hello", 5 <unfinished ...>
            101 <... read resumed>"hello", 16)      = 5
            100 <... write resumed>)                = 5
            100 close(4)                            = 0
            100 wait4(101,  <unfinished ...>
            101 read(3, "", 16)                     = 0
            101 exit_group(3)                       = ?
            101 +++ exited with 3 +++
            100 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 101
            100 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---
            100 exit_group(0)                       = ?
            100 +++ exited with 0 +++
            """;

    static TraceReport replay(String text, UnaryOperator<Replayer> how) {
        Trace t = TraceParser.parse("t.strace", text);
        // This module's tests see the kernels and ramfs only: the machine's root is a ramfs.
        BootOptions opts = BootOptions.standard().withRoot("ramfs", null);
        Kernel k;
        try {
            k = KERNELS.boot("6.18", opts);
        } catch (dev.kemu.kernel.UnknownKernelException | dev.kemu.kernel.KernelBootException e) {
            throw new IllegalStateException(e);
        }
        try {
            return how.apply(new Replayer(k, Replayer.Mode.FIRST_DIVERGENCE)).replay(t, "t.strace");
        } finally {
            k.shutdown();
        }
    }

    static TraceReport replay(String text) {
        return replay(text, r -> r);
    }

    @Test
    void readOnAnEmptyPipe_sleepsUntilTheOtherTaskWrites_thenEofWhenTheLastWriterCloses() {
        TraceReport r = replay(PIPE);
        assertNull(r.bug(), r.reason());
        assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
        assertEquals(11, r.counts().calls());
    }

    /**
     * Two processes open a FIFO: the reader's open sleeps until the writer's open, which strace shows ending after
     * the reader's.
     */
    private static final String FIFO = """
            100 mknodat(AT_FDCWD, "f", S_IFIFO|0644) = 0
            100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101
            101 openat(AT_FDCWD, "f", O_RDONLY <unfinished ...>
            100 openat(AT_FDCWD, "f", O_WRONLY <unfinished ...>
            101 <... openat resumed>)               = 3
            100 <... openat resumed>)               = 3
            100 write(3, "hi", 2)                   = 2
            101 read(3, "hi", 16)                   = 2
            """;

    @Test
    void fifoOpen_sleepsUntilTheOtherEndIsOpened() {
        TraceReport r = replay(FIFO);
        assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
    }

    @Test
    void plantedFault_blockedCallsCompletingEarly_isCaught() {
        TraceReport r = replay(FIFO, Replayer::wakingEveryCallEarly);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(5, r.lineNo(), r.reason());
        assertTrue(r.reason().contains("ERESTARTSYS"), r.reason());
    }

    @Test
    void callStillBlockedWhereTheRecordShowsItDone_failsNamingBothLines() {
        // The parent writes to another pipe: nothing wakes the child's read.
        String log = PIPE.replace("100 close(3)                            = 0",
                "100 close(3)                            = 0\n100 pipe2([3, 5], 0)                    = 0")
                .replace("100 write(4, \"hello\", 5 <unfinished ...>", "100 write(5, \"hello\", 5 <unfinished ...>");
        TraceReport r = replay(log);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.reason().contains("still blocked") && r.reason().contains("line 8")
                && r.reason().contains("line 4"), r.reason());
    }

    @Test
    void waitStatus_isTheModelsExitCode() {
        TraceReport r = replay(PIPE.replace("WEXITSTATUS(s) == 3", "WEXITSTATUS(s) == 4"));
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(14, r.lineNo());
        assertTrue(r.reason().contains("status"), r.reason());
    }

    @Test
    void lastReaderGone_writerGetsEpipeAndSigpipe() {
        TraceReport r = replay("""
                100 pipe2([3, 4], 0)                    = 0
                100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101
                100 close(3)                            = 0
                101 close(3 <unfinished ...>
                100 wait4(101,  <unfinished ...>
                101 <... close resumed>)                = 0
                101 exit_group(0)                       = ?
                101 +++ exited with 0 +++
                100 <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101
                100 write(4, "x", 1)                    = -1 EPIPE (Broken pipe)
                100 --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=100, si_uid=0} ---
                100 +++ killed by SIGPIPE +++
                """);
        assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
    }

    @Test
    void aLogEndingWithATaskAsleep_endsTheReplay() {
        TraceReport r = replay("""
                100 pipe2([3, 4], 0)                    = 0
                100 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000000a10) = 101
                101 read(3,  <unfinished ...>
                100 getpid()                            = 100
                """);
        assertEquals(Verdict.PASS, r.verdict(), () -> "line " + r.lineNo() + ": " + r.reason());
    }

    @Test
    void pidWithoutAClone_isUnsupported() {
        TraceReport r = replay("""
                100 getpid()                            = 100
                200 close(3)                            = -1 EBADF (Bad file descriptor)
                """);
        assertEquals(Verdict.UNSUPPORTED, r.verdict());
        assertTrue(r.reason().contains("pid 200"), r.reason());
    }

    /**
     * One task, so its calls run on the replayer's own thread: a read of an empty pipe that nothing will fill is
     * broken out of its sleep and reported blocked, and the replay goes on to its end instead of hanging.
     */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void oneTask_readOfAnEmptyPipe_isReportedBlockedForever_andTheReplayEnds() {
        TraceReport r = replay("""
                pipe2([3, 4], 0) = 0
                read(3, "ab", 16) = 2
                close(4) = 0
                """, x -> x);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(2, r.lineNo());
        assertTrue(r.reason().contains("blocked forever"), r.reason());
    }

    /** After a one-task call was broken out of its sleep, the task's later calls are not run: it is still blocked. */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void oneTask_wholeTrace_afterABlockedCall_theTaskRunsNoMore() throws Exception {
        Trace t = TraceParser.parse("t.strace", """
                pipe2([3, 4], 0) = 0
                read(3, "ab", 16) = 2
                close(4) = 0
                close(3) = 0
                """);
        Kernel k = KERNELS.boot("6.18", BootOptions.standard().withRoot("ramfs", null));
        try {
            TraceReport r = new Replayer(k, Replayer.Mode.WHOLE_TRACE).replay(t, "t.strace");
            assertEquals(Verdict.FAIL, r.verdict());
            assertEquals(4, r.counts().calls(), "every call counted");
            assertEquals(2, r.outcomes().size(), "pipe2 and the blocked read; the task ran nothing after");
            assertTrue(r.outcomes().get(1).difference().contains("blocked forever"));
        } finally {
            k.shutdown();
        }
    }
}
