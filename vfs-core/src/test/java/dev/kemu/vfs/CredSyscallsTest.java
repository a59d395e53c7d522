package dev.kemu.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The setuid family and the group calls ({@code kernel/sys.c}, {@code kernel/groups.c}, {@code security/commoncap.c}). */
class CredSyscallsTest {
    private static final long EINVAL = Errno.EINVAL.neg();
    private static final long EPERM = Errno.EPERM.neg();
    private static final long EFAULT = Errno.EFAULT.neg();
    private final CredSyscalls sys = new CredSyscalls();
    private Task t;

    @BeforeEach
    void setUp() {
        t = new Task(100, null, null, null);
    }

    private void assertUids(int r, int e, int s, int fs) {
        Cred c = t.cred();
        assertEquals(List.of(r, e, s, fs), List.of(c.uid(), c.euid(), c.suid(), c.fsuid()));
    }

    private void assertGids(int r, int e, int s, int fs) {
        Cred c = t.cred();
        assertEquals(List.of(r, e, s, fs), List.of(c.gid(), c.egid(), c.sgid(), c.fsgid()));
    }

    @Test
    void setuid_rootToUser_setsEveryUidAndClearsCapabilities() {
        assertEquals(0, sys.setuid(t, 65534));
        assertUids(65534, 65534, 65534, 65534);
        assertEquals(0, t.cred().capEffective());
        assertEquals(0, t.cred().capPermitted());
        assertFalse(t.capable(Capability.CAP_SYS_RESOURCE));
        assertEquals(65534, sys.getuid(t));
        assertEquals(65534, sys.geteuid(t));
    }

    @Test
    void setuid_minusOne_returnsEinval() {
        assertEquals(EINVAL, sys.setuid(t, -1));
        assertEquals(EINVAL, sys.setgid(t, -1));
        assertUids(0, 0, 0, 0);
    }

    @Test
    void setuid_unprivilegedToAnotherUser_returnsEperm() {
        sys.setuid(t, 1000);
        assertEquals(EPERM, sys.setuid(t, 0));
        assertEquals(EPERM, sys.setuid(t, 1001));
        assertEquals(0, sys.setuid(t, 1000));
    }

    @Test
    void setuid_unprivilegedBackToSavedRoot_restoresEffectiveFromPermitted() {
        assertEquals(0, sys.setresuid(t, 1000, 1000, 0));
        assertUids(1000, 1000, 0, 1000);
        // The saved uid is root: the permitted set stays, the effective one is emptied.
        assertEquals(0, t.cred().capEffective());
        assertEquals(Cred.CAP_FULL_SET, t.cred().capPermitted());

        assertEquals(0, sys.setuid(t, 0));
        assertUids(1000, 0, 0, 0);
        assertEquals(Cred.CAP_FULL_SET, t.cred().capEffective());
    }

    @Test
    void setuid_rootWithoutCapSetuid_changesOnlyEffectiveAndFsUid() {
        t.dropCapability(Capability.CAP_SETUID);
        assertEquals(EPERM, sys.setuid(t, 1000));
        assertEquals(0, sys.setuid(t, 0));
        assertUids(0, 0, 0, 0);
    }

    @Test
    void setgid_unprivileged_mayTakeRealOrSavedGid() {
        assertEquals(0, sys.setresgid(t, 10, 20, 30));
        assertGids(10, 20, 30, 20);
        sys.setuid(t, 1000);
        assertEquals(EPERM, sys.setgid(t, 20));
        assertEquals(0, sys.setgid(t, 30));
        assertGids(10, 30, 30, 30);
    }

    @Test
    void setreuid_effectiveOnlyToOtherThanReal_savedFollowsAndCapabilitiesGo() {
        assertEquals(0, sys.setreuid(t, -1, 1000));
        assertUids(0, 1000, 1000, 1000);
        // The real uid is still root: the permitted set stays, the effective one is cleared.
        assertEquals(0, t.cred().capEffective());
        assertEquals(Cred.CAP_FULL_SET, t.cred().capPermitted());
    }

    @Test
    void setreuid_effectiveBackToReal_savedUnchanged() {
        sys.setresuid(t, 1000, 1000, 2000);
        assertEquals(0, sys.setreuid(t, -1, 2000));
        assertUids(1000, 2000, 2000, 2000);
        assertEquals(0, sys.setreuid(t, -1, 1000));
        // The new euid equals the real uid: the saved uid stays.
        assertUids(1000, 1000, 2000, 1000);
        assertEquals(EPERM, sys.setreuid(t, 3000, -1));
        assertEquals(EPERM, sys.setreuid(t, 2000, -1));
        assertEquals(0, sys.setreuid(t, 1000, -1));
        assertUids(1000, 1000, 1000, 1000);
    }

    @Test
    void setresuid_unprivilegedNewId_returnsEperm() {
        sys.setresuid(t, 1000, 2000, 3000);
        assertEquals(EPERM, sys.setresuid(t, -1, 4000, -1));
        assertEquals(0, sys.setresuid(t, 3000, 1000, 2000));
        assertUids(3000, 1000, 2000, 1000);
    }

    @Test
    void setresuid_keepCaps_keepsPermittedClearsEffective() {
        t.setCred(t.cred().withSecurebits(1 << Cred.SECURE_KEEP_CAPS));
        assertEquals(0, sys.setresuid(t, 1000, 1000, 1000));
        assertEquals(0, t.cred().capEffective());
        assertEquals(Cred.CAP_FULL_SET, t.cred().capPermitted());
    }

    @Test
    void getresuid_secondPointerFaults_firstWrittenThenEfault() {
        sys.setresuid(t, 1, 2, 3);
        UserLong r = UserLong.of(-5);
        UserLong s = UserLong.of(-5);
        assertEquals(EFAULT, sys.getresuid(t, r, UserLong.faulting(), s));
        assertEquals(1, r.get());
        assertEquals(-5, s.get());
        UserLong e = UserLong.of(0);
        assertEquals(0, sys.getresuid(t, r, e, s));
        assertEquals(List.of(1L, 2L, 3L), List.of(r.get(), e.get(), s.get()));
    }

    @Test
    void setfsuid_leavingRoot_dropsFileSystemCapabilitiesOnly() {
        assertEquals(0, sys.setfsuid(t, 1000));
        assertUids(0, 0, 0, 1000);
        assertFalse(t.capable(Capability.CAP_CHOWN));
        assertFalse(t.capable(Capability.CAP_FOWNER));
        assertFalse(t.capable(Capability.CAP_MKNOD));
        assertTrue(t.capable(Capability.CAP_SYS_ADMIN));
        assertTrue(t.capable(Capability.CAP_SETUID));

        assertEquals(1000, sys.setfsuid(t, 0));
        assertTrue(t.capable(Capability.CAP_CHOWN));
    }

    @Test
    void setfsuid_notAllowed_returnsOldAndKeepsIt() {
        sys.setuid(t, 1000);
        assertEquals(1000, sys.setfsuid(t, 0));
        assertEquals(1000, sys.setfsuid(t, -1));
        assertEquals(1000, t.fsuid());
    }

    @Test
    void setfsgid_unsigned_returnsPreviousAsUnsigned() {
        assertEquals(0, sys.setfsgid(t, -2));
        assertEquals(0xfffffffeL, sys.setfsgid(t, 5));
        assertEquals(5, t.fsgid());
    }

    @Test
    void setgroups_withoutCapSetgid_returnsEpermBeforeEinval() {
        t.dropCapability(Capability.CAP_SETGID);
        assertEquals(EPERM, sys.setgroups(t, -1, null));
    }

    @Test
    void setgroups_checks_einvalThenEfaultThenInvalidGid() {
        assertEquals(EINVAL, sys.setgroups(t, CredSyscalls.NGROUPS_MAX + 1, null));
        assertEquals(EINVAL, sys.setgroups(t, -1, null));
        assertEquals(EFAULT, sys.setgroups(t, 2, null));
        assertEquals(EINVAL, sys.setgroups(t, 2, new int[] {5, -1}));
        assertEquals(0, sys.setgroups(t, 0, null));
    }

    @Test
    void getgroups_sortedAndSized_countOrEinval() {
        assertEquals(0, sys.setgroups(t, 3, new int[] {30, 10, 20}));
        assertEquals(3, sys.getgroups(t, 0, null));
        assertEquals(EINVAL, sys.getgroups(t, 2, new int[2]));
        assertEquals(EINVAL, sys.getgroups(t, -1, null));
        int[] out = new int[4];
        assertEquals(3, sys.getgroups(t, 4, out));
        assertEquals(List.of(10, 20, 30), List.of(out[0], out[1], out[2]));
        assertTrue(t.inGroup(20));
    }

    @Test
    void bprmCreds_userAfterRoot_noCapabilitiesSavedIdsFollowEffective() {
        t.setCred(Cred.ROOT.withUids(1000, 1000, 0, 0));
        Cred c = CommonCap.bprmCreds(t.cred());
        assertEquals(List.of(1000, 1000, 1000, 1000), List.of(c.uid(), c.euid(), c.suid(), c.fsuid()));
        assertEquals(0, c.capPermitted());
        assertEquals(0, c.capEffective());
    }

    @Test
    void bprmCreds_root_effectiveIsBoundingSet() {
        long bset = Cred.CAP_FULL_SET & ~(1L << Capability.CAP_SYS_RESOURCE.number());
        Cred root = Cred.ROOT.withCaps(0, 0, bset).withSecurebits(1 << Cred.SECURE_KEEP_CAPS);
        Cred c = CommonCap.bprmCreds(root);
        assertEquals(bset, c.capEffective());
        assertEquals(bset, c.capPermitted());
        assertFalse(c.isSecure(Cred.SECURE_KEEP_CAPS));
    }
}
