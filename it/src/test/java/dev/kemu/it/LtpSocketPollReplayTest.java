package dev.kemu.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LTP's tests that fill AF_UNIX socket pairs, splice through them and poll pipes replay on the 6.18 kernel they
 * were recorded on: sendfile07 (278 one-byte datagrams fill the send buffer, then write and sendfile are EAGAIN),
 * splice05 (pipe to stream socket to pipe) and vmsplice01 (poll for POLLOUT before each vmsplice); and the
 * program of {@code traces/real/sockets}.
 */
class LtpSocketPollReplayTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sendfile07", "sendfile07_64", "splice05", "vmsplice01"})
    void ltpLog_replaysOnTheKernelItWasRecordedOn(String name) throws Exception {
        Path file = Traces.dir("ltp").resolve(name + ".strace");
        TraceReport r = RealProgramReplayTest.replay(file, null);
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        assertEquals(Verdict.PASS, r.verdict(), () -> r.name() + ": line " + r.lineNo() + ": " + r.reason());
    }

    /** traces/real/sockets: every socket pair type, names, sendmsg/recvmsg, and a poll another process ends. */
    @org.junit.jupiter.api.Test
    void socketpairProgram_replaysOnTheKernelItWasRecordedOn() throws Exception {
        TraceReport r = RealProgramReplayTest.replay(Traces.dir("real/sockets").resolve("socketpair.strace"), null);
        assertNull(r.bug(), () -> "emulator bug: " + r.reason());
        assertEquals(Verdict.PASS, r.verdict(), () -> r.name() + ": line " + r.lineNo() + ": " + r.reason());
    }
}
