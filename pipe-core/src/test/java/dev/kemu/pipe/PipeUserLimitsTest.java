package dev.kemu.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Cred;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Page;
import dev.kemu.vfs.PipeSysctl;
import dev.kemu.vfs.Task;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-user pipe limits ({@code fs/pipe.c:account_pipe_buffers()}, {@code too_many_pipe_buffers_soft/hard()},
 * {@code alloc_pipe_info()}, {@code pipe_set_size()}): slots are charged to the real uid of the task that made the
 * pipe.
 */
class PipeUserLimitsTest {
    private static final int USER = 1000;
    private Machine m;
    private PipeSysctl limits;
    private Task u;

    @BeforeEach
    void boot() {
        m = Machine.boot();
        limits = m.vfs.pipeSysctl();
        u = m.newTask();
        u.setCred(Cred.user(USER, USER, List.of()));
    }

    private long pipe2(Task t, int[] fds) {
        return Machine.call(t, () -> m.pipeCalls.pipe2(t, fds, 0));
    }

    @Test
    void pipe_unprivilegedUserPastSoftLimit_getsTwoSlots() {
        limits.setUserPagesSoft(32);
        int[] a = m.pipe(u, 0);
        int[] b = m.pipe(u, 0);
        int[] c = m.pipe(u, 0);

        assertEquals(16 * Page.SIZE, m.fcntl(u, a[0], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(16 * Page.SIZE, m.fcntl(u, b[0], Fcntl.F_GETPIPE_SZ, 0), "32 slots is not past a limit of 32");
        assertEquals(2 * Page.SIZE, m.fcntl(u, c[0], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(34, limits.userPipeBuffers(USER));
    }

    @Test
    void pipe_rootWithCapSysAdminPastSoftLimit_getsSixteenSlots() {
        Task root = m.newTask();
        root.dropCapability(Capability.CAP_SYS_RESOURCE);
        limits.setUserPagesSoft(16);
        m.pipe(root, 0);
        int[] b = m.pipe(root, 0);

        assertEquals(16 * Page.SIZE, m.fcntl(root, b[0], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(32, limits.userPipeBuffers(0));
    }

    @Test
    void pipe_pastHardLimit_returnsEnfileAndChargesNothing() {
        limits.setUserPagesHard(20);
        m.pipe(u, 0);

        assertEquals(Errno.ENFILE.neg(), pipe2(u, new int[2]));
        assertEquals(16, limits.userPipeBuffers(USER));
    }

    @Test
    void close_lastEnd_unchargesTheSlots() {
        int[] a = m.pipe(u, 0);
        assertEquals(16, limits.userPipeBuffers(USER));
        m.close(u, a[0]);
        assertEquals(16, limits.userPipeBuffers(USER), "the write end still holds the pipe");
        m.close(u, a[1]);
        assertEquals(0, limits.userPipeBuffers(USER));
    }

    @Test
    void setPipeSize_growingPastHardLimit_returnsEpermAfterEinvalAndMaxSize() {
        limits.setUserPagesHard(20);
        int[] a = m.pipe(u, 0);

        assertEquals(Errno.EINVAL.neg(), m.fcntl(u, a[1], Fcntl.F_SETPIPE_SZ, (1L << 31) + 1));
        assertEquals(Errno.EPERM.neg(), m.fcntl(u, a[1], Fcntl.F_SETPIPE_SZ, 2L * PipeSyscalls.PIPE_MAX_SIZE));
        assertEquals(Errno.EPERM.neg(), m.fcntl(u, a[1], Fcntl.F_SETPIPE_SZ, 32 * Page.SIZE));
        assertEquals(16, limits.userPipeBuffers(USER), "a refused resize charges nothing");
        assertEquals(Page.SIZE, m.fcntl(u, a[1], Fcntl.F_SETPIPE_SZ, 1));
        assertEquals(1, limits.userPipeBuffers(USER));
    }

    @Test
    void setPipeSize_belowOccupancy_returnsEbusyAndKeepsTheCharge() {
        int[] a = m.pipe(u, 0);
        m.fillWithPages(u, a[1], 3);

        assertEquals(Errno.EBUSY.neg(), m.fcntl(u, a[1], Fcntl.F_SETPIPE_SZ, Page.SIZE));
        assertEquals(16, limits.userPipeBuffers(USER));
    }

    @Test
    void pipe_behaviourWithoutUserLimits_chargesNothing() {
        Machine old = Machine.boot(new PipeBehaviour() {
            @Override
            public boolean perUserPipeLimits() {
                return false;
            }
        });
        Task v = old.newTask();
        v.setCred(Cred.user(USER, USER, List.of()));
        old.vfs.pipeSysctl().setUserPagesHard(1);
        int[] a = old.pipe(v, 0);

        assertEquals(16 * Page.SIZE, old.fcntl(v, a[0], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(0, old.vfs.pipeSysctl().userPipeBuffers(USER));
    }
}
