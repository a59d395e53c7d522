package dev.kemu.it.replay;

import static dev.kemu.it.replay.ReplayWorldTest.assertPass;
import static dev.kemu.it.replay.ReplayWorldTest.replay;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.replay.TraceReport;
import dev.kemu.replay.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Credentials in replayed logs: the setuid family runs on the model and the getters are compared; the program
 * starts as the record's identity calls and first {@code capget} show it ran.
 */
class CredReplayTest {
    private static final String CAPGET_NO_SYS_RESOURCE = "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, "
            + "{effective=1<<CAP_CHOWN|1<<CAP_SETGID|1<<CAP_SETUID|1<<CAP_SYS_ADMIN, "
            + "permitted=1<<CAP_CHOWN|1<<CAP_SETGID|1<<CAP_SETUID|1<<CAP_SYS_ADMIN, inheritable=0}) = 0\n";
    private static final String SET_PIPE_SIZE = """
            pipe2([3, 4], 0) = 0
            fcntl(4, F_SETPIPE_SZ, 1048577) = -1 EPERM (Operation not permitted)
            fcntl(4, F_SETPIPE_SZ, 1048576) = 1048576
            """;

    @Test
    void setuidAwayFromRoot_gettersAnswerTheNewIdsAndRootIsRefused() {
        TraceReport r = replay("""
                geteuid() = 0
                setuid(65534) = 0
                getuid() = 65534
                getresuid([65534], [65534], [65534]) = 0
                getgroups(0, NULL) = 0
                setuid(0) = -1 EPERM (Operation not permitted)
                setresgid(-1, 65534, -1) = -1 EPERM (Operation not permitted)
                """);
        assertPass(r);
        assertEquals(7, r.counts().compared());
    }

    @Test
    void getresuid_recordedIdsDiffer_failsOnThatLine() {
        TraceReport r = replay("""
                setuid(65534) = 0
                getresuid([0], [65534], [65534]) = 0
                """);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(2, r.lineNo());
        assertTrue(r.reason().contains("ids"), r.reason());
    }

    @Test
    void capgetWithoutCapSysResource_setPipeSizeAboveMaxIsEperm() {
        assertPass(replay(CAPGET_NO_SYS_RESOURCE + SET_PIPE_SIZE));
    }

    @Test
    void withoutCapget_rootMayPassPipeMaxSize_soTheRecordedEpermDiverges() {
        TraceReport r = replay(SET_PIPE_SIZE);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals(2, r.lineNo());
    }

    @Test
    void unprivilegedRecording_startsAsThatUserWithoutCapabilities() {
        assertPass(replay("""
                getuid() = 1000
                geteuid() = 1000
                getgid() = 1000
                getgroups(1, [1000]) = 1
                setuid(0) = -1 EPERM (Operation not permitted)
                setfsuid(0) = 1000
                """ + SET_PIPE_SIZE));
    }
}
