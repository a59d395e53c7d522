package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import org.junit.jupiter.api.Test;

/** The machine's {@code pipe_max_size} as {@code fs/pipe.c:alloc_pipe_info()} and {@code pipe_set_size()} read it. */
class PipeMaxSizeTest {
    private final Booted m = new Booted();

    @Test
    void setPipeSize_aboveMaxWithoutCapSysResource_returnsEperm() {
        int[] p = m.pipe();
        m.t.dropCapability(Capability.CAP_SYS_RESOURCE);
        assertEquals(Errno.EPERM.neg(), m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, 1048576 + 1));
        assertEquals(1048576, m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, 1048576));
    }

    @Test
    void setPipeSize_aboveMaxWithCapSysResource_grows() {
        int[] p = m.pipe();
        assertEquals(2097152, m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, 1048576 + 1));
    }

    @Test
    void setPipeSize_followsTheMachinesLoweredMax() {
        m.k.vfs().pipeSysctl().setPipeMaxSize(16384);
        m.t.dropCapability(Capability.CAP_SYS_RESOURCE);
        int[] p = m.pipe();
        // The new pipe already got only pipe_max_size worth of slots.
        assertEquals(16384, m.k.fcntl(m.t, p[1], Fcntl.F_GETPIPE_SZ, 0));
        assertEquals(Errno.EPERM.neg(), m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, 32768));
        assertEquals(8192, m.k.fcntl(m.t, p[1], Fcntl.F_SETPIPE_SZ, 8192), "shrinking is always allowed");
    }

    @Test
    void pipe2_belowDefaultMaxWithCapSysResource_keepsSixteenSlots() {
        m.k.vfs().pipeSysctl().setPipeMaxSize(16384);
        int[] p = m.pipe();
        assertEquals(65536, m.k.fcntl(m.t, p[1], Fcntl.F_GETPIPE_SZ, 0));
    }
}
