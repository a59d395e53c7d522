package dev.kemu.replay;

import dev.kemu.strace.Arg;
import dev.kemu.strace.Num;
import dev.kemu.strace.StructArg;
import dev.kemu.strace.Sym;
import dev.kemu.vfs.Cred;
import dev.kemu.vfs.Task;
import java.util.List;
import java.util.Set;

/**
 * Who the recorded program started as: the credentials its first task is given before the replay begins. The ids
 * are those the identity calls show (getuid, geteuid, getresuid, the group ones, getgroups) before the log's first
 * credential change (a setuid-family or setgroups call); from there on the model's own credentials answer them. The
 * capabilities are those the first {@code capget} shows (a root without CAP_SYS_RESOURCE, as a container gives, keeps
 * {@code pipe-max-size} from F_SETPIPE_SZ and new pipes); without one, root has every capability and anyone else
 * none. Without any identity call the task stays root, as scenarios written by hand assume.
 */
final class Identity {
    /** The capability names strace prints ({@code CAP_} left off), indexed by number ({@code capability.h}). */
    private static final List<String> CAPS = List.of("CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "KILL", "SETGID", "SETUID", "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN",
            "NET_RAW", "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
            "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE",
            "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM",
            "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE");

    /** Set once the log changed credentials: later identity calls show the program's doing. */
    private boolean changed;
    private Long uid;
    private Long euid;
    private Long suid;
    private Long gid;
    private Long egid;
    private Long sgid;
    private Set<Integer> groups;
    private Long capEffective;
    private Long capPermitted;

    /** The log changed credentials: nothing later tells how the program started. */
    void changed() {
        changed = true;
    }

    void uid(long v) {
        if (!changed && uid == null) {
            uid = v;
        }
    }

    void euid(Long v) {
        if (!changed && euid == null && v != null) {
            euid = v;
        }
    }

    void suid(Long v) {
        if (!changed && suid == null && v != null) {
            suid = v;
        }
    }

    void gid(long v) {
        if (!changed && gid == null) {
            gid = v;
        }
    }

    void egid(Long v) {
        if (!changed && egid == null && v != null) {
            egid = v;
        }
    }

    void sgid(Long v) {
        if (!changed && sgid == null && v != null) {
            sgid = v;
        }
    }

    void groups(Set<Integer> g) {
        if (!changed && groups == null) {
            groups = Set.copyOf(g);
        }
    }

    /** A successful {@code capget(hdr, data)}: its effective and permitted sets, when strace decoded them. */
    void capget(Arg data) {
        if (changed || capEffective != null || !(data instanceof StructArg s)) {
            return;
        }
        Long eff = null;
        Long perm = null;
        for (StructArg.Field f : s.fields()) {
            if (f.name().equals("effective")) {
                eff = capSet(f.value());
            } else if (f.name().equals("permitted")) {
                perm = capSet(f.value());
            }
        }
        if (eff != null && perm != null) {
            capEffective = eff;
            capPermitted = perm;
        }
    }

    /** A capability set as strace prints it: {@code 0}, or {@code 1<<CAP_CHOWN|1<<CAP_KILL}; null if unreadable. */
    private static Long capSet(Arg a) {
        if (a instanceof Num n) {
            return n.value();
        }
        if (!(a instanceof Sym sym)) {
            return null;
        }
        long set = 0;
        for (String part : sym.parts()) {
            String p = part.trim();
            if (!p.startsWith("1<<CAP_")) {
                return null;
            }
            int bit = CAPS.indexOf(p.substring("1<<CAP_".length()));
            if (bit < 0) {
                return null;
            }
            set |= 1L << bit;
        }
        return set;
    }

    /** The credentials the record shows the program started with. */
    Cred cred() {
        long u = euid != null ? euid : uid != null ? uid : 0;
        long ru = uid != null ? uid : u;
        long su = suid != null ? suid : u;
        long g = egid != null ? egid : gid != null ? gid : (uid == null && euid == null ? 0 : u);
        long rg = gid != null ? gid : g;
        long sg = sgid != null ? sgid : g;
        boolean root = ru == 0 || u == 0 || su == 0;
        long permitted = capPermitted != null ? capPermitted : root ? Cred.CAP_FULL_SET : 0;
        long effective = capEffective != null ? capEffective : u == 0 ? permitted : 0;
        // What root gets back at exec: the recording machine's bounding set, as far as the permitted set shows it.
        long bset = root && capPermitted != null ? capPermitted : Cred.CAP_FULL_SET;
        List<Integer> gs = groups == null ? (root && g == 0 ? List.of() : List.of((int) g)) : List.copyOf(groups);
        return new Cred((int) ru, (int) u, (int) su, (int) u, (int) rg, (int) g, (int) sg, (int) g, gs, effective,
                permitted, bset, 0);
    }

    /** Makes {@code task} run as the record shows the program ran. */
    void applyTo(Task task) {
        task.setCred(cred());
    }
}
