package dev.kemu.vfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A task's credentials ({@code include/linux/cred.h:struct cred}): the real, effective, saved and
 * file-system user and group ids, the supplementary groups ({@code group_info}, kept sorted as
 * {@code groups_sort} leaves them), the effective, permitted and bounding capability sets
 * ({@code kernel_cap_t}, one bit per capability number) and the secure bits.
 *
 * <p>As in Linux a {@code Cred} never changes: a call builds a new one from the current one
 * ({@code prepare_creds}) and installs it ({@code commit_creds}, {@link Task#setCred}). Ids are
 * {@code uid_t}/{@code gid_t} values held in an {@code int}; {@code -1} is {@code INVALID_UID}.
 *
 * <p>Deliberate divergences: one user namespace (the initial one, where every id but -1 maps to
 * itself); no inheritable or ambient sets (nothing in the model raises them); no keyrings, no
 * {@code user_struct} accounting.
 *
 * @param uid real user id
 * @param euid effective user id
 * @param suid saved set-user-id
 * @param fsuid the user the task acts as on files
 * @param gid real group id
 * @param egid effective group id
 * @param sgid saved set-group-id
 * @param fsgid the group the task acts as on files
 * @param groups supplementary groups, sorted
 * @param capEffective {@code cap_effective}: what {@code capable()} consults
 * @param capPermitted {@code cap_permitted}: the limit of the effective set
 * @param capBset {@code cap_bset}: what an exec by root may have
 * @param securebits {@code securebits} ({@link #SECURE_KEEP_CAPS})
 */
public record Cred(int uid, int euid, int suid, int fsuid, int gid, int egid, int sgid, int fsgid,
        List<Integer> groups, long capEffective, long capPermitted, long capBset, int securebits) {
    /** {@code CAP_LAST_CAP} of 6.18: {@code CAP_CHECKPOINT_RESTORE}. */
    public static final int CAP_LAST_CAP = 40;
    /** {@code CAP_VALID_MASK}: every capability the kernel knows. */
    public static final long CAP_FULL_SET = (1L << (CAP_LAST_CAP + 1)) - 1;
    /** {@code include/uapi/linux/securebits.h}: {@code SECURE_KEEP_CAPS} (bit 4), kept over a setuid away from root. */
    public static final int SECURE_KEEP_CAPS = 4;
    /** {@code INVALID_UID}/{@code INVALID_GID}: {@code (uid_t) -1}. */
    public static final int INVALID_ID = -1;

    /** {@code init_cred}: root with every capability and no supplementary groups. */
    public static final Cred ROOT = new Cred(0, 0, 0, 0, 0, 0, 0, 0, List.of(), CAP_FULL_SET, CAP_FULL_SET,
            CAP_FULL_SET, 0);

    /** Sorts and copies the groups. */
    public Cred {
        List<Integer> sorted = new ArrayList<>(groups);
        sorted.sort(Integer::compareUnsigned);
        groups = List.copyOf(sorted);
    }

    /**
     * An ordinary user: all four user ids {@code uid}, all four group ids {@code gid}, the given
     * groups, no capabilities (what a login shell of that user has).
     */
    public static Cred user(int uid, int gid, Collection<Integer> groups) {
        return new Cred(uid, uid, uid, uid, gid, gid, gid, gid, List.copyOf(groups), 0, 0, CAP_FULL_SET, 0);
    }

    /** {@code cap_raised(cap_effective, cap)}. */
    public boolean capable(int cap) {
        return (capEffective >>> cap & 1) != 0;
    }

    /** {@code issecure(bit)}. */
    public boolean isSecure(int bit) {
        return (securebits >>> bit & 1) != 0;
    }

    /** {@code kernel/groups.c:in_group_p()}: {@code gid} is the fsgid or a supplementary group. */
    public boolean inGroup(int gid) {
        return gid == fsgid || groups.contains(gid);
    }

    /** A copy with other user ids. */
    public Cred withUids(int uid, int euid, int suid, int fsuid) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, groups, capEffective, capPermitted, capBset,
                securebits);
    }

    /** A copy with other group ids. */
    public Cred withGids(int gid, int egid, int sgid, int fsgid) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, groups, capEffective, capPermitted, capBset,
                securebits);
    }

    /** A copy with other supplementary groups ({@code set_groups}). */
    public Cred withGroups(Collection<Integer> groups) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, List.copyOf(groups), capEffective,
                capPermitted, capBset, securebits);
    }

    /** A copy with other capability sets. */
    public Cred withCaps(long effective, long permitted, long bset) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, groups, effective, permitted, bset,
                securebits);
    }

    /** A copy with other secure bits. */
    public Cred withSecurebits(int bits) {
        return new Cred(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, groups, capEffective, capPermitted, capBset,
                bits);
    }
}
