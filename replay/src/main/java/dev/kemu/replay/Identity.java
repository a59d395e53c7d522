package dev.kemu.replay;

import dev.kemu.vfs.Capability;
import dev.kemu.vfs.Task;
import java.util.Set;

/**
 * Who the recorded program ran as. Identity calls are outside the model's state (their results are taken from the
 * record), but what they show decides checks the model makes: a program that ran as an ordinary user has no
 * capabilities, so F_SETPIPE_SZ above {@code pipe-max-size}, chown to another user or mknod of a device give EPERM
 * as they did. The first value each call shows is taken; without any, the task stays root, as scenarios written by
 * hand assume.
 */
final class Identity {
    private Long uid;
    private Long euid;
    private Long gid;
    private Long egid;
    private Set<Integer> groups;

    void uid(long v) {
        if (uid == null) {
            uid = v;
        }
    }

    void euid(Long v) {
        if (euid == null && v != null) {
            euid = v;
        }
    }

    void gid(long v) {
        if (gid == null) {
            gid = v;
        }
    }

    void egid(Long v) {
        if (egid == null && v != null) {
            egid = v;
        }
    }

    void groups(Set<Integer> g) {
        if (groups == null) {
            groups = Set.copyOf(g);
        }
    }

    /** Makes {@code task} run as the record shows the program ran: an ordinary user has no capabilities. */
    void applyTo(Task task) {
        Long user = euid != null ? euid : uid;
        if (user == null || user == 0) {
            return;
        }
        Long group = egid != null ? egid : gid;
        int g = group == null ? user.intValue() : group.intValue();
        task.setCredentials(user.intValue(), g, groups == null ? Set.of(g) : groups);
        for (Capability c : Capability.values()) {
            task.dropCapability(c);
        }
    }
}
