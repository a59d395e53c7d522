package dev.kemu.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Cred;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The identity a recorded program starts with, as the first pass over the log learns it. */
class IdentityTest {
    private static Cred cred(String log) {
        return WorldScanProcessesTest.scan(log).identity().cred();
    }

    @Test
    void cred_noIdentityCalls_isRootWithEveryCapability() {
        assertEquals(Cred.ROOT, cred("close(3) = 0\n"));
    }

    @Test
    void cred_getterAfterSetuid_isNotTheStartingIdentity() {
        Cred c = cred("""
                setuid(65534) = 0
                getuid() = 65534
                geteuid() = 65534
                """);
        assertEquals(0, c.uid());
        assertEquals(0, c.euid());
        assertEquals(Cred.CAP_FULL_SET, c.capEffective());
    }

    @Test
    void cred_getresuidOfAnOrdinaryUser_hasThoseIdsAndNoCapabilities() {
        Cred c = cred("""
                getresuid([1000], [1001], [1002]) = 0
                getresgid([50], [51], [52]) = 0
                getgroups(2, [51, 7]) = 2
                """);
        assertEquals(List.of(1000, 1001, 1002, 1001), List.of(c.uid(), c.euid(), c.suid(), c.fsuid()));
        assertEquals(List.of(50, 51, 52, 51), List.of(c.gid(), c.egid(), c.sgid(), c.fsgid()));
        assertEquals(List.of(7, 51), c.groups());
        assertEquals(0, c.capEffective());
        assertEquals(0, c.capPermitted());
    }

    @Test
    void cred_capgetOfRoot_setsTheSetsAndTheBoundingSet() {
        Cred c = cred("""
                geteuid() = 0
                capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {effective=1<<CAP_CHOWN|1<<CAP_SYS_ADMIN, \
                permitted=1<<CAP_CHOWN|1<<CAP_SYS_ADMIN|1<<CAP_CHECKPOINT_RESTORE, inheritable=0}) = 0
                """);
        long admin = 1L << Capability.CAP_SYS_ADMIN.number();
        assertEquals(1 | admin, c.capEffective());
        assertEquals(1 | admin | 1L << 40, c.capPermitted());
        assertEquals(c.capPermitted(), c.capBset());
    }
}
