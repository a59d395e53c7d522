package dev.kemu.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.CloneResult;
import dev.kemu.vfs.Cred;
import dev.kemu.vfs.Errno;
import dev.kemu.vfs.Fcntl;
import dev.kemu.vfs.Task;
import dev.kemu.vfs.UserLong;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Credentials across fork and execve, through the kernel ({@code kernel/cred.c:copy_creds()}, {@code fs/exec.c}). */
class CredentialsTest {
    private final Booted m = new Booted();
    private final Kernel k = m.k;

    private List<Long> resuid(Task t) {
        UserLong r = UserLong.of(-1);
        UserLong e = UserLong.of(-1);
        UserLong s = UserLong.of(-1);
        assertEquals(0, k.getresuid(t, r, e, s));
        return List.of(r.get(), e.get(), s.get());
    }

    @Test
    void fork_childHasTheParentsCredentialsAndChangesOnlyItsOwn() {
        assertEquals(0, k.setresuid(m.t, 1000, 1000, 0));
        CloneResult c = k.fork(m.t);
        assertTrue(c.ret() > 0);
        Task child = c.child();
        assertEquals(List.of(1000L, 1000L, 0L), resuid(child));

        assertEquals(0, k.setuid(child, 0));
        assertEquals(List.of(1000L, 0L, 0L), resuid(child));
        assertEquals(List.of(1000L, 1000L, 0L), resuid(m.t));
        assertFalse(m.t.capable(Capability.CAP_CHOWN));
        assertTrue(child.capable(Capability.CAP_CHOWN));
    }

    @Test
    void execve_keepsTheIdsAndSetsSavedToEffective() {
        int fd = m.open("/prog", Fcntl.O_CREAT | Fcntl.O_WRONLY);
        assertEquals(0, k.close(m.t, fd));
        assertEquals(0, k.chmod(m.t, "/prog", 0755));
        assertEquals(0, k.setresuid(m.t, 0, 1000, 2000));
        assertEquals(0, k.execve(m.t, "/prog"));

        assertEquals(List.of(0L, 1000L, 1000L), resuid(m.t));
        // Real uid root, effective not: permitted from the bounding set, nothing effective.
        assertEquals(Cred.CAP_FULL_SET, m.t.cred().capPermitted());
        assertEquals(0, m.t.cred().capEffective());
    }

    @Test
    void setgroups_thenGetgroups_sortedThroughTheKernel() {
        assertEquals(0, k.setgroups(m.t, 3, new int[] {9, 3, 5}));
        int[] out = new int[3];
        assertEquals(3, k.getgroups(m.t, 3, out));
        assertEquals(List.of(3, 5, 9), List.of(out[0], out[1], out[2]));
        assertEquals(Errno.EINVAL.neg(), k.getgroups(m.t, 2, new int[2]));
    }
}
