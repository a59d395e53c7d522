package dev.kemu.vfs;

/**
 * The clone checks that differ between versions ({@code kernel/fork.c}).
 *
 * @param pidfd CLONE_PIDFD exists (5.2); before, its bit is ignored by the legacy clone
 * @param clearSighand clone3 accepts CLONE_CLEAR_SIGHAND (5.5)
 * @param intoCgroup clone3 accepts CLONE_INTO_CGROUP (5.7)
 * @param newTimeInClone3 clone3 accepts CLONE_NEWTIME although it lies in the CSIGNAL byte
 *     (6.3, backported to stable branches)
 * @param pidfdThread CLONE_PIDFD may go with CLONE_THREAD (6.9, {@code PIDFD_THREAD})
 */
public record CloneRules(boolean pidfd, boolean clearSighand, boolean intoCgroup, boolean newTimeInClone3,
        boolean pidfdThread) {
    /** The rules of the newest modelled release. */
    public static final CloneRules LATEST = new CloneRules(true, true, true, true, true);
}
