package dev.kemu.vfs;

/**
 * What the capability module does when credentials change ({@code security/commoncap.c}): the
 * effective and permitted sets follow the user ids ({@code cap_task_fix_setuid()},
 * {@code cap_emulate_setxuid()}) and are recomputed by an exec
 * ({@code cap_bprm_creds_from_file()}).
 *
 * <p>Deliberate divergences: no file capabilities and no set-user-id or set-group-id programs (an
 * exec never changes the ids, only resets the saved and file-system ids to the effective ones);
 * {@code SECURE_NO_SETUID_FIXUP} and {@code SECURE_NOROOT} are never set (nothing models
 * {@code prctl(PR_SET_SECUREBITS)}); no ambient or inheritable sets.
 */
final class CommonCap {
    /** {@code LSM_SETID_ID}: setuid. */
    static final int LSM_SETID_ID = 1;
    /** {@code LSM_SETID_RE}: setreuid. */
    static final int LSM_SETID_RE = 2;
    /** {@code LSM_SETID_RES}: setresuid. */
    static final int LSM_SETID_RES = 4;
    /** {@code LSM_SETID_FS}: setfsuid. */
    static final int LSM_SETID_FS = 8;

    /**
     * {@code CAP_FS_SET}: {@code CAP_FS_MASK} (CHOWN 0, DAC_OVERRIDE 1, DAC_READ_SEARCH 2,
     * FOWNER 3, FSETID 4, MKNOD 27, MAC_OVERRIDE 32) and LINUX_IMMUTABLE 9.
     */
    static final long CAP_FS_SET = 1L << 0 | 1L << 1 | 1L << 2 | 1L << 3 | 1L << 4 | 1L << 27 | 1L << 32 | 1L << 9;

    private static final int ROOT = 0;

    private CommonCap() {
    }

    /**
     * {@code cap_task_fix_setuid()}: the capabilities that follow a change of user ids from
     * {@code old} to {@code nu}. Leaving root in all of uid, euid and suid clears the permitted and
     * effective sets unless {@code SECURE_KEEP_CAPS}; an euid leaving root clears the effective set,
     * one coming back to root restores it from the permitted set. A fsuid leaving root drops the
     * file-system capabilities ({@link #CAP_FS_SET}) from the effective set; one coming back
     * raises those of them that are permitted.
     */
    static Cred fixSetuid(Cred nu, Cred old, int flags) {
        if (flags == LSM_SETID_FS) {
            if (old.fsuid() == ROOT && nu.fsuid() != ROOT) {
                return nu.withCaps(nu.capEffective() & ~CAP_FS_SET, nu.capPermitted(), nu.capBset());
            }
            if (old.fsuid() != ROOT && nu.fsuid() == ROOT) {
                return nu.withCaps(nu.capEffective() | (nu.capPermitted() & CAP_FS_SET), nu.capPermitted(),
                        nu.capBset());
            }
            return nu;
        }
        return emulateSetxuid(nu, old);
    }

    /** {@code cap_emulate_setxuid()}. */
    private static Cred emulateSetxuid(Cred nu, Cred old) {
        long effective = nu.capEffective();
        long permitted = nu.capPermitted();
        boolean wasRoot = old.uid() == ROOT || old.euid() == ROOT || old.suid() == ROOT;
        boolean isRoot = nu.uid() == ROOT || nu.euid() == ROOT || nu.suid() == ROOT;
        if (wasRoot && !isRoot && !nu.isSecure(Cred.SECURE_KEEP_CAPS)) {
            permitted = 0;
            effective = 0;
        }
        if (old.euid() == ROOT && nu.euid() != ROOT) {
            effective = 0;
        }
        if (old.euid() != ROOT && nu.euid() == ROOT) {
            effective = permitted;
        }
        return nu.withCaps(effective, permitted, nu.capBset());
    }

    /**
     * {@code cap_bprm_creds_from_file()} for a program without file capabilities or set-id bits:
     * {@code SECURE_KEEP_CAPS} is cleared; root (uid or euid 0, {@code handle_privileged_root})
     * gets the bounding set as permitted, effective too when its euid is 0; anyone else ends with
     * no capabilities. The saved and file-system ids become the effective ones.
     */
    static Cred bprmCreds(Cred old) {
        Cred nu = old.withSecurebits(old.securebits() & ~(1 << Cred.SECURE_KEEP_CAPS));
        long permitted = 0;
        boolean effective = false;
        if (nu.euid() == ROOT || nu.uid() == ROOT) {
            permitted = nu.capBset();
            effective = nu.euid() == ROOT;
        }
        nu = nu.withCaps(effective ? permitted : 0, permitted, nu.capBset());
        return nu.withUids(nu.uid(), nu.euid(), nu.euid(), nu.euid()).withGids(nu.gid(), nu.egid(), nu.egid(),
                nu.egid());
    }
}
