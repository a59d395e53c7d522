package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.List;

/**
 * The credential calls ({@code kernel/sys.c}: the setuid and setgid families, setfsuid, setfsgid,
 * the getters; {@code kernel/groups.c}: setgroups, getgroups), each with Linux's checks in
 * Linux's order. A call builds new credentials from the task's ({@code prepare_creds}), lets the
 * capability module adjust them ({@link CommonCap}) and installs them ({@code commit_creds}).
 *
 * <p>Ids are {@code uid_t}/{@code gid_t}: {@code -1} means "unchanged" where the call allows it,
 * and is otherwise invalid (EINVAL), as {@code make_kuid} of the initial user namespace makes it.
 * Results are unsigned. Credentials are per thread, as in the kernel (the C library's
 * all-threads broadcast is user space's).
 *
 * <p>Errors: EINVAL for an invalid id (checked first), EPERM when an unprivileged caller
 * (without CAP_SETUID, or CAP_SETGID for groups) names an id it does not hold; setgroups:
 * EPERM without CAP_SETGID, then EINVAL past {@code NGROUPS_MAX}, then EFAULT (an unreadable
 * list), then EINVAL (an invalid gid in it); getgroups: EINVAL for a negative size or one
 * smaller than the group count, EFAULT; getresuid/getresgid: EFAULT at the first unwritable
 * pointer, after the earlier ones were written. setfsuid and setfsgid never fail: they return the
 * previous fsuid or fsgid and leave it when the change is not allowed.
 *
 * <p>Deliberate divergences: no {@code RLIMIT_NPROC} accounting ({@code set_user},
 * {@code flag_nproc_exceeded}), no user namespaces, no LSM besides the capability module.
 */
public final class CredSyscalls {
    /** {@code NGROUPS_MAX}. */
    public static final int NGROUPS_MAX = 65536;

    private static final int UNCHANGED = -1;

    /** {@code getuid()}. */
    public long getuid(Task t) {
        return Integer.toUnsignedLong(t.cred().uid());
    }

    /** {@code geteuid()}. */
    public long geteuid(Task t) {
        return Integer.toUnsignedLong(t.cred().euid());
    }

    /** {@code getgid()}. */
    public long getgid(Task t) {
        return Integer.toUnsignedLong(t.cred().gid());
    }

    /** {@code getegid()}. */
    public long getegid(Task t) {
        return Integer.toUnsignedLong(t.cred().egid());
    }

    /**
     * {@code __sys_setuid()}: with CAP_SETUID every uid becomes {@code uid}; without it the
     * effective and file-system uids may become the real or saved uid.
     */
    public long setuid(Task t, int uid) {
        if (uid == Cred.INVALID_ID) {
            return Errno.EINVAL.neg();
        }
        Cred old = t.cred();
        Cred nu;
        if (old.capable(Capability.CAP_SETUID.number())) {
            nu = old.withUids(uid, uid, uid, uid);
        } else if (uid == old.uid() || uid == old.suid()) {
            nu = old.withUids(old.uid(), uid, old.suid(), uid);
        } else {
            return Errno.EPERM.neg();
        }
        t.setCred(CommonCap.fixSetuid(nu, old, CommonCap.LSM_SETID_ID));
        return 0;
    }

    /** {@code __sys_setgid()}: as {@link #setuid} for the group ids, with CAP_SETGID. */
    public long setgid(Task t, int gid) {
        if (gid == Cred.INVALID_ID) {
            return Errno.EINVAL.neg();
        }
        Cred old = t.cred();
        if (old.capable(Capability.CAP_SETGID.number())) {
            t.setCred(old.withGids(gid, gid, gid, gid));
        } else if (gid == old.gid() || gid == old.sgid()) {
            t.setCred(old.withGids(old.gid(), gid, old.sgid(), gid));
        } else {
            return Errno.EPERM.neg();
        }
        return 0;
    }

    /**
     * {@code __sys_setreuid()}: the real uid may become the real or effective one, the effective
     * uid the real, effective or saved one (anything with CAP_SETUID). The saved uid follows the
     * new effective one when the real uid is set or the effective one differs from the old real
     * uid; the file-system uid always follows the effective one.
     */
    public long setreuid(Task t, int ruid, int euid) {
        Cred old = t.cred();
        boolean cap = old.capable(Capability.CAP_SETUID.number());
        int[] ids = setre(old.uid(), old.euid(), old.suid(), ruid, euid, cap);
        if (ids == null) {
            return Errno.EPERM.neg();
        }
        Cred nu = old.withUids(ids[0], ids[1], ids[2], ids[1]);
        t.setCred(CommonCap.fixSetuid(nu, old, CommonCap.LSM_SETID_RE));
        return 0;
    }

    /** {@code __sys_setregid()}: {@link #setreuid} for the group ids, with CAP_SETGID. */
    public long setregid(Task t, int rgid, int egid) {
        Cred old = t.cred();
        boolean cap = old.capable(Capability.CAP_SETGID.number());
        int[] ids = setre(old.gid(), old.egid(), old.sgid(), rgid, egid, cap);
        if (ids == null) {
            return Errno.EPERM.neg();
        }
        t.setCred(old.withGids(ids[0], ids[1], ids[2], ids[1]));
        return 0;
    }

    /** The real, effective and saved ids setre[ug]id makes; null for EPERM. (-1 is "unchanged" here, never EINVAL.) */
    private static int[] setre(int r, int e, int s, int nr, int ne, boolean cap) {
        int newR = r;
        int newE = e;
        if (nr != UNCHANGED) {
            if (nr != r && nr != e && !cap) {
                return null;
            }
            newR = nr;
        }
        if (ne != UNCHANGED) {
            if (ne != r && ne != e && ne != s && !cap) {
                return null;
            }
            newE = ne;
        }
        int newS = s;
        if (nr != UNCHANGED || ne != UNCHANGED && ne != r) {
            newS = newE;
        }
        return new int[] {newR, newE, newS};
    }

    /**
     * {@code __sys_setresuid()}: each id not -1 is set; without CAP_SETUID each must be one of the
     * current real, effective and saved uids. The file-system uid follows the effective one.
     */
    public long setresuid(Task t, int ruid, int euid, int suid) {
        Cred old = t.cred();
        // Every id is valid but (uid_t)-1, which means "unchanged": no EINVAL is possible here.
        if ((ruid == UNCHANGED || ruid == old.uid()) && (euid == UNCHANGED || euid == old.euid() && euid == old.fsuid())
                && (suid == UNCHANGED || suid == old.suid())) {
            return 0;
        }
        if (!old.capable(Capability.CAP_SETUID.number())
                && !(held(ruid, old.uid(), old.euid(), old.suid()) && held(euid, old.uid(), old.euid(), old.suid())
                        && held(suid, old.uid(), old.euid(), old.suid()))) {
            return Errno.EPERM.neg();
        }
        int r = ruid == UNCHANGED ? old.uid() : ruid;
        int e = euid == UNCHANGED ? old.euid() : euid;
        int s = suid == UNCHANGED ? old.suid() : suid;
        t.setCred(CommonCap.fixSetuid(old.withUids(r, e, s, e), old, CommonCap.LSM_SETID_RES));
        return 0;
    }

    /** {@code __sys_setresgid()}: {@link #setresuid} for the group ids, with CAP_SETGID. */
    public long setresgid(Task t, int rgid, int egid, int sgid) {
        Cred old = t.cred();
        if ((rgid == UNCHANGED || rgid == old.gid()) && (egid == UNCHANGED || egid == old.egid() && egid == old.fsgid())
                && (sgid == UNCHANGED || sgid == old.sgid())) {
            return 0;
        }
        if (!old.capable(Capability.CAP_SETGID.number())
                && !(held(rgid, old.gid(), old.egid(), old.sgid()) && held(egid, old.gid(), old.egid(), old.sgid())
                        && held(sgid, old.gid(), old.egid(), old.sgid()))) {
            return Errno.EPERM.neg();
        }
        int r = rgid == UNCHANGED ? old.gid() : rgid;
        int e = egid == UNCHANGED ? old.egid() : egid;
        int s = sgid == UNCHANGED ? old.sgid() : sgid;
        t.setCred(old.withGids(r, e, s, e));
        return 0;
    }

    /** {@code id} is "unchanged" or one of the three current ids (not a {@code *_new} id of setres[ug]id). */
    private static boolean held(int id, int r, int e, int s) {
        return id == UNCHANGED || id == r || id == e || id == s;
    }

    /**
     * {@code getresuid(&r, &e, &s)}: a null pointer is one that faults. Each is written in turn
     * ({@code put_user}); the first that faults ends the call with EFAULT.
     */
    public long getresuid(Task t, UserLong ruid, UserLong euid, UserLong suid) {
        Cred c = t.cred();
        return putIds(ruid, c.uid(), euid, c.euid(), suid, c.suid());
    }

    /** {@code getresgid(&r, &e, &s)}: as {@link #getresuid}. */
    public long getresgid(Task t, UserLong rgid, UserLong egid, UserLong sgid) {
        Cred c = t.cred();
        return putIds(rgid, c.gid(), egid, c.egid(), sgid, c.sgid());
    }

    private static long putIds(UserLong a, int va, UserLong b, int vb, UserLong c, int vc) {
        UserLong[] ptrs = {a, b, c};
        int[] vals = {va, vb, vc};
        for (int i = 0; i < 3; i++) {
            if (ptrs[i] == null || ptrs[i].faults()) {
                return Errno.EFAULT.neg();
            }
            ptrs[i].set(Integer.toUnsignedLong(vals[i]));
        }
        return 0;
    }

    /**
     * {@code __sys_setfsuid()}: the previous fsuid. The fsuid changes when {@code uid} is valid and
     * is the real, effective, saved or current file-system uid, or the caller has CAP_SETUID; the
     * file-system capabilities follow it ({@link CommonCap#fixSetuid}).
     */
    public long setfsuid(Task t, int uid) {
        Cred old = t.cred();
        long previous = Integer.toUnsignedLong(old.fsuid());
        if (uid == Cred.INVALID_ID) {
            return previous;
        }
        if ((uid == old.uid() || uid == old.euid() || uid == old.suid() || uid == old.fsuid()
                || old.capable(Capability.CAP_SETUID.number())) && uid != old.fsuid()) {
            Cred nu = old.withUids(old.uid(), old.euid(), old.suid(), uid);
            t.setCred(CommonCap.fixSetuid(nu, old, CommonCap.LSM_SETID_FS));
        }
        return previous;
    }

    /** {@code __sys_setfsgid()}: as {@link #setfsuid} for the fsgid, with CAP_SETGID (no capability follows it). */
    public long setfsgid(Task t, int gid) {
        Cred old = t.cred();
        long previous = Integer.toUnsignedLong(old.fsgid());
        if (gid == Cred.INVALID_ID) {
            return previous;
        }
        if ((gid == old.gid() || gid == old.egid() || gid == old.sgid() || gid == old.fsgid()
                || old.capable(Capability.CAP_SETGID.number())) && gid != old.fsgid()) {
            t.setCred(old.withGids(old.gid(), old.egid(), old.sgid(), gid));
        }
        return previous;
    }

    /**
     * {@code setgroups(size, list)}: {@code list} null for an address that faults; only the
     * first {@code size} entries are read. The groups are kept sorted ({@code groups_sort}).
     */
    public long setgroups(Task t, int size, int[] list) {
        if (!t.cred().capable(Capability.CAP_SETGID.number())) {
            return Errno.EPERM.neg();
        }
        if (Integer.compareUnsigned(size, NGROUPS_MAX) > 0) {
            return Errno.EINVAL.neg();
        }
        if (size > 0 && (list == null || list.length < size)) {
            return Errno.EFAULT.neg();
        }
        List<Integer> groups = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (list[i] == Cred.INVALID_ID) {
                return Errno.EINVAL.neg();
            }
            groups.add(list[i]);
        }
        t.setCred(t.cred().withGroups(groups));
        return 0;
    }

    /**
     * {@code getgroups(size, list)}: the number of supplementary groups; with {@code size} not 0
     * they are also written to {@code list} (null for an address that faults), sorted.
     */
    public long getgroups(Task t, int size, int[] list) {
        if (size < 0) {
            return Errno.EINVAL.neg();
        }
        List<Integer> groups = t.cred().groups();
        int n = groups.size();
        if (size != 0) {
            if (n > size) {
                return Errno.EINVAL.neg();
            }
            if (list == null || list.length < n) {
                return Errno.EFAULT.neg();
            }
            for (int i = 0; i < n; i++) {
                list[i] = groups.get(i);
            }
        }
        return n;
    }
}
